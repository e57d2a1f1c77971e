import { callFunction } from '../lib/transport';
import type { ClaimState } from '../../typings/coupons';
import type {
  AfterSaleInput,
  OrderCreateInput,
  OrderListInput,
  RequestedLineInput,
  ReviewRequest,
} from '../../typings/contracts/order';

/** The `order` cloud function (typings/contracts/order.ts): only item ids and quantities, prices come from the server. */

export const orderService = {
  create: (input: OrderCreateInput) => callFunction('order', 'create', input),
  list: (input: OrderListInput) => callFunction('order', 'list', input),
  detail: (orderId: string) => callFunction('order', 'detail', { orderId }),
  cancel: (orderId: string) => callFunction('order', 'cancel', { orderId }),
  afterSale: (input: AfterSaleInput) => callFunction('order', 'afterSale', input),
  /** The resident's after-sale requests of one order, with status and the admin's reason. */
  afterSales: (orderId: string) => callFunction('order', 'afterSales', { orderId }),
  /** 评价 a picked-up order once: its items and the leader's service. */
  review: (input: ReviewRequest) => callFunction('order', 'review', input),
  reviews: (orderId: string) => callFunction('order', 'reviews', { orderId }),
  /** 拼团 progress: size, paid members, 还差 N 人, expiry, members masked. */
  group: (groupId: string) => callFunction('order', 'group', { groupId }),
  /** 领券中心, claim one, 我的优惠券, and the checkout's choice for a cart (priced on the server). */
  couponOffers: () => callFunction('order', 'coupons.available', {}),
  claimCoupon: (couponId: string) => callFunction('order', 'coupons.claim', { couponId }),
  myCoupons: (state?: ClaimState) => callFunction('order', 'coupons.mine', state ? { state } : {}),
  couponsForCart: (batchId: string, lines: RequestedLineInput[]) =>
    callFunction('order', 'coupons.forCart', { batchId, lines }),
  /** 我的积分 (balance, expiry, level, rules), 积分明细 by page, and this month's level coupon. */
  pointsSummary: () => callFunction('order', 'points.summary', {}),
  pointsHistory: (page: number, pageSize: number) => callFunction('order', 'points.history', { page, pageSize }),
  monthlyCoupon: () => callFunction('order', 'points.monthlyCoupon', {}),
};
