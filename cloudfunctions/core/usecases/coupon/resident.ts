import type { CartCoupon, CartCoupons, ClaimState, CouponOffer, MyCouponView } from '../../../../typings/coupons';
import { bestCombination, fitCoupon, fitCoupons, whyNotClaimed } from '../../domain/coupons';
import { fail } from '../../domain/errors';
import { priceOrder, type RequestedLine } from '../../domain/pricing';
import { businessDate } from '../../domain/time';
import { claimIdFor, type CouponClaimDoc } from '../../repos/coupons';
import { couponDeps, type CouponDeps } from './deps';
import { claimState, myCouponView, termsOf } from './views';

const NEW_RESIDENTS_ONLY = '新人券仅限还没有下过单的居民领取';

/** 领券中心: what is on offer now with copies left, and what the caller holds of each. */
export async function availableCoupons(
  openid: string,
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<CouponOffer[]> {
  const [user, bought] = await Promise.all([deps.users.userById(openid), deps.orders.hasBought(openid)]);
  const offered = await deps.coupons.couponsOnOffer(businessDate(now), 100, user?.pickupPointId);
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
  if (coupon.pickupPointId && (await deps.users.userById(openid))?.pickupPointId !== coupon.pickupPointId)
    throw fail.state('该团长券仅限本自提点的居民领取');
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
        ...(coupon.leaderId ? { leaderId: coupon.leaderId } : {}),
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

/**
 * Checkout's coupon choice: the cart priced on the server as order.create
 * prices it, each unused copy fitted to it, the best one chosen. order.create
 * checks the chosen copy again; this answer only helps the resident choose.
 * Listed as bestCoupon ranks: largest discount, then the one expiring first.
 */
export async function couponsForCart(
  openid: string,
  cart: { batchId: string; lines: RequestedLine[]; pickupPointId?: string },
  now: Date,
  deps: CouponDeps = couponDeps,
): Promise<CartCoupons> {
  const [items, held, user, { stacking }] = await Promise.all([
    deps.batchItems.itemsByIds([...new Set(cart.lines.map((l) => l.batchItemId))]),
    deps.coupons.claimsOf(openid, 100),
    cart.pickupPointId ? undefined : deps.users.userById(openid),
    deps.settings.couponSettings(),
  ]);
  const { lines, totalFen } = priceOrder(cart.batchId, cart.lines, items);
  const unused = held.filter((c) => claimState(c, now) === 'unused');
  const firstOrder = unused.some((c) => c.terms.kind === 'newResident') && !(await deps.orders.hasBought(openid));
  const ctx = { at: now, firstOrder, pickupPointId: cart.pickupPointId ?? user?.pickupPointId };
  const coupons = unused
    .map((c): CartCoupon => {
      const fit = fitCoupon(c.terms, lines, ctx);
      const view = myCouponView(c, now);
      if (fit.applies) return { ...view, applies: true, discountFen: fit.discountFen };
      return { ...view, applies: false, reason: fit.reason, ...(fit.shortFen ? { shortFen: fit.shortFen } : {}) };
    })
    .sort((a, b) => off(b) - off(a) || a.validTo.localeCompare(b.validTo));
  const best = bestCombination(unused, lines, ctx, stacking);
  const fit = fitCoupons(best, lines, ctx);
  const bestIds = best.map((c) => c._id);
  return {
    listTotalFen: totalFen,
    coupons,
    ...(bestIds.length ? { bestId: bestIds[0] } : {}),
    bestIds,
    bestDiscountFen: best.length && fit.applies ? fit.discountFen : 0,
    stacking,
  };
}

const off = (c: CartCoupon) => (c.applies ? c.discountFen : -1);
