import type { Order, OrderCoupon, OrderLine } from '../../../../typings/models';
import { couponPhase, discountLines, fitCoupon } from '../../domain/coupons';
import { fail } from '../../domain/errors';
import type { CouponClaimDoc } from '../../repos/coupons';
import type { OrderDeps } from './deps';

export interface CouponOnOrder {
  claim: CouponClaimDoc;
  coupon: OrderCoupon;
  /** The priced lines with the discount spread on them (amountFen is what is paid). */
  lines: OrderLine[];
}

/**
 * The caller's claimed copy checked against the priced lines, on the server:
 * the discount comes from the copy's terms, never from the client. A copy
 * already on this very order (a retried create) still counts as the caller's.
 */
export async function couponForOrder(
  deps: OrderDeps,
  openid: string,
  orderId: string,
  claimId: string,
  lines: OrderLine[],
  now: Date,
): Promise<CouponOnOrder> {
  const claim = await deps.coupons.claimById(claimId);
  if (!claim || claim.openid !== openid) throw fail.notFound('优惠券');
  if (claim.orderId && claim.orderId !== orderId) throw fail.state('优惠券已使用');
  const firstOrder = claim.terms.kind === 'newResident' && !(await deps.orders.hasBought(openid));
  const fit = fitCoupon(claim.terms, lines, { at: now, firstOrder });
  if (!fit.applies) throw fail.state(`优惠券不可用：${fit.reason}`);
  return {
    claim,
    coupon: { claimId, couponId: claim.couponId, title: claim.title, discountFen: fit.discountFen },
    lines: discountLines(lines, fit.lineDiscounts),
  };
}

/** Puts the copy on the order; refused when a parallel order took it first. */
export async function takeCoupon(deps: OrderDeps, c: CouponOnOrder, orderId: string, now: Date): Promise<void> {
  if (await deps.coupons.useClaim(c.claim, orderId, c.coupon.discountFen, now)) return;
  const again = await deps.coupons.claimById(c.claim._id);
  if (again?.orderId !== orderId) throw fail.state('优惠券已使用');
}

type CouponBackDeps = { coupons: Pick<OrderDeps['coupons'], 'claimById' | 'giveClaimBack'> };

/** A cancelled order (or one never made) gives its copy back, once: guarded on the copy still being on it. */
export async function giveCouponBack(
  deps: { coupons: Pick<OrderDeps['coupons'], 'giveClaimBack'> },
  order: Pick<Order, '_id' | 'coupon'>,
) {
  if (!order.coupon) return;
  try {
    await deps.coupons.giveClaimBack(order.coupon.claimId, order.coupon.couponId, order._id);
  } catch (err) {
    console.error('[coupon] give back failed', order._id, order.coupon, err);
  }
}

/**
 * The platform gave a whole order back for its own reason (an item's minimum
 * not reached, a failed 拼团): the copy comes back to the resident if it is
 * still within its validity (once, as giveCouponBack); an expired one stays used.
 */
export async function giveValidCouponBack(deps: CouponBackDeps, order: Pick<Order, '_id' | 'coupon'>, at: Date) {
  if (!order.coupon) return;
  const claim = await deps.coupons.claimById(order.coupon.claimId);
  if (claim && couponPhase(claim.terms, at) !== 'expired') await giveCouponBack(deps, order);
}
