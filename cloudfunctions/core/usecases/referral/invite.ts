import type { InviteView, ReferralReward, ReferralRewardOffer } from '../../../../typings/referral';
import { newInviteCode } from '../../domain/ids';
import { HOME_PAGE } from '../leader/share';
import { authorOf } from '../review/views';
import { termsOf } from '../coupon/views';
import { iso } from '../admin/common';
import { referralDeps, type ReferralDeps } from './deps';

const INVITES_SHOWN = 50;

/**
 * The caller's invite code: made once, on the first visit to 邀请有礼. A code
 * drawn twice, or a parallel first visit that stored its own code first (the
 * unique openid index), is met on insert; the stored one is answered.
 */
export async function inviteCodeOf(openid: string, now: Date, deps: ReferralDeps = referralDeps): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const mine = await deps.referrals.codeOf(openid);
    if (mine) return mine;
    const code = newInviteCode();
    if (await deps.referrals.insertCodeOnce({ _id: code, openid, createdAt: now })) return code;
  }
  throw new Error('no invite code could be stored');
}

/** user.invite: the rules and share path (with the caller's point's leader and ref), and whom the caller invited. */
export async function myInvite(openid: string, now: Date, deps: ReferralDeps = referralDeps): Promise<InviteView> {
  const [settings, user, own] = await Promise.all([
    deps.settings.referralSettings(),
    deps.users.userById(openid),
    deps.referrals.referralOf(openid),
  ]);
  const [code, invites, point, referrerReward, inviteeReward] = await Promise.all([
    settings.enabled ? inviteCodeOf(openid, now, deps) : '',
    deps.referrals.invitesOf(openid, INVITES_SHOWN),
    user?.pickupPointId ? deps.pickupPoints.pickupPointById(user.pickupPointId) : undefined,
    offerOf(settings.referrerCouponId, deps),
    offerOf(settings.inviteeCouponId, deps),
  ]);
  const profiles = await deps.users.profilesOf(invites.map((i) => i._id));
  const query = [point ? `leaderId=${encodeURIComponent(point.leaderId)}` : '', code ? `ref=${code}` : '']
    .filter(Boolean)
    .join('&');
  const given = (r: ReferralReward | undefined, at: Date | undefined, as: 'referrer' | 'invitee') =>
    r && 'claimId' in r ? [{ title: r.title, claimId: r.claimId, at: iso(at)!, as }] : [];
  const rewards = [
    ...invites.flatMap((i) => given(i.rewards?.referrer, i.rewardedAt, 'referrer')),
    ...(own?.status === 'rewarded' ? given(own.rewards?.invitee, own.rewardedAt, 'invitee') : []),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return {
    enabled: settings.enabled,
    code,
    path: `/${HOME_PAGE}${query ? `?${query}` : ''}`,
    title: `${user?.nickname ?? '邻居'}邀请你来社区团购，首单取货后送优惠券`,
    ...(referrerReward ? { referrerReward } : {}),
    ...(inviteeReward ? { inviteeReward } : {}),
    referrerPoints: settings.referrerPoints,
    inviteePoints: settings.inviteePoints,
    monthlyCap: settings.monthlyCap,
    invites: invites.map((i) => ({
      name: authorOf(profiles.get(i._id)?.nickname),
      status: i.status === 'rewarded' ? 'rewarded' : 'bound',
      boundAt: iso(i.boundAt)!,
      ...(i.status === 'rewarded' && i.rewardedAt ? { rewardedAt: iso(i.rewardedAt) } : {}),
    })),
    rewards,
  };
}

async function offerOf(couponId: string | null, deps: ReferralDeps): Promise<ReferralRewardOffer | undefined> {
  const coupon = couponId ? await deps.coupons.couponById(couponId) : undefined;
  return coupon ? { title: coupon.title, ...termsOf(coupon) } : undefined;
}
