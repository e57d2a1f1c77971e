import type { CouponTerms } from './coupons';

/**
 * 邀请有礼 (referral): a resident shares 我的 → 邀请有礼 with `ref=<invite code>`
 * (an opaque code, never the openid) in the path; a new resident opening it is
 * bound to the referrer once (user.enter); when the invitee's first order is
 * picked up (not refunded in full), both get the coupon and/or the points the admin chose, once.
 * Settings: console 设置 → 邀请有礼 (admin `settings.referral`).
 */

/** Rewarded invites one referrer may have per Shanghai month: the default and the bounds the console may set. */
export const REFERRAL_CAP_DEFAULT = 20;
export const REFERRAL_CAP_MAX = 1000;
/** Points one side may get for one rewarded invite. */
export const REFERRAL_POINTS_MAX = 10_000;

export interface ReferralSettings {
  enabled: boolean;
  /** The coupon the referrer gets for each rewarded invite; null = none. */
  referrerCouponId: string | null;
  /** The coupon the invitee gets; null = none. */
  inviteeCouponId: string | null;
  /** Points (typings/points.ts) each side gets; 0 = none. */
  referrerPoints: number;
  inviteePoints: number;
  /** Rewarded invites per referrer per month (1..REFERRAL_CAP_MAX). */
  monthlyCap: number;
}

export const DEFAULT_REFERRAL_SETTINGS: ReferralSettings = {
  enabled: false,
  referrerCouponId: null,
  inviteeCouponId: null,
  referrerPoints: 0,
  inviteePoints: 0,
  monthlyCap: REFERRAL_CAP_DEFAULT,
};

/** bound: invited, waiting for the first pickup; rewarded: both rewards given; refused: see the reason. */
export type ReferralStatus = 'bound' | 'rewarded' | 'refused';

/**
 * Why an invite was not bound or not rewarded (recorded, never shown to the
 * invitee): self 自己邀请自己, samePhone 与邀请人手机号相同, cap 邀请人本月奖励已满,
 * unknownCode 邀请码不存在, hasOrdered 已下过单的老用户.
 */
export type ReferralRefusal = 'self' | 'samePhone' | 'cap' | 'unknownCode' | 'hasOrdered';

/** One side's reward as given: the coupon copy granted, or why the coupon could not be given (sold out, expired). */
export type ReferralReward =
  { couponId: string; claimId: string; title: string } | { couponId: string; failed: string };

/** The reward a rule promises, as the invite page explains it (the coupon's title and terms). */
export interface ReferralRewardOffer extends CouponTerms {
  title: string;
}

/** user.invite: everything 邀请有礼 shows. */
export interface InviteView {
  enabled: boolean;
  /** The caller's invite code ('' while the programme is off). */
  code: string;
  /** The share path: home with the caller's pickup point's leader and ref=<code>. */
  path: string;
  title: string;
  referrerReward?: ReferralRewardOffer;
  inviteeReward?: ReferralRewardOffer;
  /** Points each side gets (0 = none). */
  referrerPoints: number;
  inviteePoints: number;
  monthlyCap: number;
  /** Neighbours the caller invited, newest first (the latest 50): masked nickname (张**), never an openid. */
  invites: Array<{ name: string; status: 'bound' | 'rewarded'; boundAt: string; rewardedAt?: string }>;
  /** Coupons the caller received from referrals (as referrer or as invitee), newest first. */
  rewards: Array<{ title: string; claimId: string; at: string; as: 'referrer' | 'invitee' }>;
}
