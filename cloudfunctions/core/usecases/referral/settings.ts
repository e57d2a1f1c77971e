import type { ReferralSettingsInput } from '../../../../typings/contracts/admin/settings';
import type { ReferralSettings } from '../../../../typings/referral';
import { fail } from '../../domain/errors';
import { businessDate } from '../../domain/time';
import { saveReferralSettings } from '../../repos/settings';
import { referralDeps, type ReferralDeps } from './deps';

/**
 * 设置 → 邀请有礼, replaced whole. A named coupon must exist and still be
 * usable (its last day not past), and the programme cannot be on with no
 * reward; otherwise INVALID_INPUT and nothing is saved. A paused coupon is
 * fine: rewards are granted past 领券中心's pause (a coupon kept for rewards
 * only is best paused, so nobody claims it in 领券中心).
 */
export async function saveReferral(
  input: ReferralSettingsInput,
  now: Date,
  deps: ReferralDeps = referralDeps,
): Promise<void> {
  const s: ReferralSettings = {
    ...input,
    referrerPoints: input.referrerPoints ?? 0,
    inviteePoints: input.inviteePoints ?? 0,
  };
  if (s.enabled && !s.referrerCouponId && !s.inviteeCouponId && !s.referrerPoints && !s.inviteePoints)
    throw fail.invalid('开启邀请有礼须选择奖励的优惠券或积分');
  for (const [id, who] of [
    [s.referrerCouponId, '邀请人奖励'],
    [s.inviteeCouponId, '新用户奖励'],
  ] as const) {
    if (!id) continue;
    const coupon = await deps.coupons.couponById(id);
    if (!coupon) throw fail.invalid(`${who}的优惠券不存在`);
    if (coupon.validTo < businessDate(now)) throw fail.invalid(`${who}的优惠券「${coupon.title}」已过期`);
  }
  await saveReferralSettings(s, now);
}
