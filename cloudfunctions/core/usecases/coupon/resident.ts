import type { ClaimState, CouponOffer, MyCouponView } from '../../../../typings/coupons';
import { whyNotClaimed } from '../../domain/coupons';
import { fail } from '../../domain/errors';
import { businessDate } from '../../domain/time';
import { claimIdFor, type CouponClaimDoc } from '../../repos/coupons';
import { couponDeps, type CouponDeps } from './deps';
import { myCouponView, termsOf } from './views';

const NEW_RESIDENTS_ONLY = '新人券仅限还没有下过单的居民领取';

/** 领券中心: what is on offer now with copies left, and what the caller holds of each. */
export async function availableCoupons(
  openid: string,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<CouponOffer[]> {
  const [offered, bought] = await Promise.all([
    deps.coupons.couponsOnOffer(businessDate(now), 100),
    deps.orders.hasBought(openid),
  ]);
  const held = await deps.coupons.claimCountsOf(
    openid,
    offered.map((c) => c._id),
  );
  return offered
    .map((c) => ({ c, mine: held.get(c._id) ?? 0 }))
    .filter(({ c, mine }) => (c.claimed < c.total || mine > 0) && (c.kind !== 'newResident' || !bought || mine > 0))
    .map(({ c, mine }) => ({
      _id: c._id,
      title: c.title,
      ...termsOf(c),
      left: Math.max(0, c.total - c.claimed),
      perResident: c.perResident,
      mine,
    }));
}

/**
 * 领取. The copy is taken first, by one guarded $inc on the coupon (never more
 * than total), then recorded under the resident's next free claim _id (never
 * more than perResident: two parallel claims of one resident meet on it); a
 * copy whose claim could not be recorded is given back. Not read-then-write:
 * the counts read here only explain a refusal or skip a doomed attempt.
 */
export async function claimCoupon(
  openid: string,
  couponId: string,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<MyCouponView> {
  const coupon = await deps.coupons.couponById(couponId);
  if (!coupon) throw fail.notFound('优惠券');
  const held = await deps.coupons.claimCountOf(openid, couponId);
  const why = whyNotClaimed({ ...coupon, held }, now);
  if (why) throw fail.state(why);
  if (coupon.kind === 'newResident' && (await deps.orders.hasBought(openid))) throw fail.state(NEW_RESIDENTS_ONLY);
  if (!(await deps.coupons.takeCopy(couponId, coupon.total, businessDate(now)))) {
    const again = await deps.coupons.couponById(couponId);
    throw fail.state((again && whyNotClaimed({ ...again, held }, now)) ?? '优惠券已领完');
  }
  try {
    for (let seq = held + 1; seq <= coupon.perResident; seq++) {
      const claim: CouponClaimDoc = {
        _id: claimIdFor(couponId, openid, seq),
        couponId,
        openid,
        seq,
        title: coupon.title,
        terms: termsOf(coupon),
        claimedAt: now,
      };
      if (await deps.coupons.insertClaimOnce(claim)) return myCouponView(claim, now);
    }
  } catch (err) {
    await deps.coupons.giveCopyBack(couponId);
    throw err;
  }
  await deps.coupons.giveCopyBack(couponId);
  throw fail.state(`每人限领 ${coupon.perResident} 张`);
}

/** 我的优惠券: the latest 100 claimed copies, of one state when asked. */
export async function myCoupons(
  openid: string,
  state: ClaimState | undefined,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<MyCouponView[]> {
  const views = (await deps.coupons.claimsOf(openid, 100)).map((c) => myCouponView(c, now));
  return state ? views.filter((v) => v.state === state) : views;
}
