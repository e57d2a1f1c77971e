import type { MyCouponView } from '../../../../typings/coupons';
import { fail } from '../../domain/errors';
import { businessDate } from '../../domain/time';
import { grantedClaimIdFor, type CouponClaimDoc } from '../../repos/coupons';
import { couponDeps, type CouponDeps } from './deps';
import { myCouponView, termsOf } from './views';

/**
 * A copy the system gives a resident (a referral reward, a membership coupon),
 * once per `grantKey`: the copy's _id is made of the coupon, the resident and
 * the key, so a retried or parallel grant finds or meets the first one and
 * answers it. 领券中心's rules for residents (每人限领, paused, 新人券) do not
 * apply; the coupon's copies and window do: a copy is taken by the same kind of
 * guarded $inc as a claim and given back when a parallel grant won the insert.
 * Refusals: NOT_FOUND (no such coupon), INVALID_STATE 该优惠券已过期 / 优惠券已领完;
 * nothing is changed then.
 */
export async function grantCoupon(
  couponId: string,
  openid: string,
  grantKey: string,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<MyCouponView> {
  const _id = grantedClaimIdFor(couponId, openid, grantKey);
  const [coupon, given] = await Promise.all([deps.coupons.couponById(couponId), deps.coupons.claimById(_id)]);
  if (given) return myCouponView(given, now);
  if (!coupon) throw fail.notFound('优惠券');
  const today = businessDate(now);
  if (today > coupon.validTo) throw fail.state('该优惠券已过期');
  if (!(await deps.coupons.takeGrantedCopy(couponId, coupon.total, today))) {
    // The last copies may be held for a moment by parallel grants of this very key.
    const won = await deps.coupons.claimById(_id);
    if (won) return myCouponView(won, now);
    throw fail.state('优惠券已领完');
  }
  const claim: CouponClaimDoc = {
    _id,
    couponId,
    openid,
    seq: 0,
    grantKey,
    title: coupon.title,
    terms: termsOf(coupon),
    claimedAt: now,
  };
  let inserted = false;
  try {
    inserted = await deps.coupons.insertClaimOnce(claim);
  } finally {
    if (!inserted) await deps.coupons.giveCopyBack(couponId);
  }
  if (inserted) return myCouponView(claim, now);
  return myCouponView((await deps.coupons.claimById(_id)) ?? claim, now);
}
