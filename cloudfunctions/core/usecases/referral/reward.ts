import type { Order } from '../../../../typings/models';
import type { ReferralReward } from '../../../../typings/referral';
import { AppError } from '../../domain/errors';
import { referralMonth, rewardsInvite, whyNotRewarded } from '../../domain/referral';
import { grantCoupon } from '../coupon/grant';
import { creditPoints } from '../points/ledger';
import { referralDeps, type ReferralDeps } from './deps';

/**
 * The pickup hook (leader verify, after the commission): the invitee's first
 * order picked up and not refunded in full rewards the invite, once. The
 * invite moves bound → rewarded by one guarded update (of parallel pickups one
 * wins) naming this order and the coupons chosen now; then each side's reward
 * is granted under a key of the invite, so a repeated or parallel hook for
 * this order grants the same copies and nothing more. An order that does not
 * qualify, an invite refused or rewarded by another order, or 邀请有礼 turned
 * off changes nothing.
 */
export async function rewardReferral(order: Order, now: Date, deps: ReferralDeps = referralDeps): Promise<void> {
  if (!rewardsInvite(order)) return;
  let invite = await deps.referrals.referralOf(order.openid);
  if (!invite?.referrerOpenid || invite.status === 'refused') return;
  if (invite.status === 'bound') {
    const settings = await deps.settings.referralSettings();
    if (!settings.enabled) return;
    const month = referralMonth(now);
    const [invitee, referrer, rewardedThisMonth] = await Promise.all([
      deps.users.userById(order.openid),
      deps.users.userById(invite.referrerOpenid),
      deps.referrals.rewardedCountOf(invite.referrerOpenid, month),
    ]);
    const reason = whyNotRewarded({
      inviteePhone: invitee?.phone,
      referrerPhone: referrer?.phone,
      rewardedThisMonth,
      monthlyCap: settings.monthlyCap,
    });
    if (reason) return deps.referrals.refuseBound(order.openid, reason, order._id, now);
    await deps.referrals.markRewarded(order.openid, {
      orderId: order._id,
      month,
      rewardedAt: now,
      referrerCouponId: settings.referrerCouponId,
      inviteeCouponId: settings.inviteeCouponId,
      referrerPoints: settings.referrerPoints,
      inviteePoints: settings.inviteePoints,
    });
    invite = await deps.referrals.referralOf(order.openid);
  }
  if (invite?.status !== 'rewarded' || invite.orderId !== order._id || !invite.referrerOpenid) return;
  const key = `referral:${invite._id}`;
  const [referrer, invitee] = await Promise.all([
    giveReward(invite.referrerOpenid, invite.referrerCouponId, invite.referrerPoints, `${key}:referrer`, now),
    giveReward(invite._id, invite.inviteeCouponId, invite.inviteePoints, `${key}:invitee`, now),
  ]);
  await deps.referrals.saveRewards(invite._id, {
    ...(referrer ? { referrer } : {}),
    ...(invitee ? { invitee } : {}),
  });
}

/**
 * One side's reward: THE place a referral reward is given. The points the admin
 * chose (credited once per key: a 邀请奖励 entry in the points ledger) and the
 * coupon (granted once per key, past 领券中心's limits, within its copies and
 * window). A coupon that cannot be given (sold out, expired, deleted) is recorded, not thrown.
 */
async function giveReward(
  openid: string,
  couponId: string | null | undefined,
  points: number | undefined,
  grantKey: string,
  now: Date,
): Promise<ReferralReward | undefined> {
  if (points) await creditPoints(openid, grantKey, 'referral', points, now);
  if (!couponId) return undefined;
  try {
    const copy = await grantCoupon(couponId, openid, grantKey, now);
    return { couponId, claimId: copy._id, title: copy.title };
  } catch (err) {
    if (err instanceof AppError) return { couponId, failed: err.message };
    throw err;
  }
}
