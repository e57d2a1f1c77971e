import type { Order, OrderCoupon, OrderLine } from '../../../../typings/models';
import { couponPhase, fitCoupons, whyNotTogether } from '../../domain/coupons';
import { fail } from '../../domain/errors';
import type { CouponClaimDoc } from '../../repos/coupons';
import type { OrderDeps } from './deps';

export interface CouponsOnOrder {
  claims: CouponClaimDoc[];
  /** The platform's coupon and the 团长券, as the order records them. */
  coupon?: OrderCoupon;
  leaderCoupon?: OrderCoupon;
  discountFen: number;
  /** The priced lines with the discounts spread on them (amountFen is what is paid). */
  lines: OrderLine[];
}

/**
 * The caller's claimed copies checked against the priced lines and the order's
 * point, on the server: the discounts come from the copies' terms, never from
 * the client. Two go together only with the admin's stacking on, and then as
 * one platform coupon + one 团长券. A copy already on this very order (a
 * retried create) still counts as the caller's.
 */
export async function couponsForOrder(
  deps: OrderDeps,
  openid: string,
  order: { _id: string; pickupPointId: string },
  claimIds: readonly string[],
  lines: OrderLine[],
  now: Date,
): Promise<CouponsOnOrder> {
  if (new Set(claimIds).size !== claimIds.length) throw fail.invalid('同一张优惠券只能使用一次');
  const claims = await Promise.all(claimIds.map((id) => deps.coupons.claimById(id)));
  const mine = claims.filter((c): c is CouponClaimDoc => c?.openid === openid);
  if (mine.length !== claims.length) throw fail.notFound('优惠券');
  const stacking = mine.length > 1 && (await deps.settings.couponSettings()).stacking;
  const apart = whyNotTogether(mine, stacking);
  if (apart) throw fail.invalid(apart);
  if (mine.some((c) => c.orderId && c.orderId !== order._id)) throw fail.state('优惠券已使用');
  const firstOrder = mine.some((c) => c.terms.kind === 'newResident') && !(await deps.orders.hasBought(openid));
  const fit = fitCoupons(mine, lines, { at: now, firstOrder, pickupPointId: order.pickupPointId });
  if (!fit.applies) throw fail.state(`优惠券不可用：${fit.reason}`);
  const onOrder = mine.map((c, i): OrderCoupon => ({
    claimId: c._id,
    couponId: c.couponId,
    title: c.title,
    discountFen: fit.discounts[i],
    ...(c.leaderId ? { leaderId: c.leaderId } : {}),
  }));
  return {
    claims: mine,
    coupon: onOrder.find((c) => !c.leaderId),
    leaderCoupon: onOrder.find((c) => c.leaderId),
    discountFen: fit.discountFen,
    lines: fit.lines,
  };
}

const couponsOf = (o: Pick<Order, 'coupon' | 'leaderCoupon'>) =>
  [o.coupon, o.leaderCoupon].filter((c): c is OrderCoupon => !!c);

/** Puts the copies on the order; refused (and none left on it) when a parallel order took one first. */
export async function takeCoupons(deps: OrderDeps, c: CouponsOnOrder, orderId: string, now: Date): Promise<void> {
  const taken: OrderCoupon[] = [];
  for (const onOrder of couponsOf(c)) {
    const claim = c.claims.find((k) => k._id === onOrder.claimId)!;
    if (await deps.coupons.useClaim(claim, orderId, onOrder.discountFen, now)) {
      taken.push(onOrder);
      continue;
    }
    const again = await deps.coupons.claimById(claim._id);
    if (again?.orderId === orderId) continue;
    await giveCopiesBack(deps, orderId, taken);
    throw fail.state('优惠券已使用');
  }
}

/** A cancelled order (or one never made) gives its copies back, once each: guarded on the copy still being on it. */
export async function giveCouponBack(
  deps: { coupons: Pick<OrderDeps['coupons'], 'giveClaimBack'> },
  order: Pick<Order, '_id' | 'coupon' | 'leaderCoupon'>,
) {
  await giveCopiesBack(deps, order._id, couponsOf(order));
}

async function giveCopiesBack(
  deps: { coupons: Pick<OrderDeps['coupons'], 'giveClaimBack'> },
  orderId: string,
  copies: readonly OrderCoupon[],
) {
  for (const c of copies) {
    try {
      await deps.coupons.giveClaimBack(c.claimId, c.couponId, orderId);
    } catch (err) {
      console.error('[coupon] give back failed', orderId, c, err);
    }
  }
}

type CouponBackDeps = { coupons: Pick<OrderDeps['coupons'], 'claimById' | 'giveClaimBack'> };

/**
 * The platform gave a whole order back for its own reason (an item's minimum
 * not reached, a failed 拼团): each copy comes back to the resident if it is
 * still within its validity (once, as giveCouponBack); an expired one stays used.
 */
export async function giveValidCouponBack(
  deps: CouponBackDeps,
  order: Pick<Order, '_id' | 'coupon' | 'leaderCoupon'>,
  at: Date,
) {
  const valid: OrderCoupon[] = [];
  for (const c of couponsOf(order)) {
    const claim = await deps.coupons.claimById(c.claimId);
    if (claim && couponPhase(claim.terms, at) !== 'expired') valid.push(c);
  }
  await giveCopiesBack(deps, order._id, valid);
}
