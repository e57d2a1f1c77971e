import * as z from 'zod/mini';
import type { CartCoupons, ClaimState, CouponOffer, MyCouponView } from '../coupons';
import { contract, label } from './define';
import { id, requestedLines } from './shapes';

const STATES: Record<ClaimState, true> = { unused: true, used: true, expired: true };

/** A resident's coupons (in the order function, next to the checkout that uses them). */
export const coupons = {
  /** 领券中心: coupons on offer now with copies left (新人券 only to a resident who has not bought yet). */
  'coupons.available': contract(() => z.object({})).answers<CouponOffer[]>(),
  /** Takes one copy: at most the coupon's total under any number of parallel claims, at most perResident per resident. */
  'coupons.claim': contract(() => z.object({ couponId: label(id, '优惠券') })).answers<MyCouponView>(),
  /** 我的优惠券: the caller's claimed copies, newest first (the latest 100). */
  'coupons.mine': contract(() =>
    z.object({ state: z.optional(label(z.enum(Object.keys(STATES) as [ClaimState, ...ClaimState[]]), '状态')) }),
  ).answers<MyCouponView[]>(),
  /** Checkout: the caller's unused copies against this cart (priced on the server), the best one chosen. */
  'coupons.forCart': contract(() =>
    z.object({
      batchId: label(id, '团期'),
      lines: requestedLines(20),
      /** The point the order will go to (a 团长券 applies only there); the caller's own by default. */
      pickupPointId: z.optional(label(id, '自提点')),
    }),
  ).answers<CartCoupons>(),
};
