import type { ReferralRefusal, ReferralReward, ReferralStatus } from '../../../typings/referral';
import { cmd, collection } from './db';

/** A resident's 邀请有礼 code (_id) and its owner; one per resident (unique index on openid). */
export interface InviteCodeDoc {
  _id: string;
  openid: string;
  createdAt: Date;
}

/**
 * One invite, under the INVITEE's openid: inserting it is the binding, so a
 * resident is bound once however many shares race. A refused attempt is kept
 * with its reason; a later valid invite may still replace a refused one (only
 * a refused one). The reward moves it bound → rewarded once (guarded on bound)
 * and names the order and the coupons, so a repeated pickup hook grants the
 * same copies again (idempotent) and nothing more.
 */
export interface ReferralDoc {
  _id: string;
  code: string;
  /** Missing only for an unknown code. */
  referrerOpenid?: string;
  status: ReferralStatus;
  reason?: ReferralRefusal;
  boundAt: Date;
  /** Set by the reward: the order whose pickup earned it, its month (the cap) and the coupons then chosen. */
  orderId?: string;
  month?: string;
  rewardedAt?: Date;
  /** Set when a bound invite was refused at its pickup (with orderId and reason). */
  refusedAt?: Date;
  referrerCouponId?: string | null;
  inviteeCouponId?: string | null;
  /** The points then chosen for each side (missing on invites rewarded before points existed = 0). */
  referrerPoints?: number;
  inviteePoints?: number;
  rewards?: { referrer?: ReferralReward; invitee?: ReferralReward };
}

// A fresh environment has neither collection: the first write creates it, reads before it find nothing.
const codes = () => collection('inviteCodes');
const referrals = () => collection('referrals');

export const codeOf = async (openid: string): Promise<string | undefined> =>
  (await codes().orNothing(() => codes().findOne({ openid }), undefined))?._id;

export const codeOwner = async (code: string): Promise<string | undefined> =>
  (await codes().orNothing(() => codes().byId(code), undefined))?.openid;

/** False when the code is taken, or when this resident got a code meanwhile (unique openid). */
export const insertCodeOnce = (doc: InviteCodeDoc) => codes().creating(() => codes().insertOnce(doc));

export const referralOf = (inviteeOpenid: string) =>
  referrals().orNothing(() => referrals().byId(inviteeOpenid), undefined);

/** The binding: false when this invitee has a referral document already. */
export const insertReferralOnce = (doc: ReferralDoc) => referrals().creating(() => referrals().insertOnce(doc));

/** A valid invite over a refused one (never over a bound or rewarded one). */
export async function replaceRefused(doc: ReferralDoc): Promise<boolean> {
  const { _id, ...fields } = doc;
  return (await referrals().update({ _id, status: 'refused' }, { ...fields, reason: cmd.remove() })) === 1;
}

/** A bound invite refused at its reward (same phone, cap reached since binding). */
export async function refuseBound(inviteeOpenid: string, reason: ReferralRefusal, orderId: string, at: Date) {
  await referrals().update(
    { _id: inviteeOpenid, status: 'bound' },
    { status: 'refused', reason, orderId, refusedAt: at },
  );
}

/** bound → rewarded for this order, once: of parallel pickups one wins. */
export async function markRewarded(
  inviteeOpenid: string,
  fields: Required<
    Pick<
      ReferralDoc,
      'orderId' | 'month' | 'rewardedAt' | 'referrerCouponId' | 'inviteeCouponId' | 'referrerPoints' | 'inviteePoints'
    >
  >,
): Promise<boolean> {
  return (await referrals().update({ _id: inviteeOpenid, status: 'bound' }, { status: 'rewarded', ...fields })) === 1;
}

export async function saveRewards(inviteeOpenid: string, rewards: NonNullable<ReferralDoc['rewards']>) {
  await referrals().update({ _id: inviteeOpenid, status: 'rewarded' }, { rewards });
}

/** Invites of this referrer rewarded in this month (the cap). */
export const rewardedCountOf = (referrerOpenid: string, month: string) =>
  referrals().orNothing(() => referrals().count({ referrerOpenid, status: 'rewarded', month }), 0);

/** The referrer's invites that bound (waiting or rewarded), newest first. */
export const invitesOf = (referrerOpenid: string, limit: number) =>
  referrals().orNothing(
    () =>
      referrals().find(
        { referrerOpenid, status: cmd.in(['bound', 'rewarded']) },
        { orderBy: [['boundAt', 'desc']], limit },
      ),
    [],
  );
