import type { order } from '../../typings/contracts/order';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { availableCoupons, claimCoupon, couponsForCart, myCoupons } from '../core/usecases/coupon/resident';
import { requestAfterSale } from '../core/usecases/order/after-sale';
import { cancelMyOrder, myAfterSales } from '../core/usecases/order/cancel-mine';
import { groupProgress } from '../core/usecases/group/view';
import { createOrder } from '../core/usecases/order/create';
import { listMyOrders, myOrderDetail } from '../core/usecases/order/queries';
import { pointsHistory, pointsSummary, takeMonthlyCoupon } from '../core/usecases/points/resident';
import { myOrderReviews } from '../core/usecases/review/queries';
import { submitReview } from '../core/usecases/review/submit';

export const orderActions: ActionTable<typeof order> = {
  create: async (input, ctx) => createOrder(requireOpenid(ctx), input, now()),
  list: async (input, ctx) => listMyOrders(requireOpenid(ctx), input),
  detail: async ({ orderId }, ctx) => myOrderDetail(requireOpenid(ctx), orderId, now()),
  cancel: async ({ orderId }, ctx) => cancelMyOrder(requireOpenid(ctx), orderId, now()),
  afterSale: async (input, ctx) => requestAfterSale(requireOpenid(ctx), input, now()),
  afterSales: async ({ orderId }, ctx) => myAfterSales(requireOpenid(ctx), orderId),
  review: async (input, ctx) => submitReview(requireOpenid(ctx), input, now()),
  reviews: async ({ orderId }, ctx) => myOrderReviews(requireOpenid(ctx), orderId),
  group: async ({ groupId }, ctx) => groupProgress(requireOpenid(ctx), groupId),
  'coupons.available': async (_input, ctx) => availableCoupons(requireOpenid(ctx), now()),
  'coupons.claim': async ({ couponId }, ctx) => claimCoupon(requireOpenid(ctx), couponId, now()),
  'coupons.mine': async ({ state }, ctx) => myCoupons(requireOpenid(ctx), state, now()),
  'coupons.forCart': async (input, ctx) => couponsForCart(requireOpenid(ctx), input, now()),
  'points.summary': async (_input, ctx) => pointsSummary(requireOpenid(ctx), now()),
  'points.history': async ({ page, pageSize }, ctx) => pointsHistory(requireOpenid(ctx), page, pageSize),
  'points.monthlyCoupon': async (_input, ctx) => takeMonthlyCoupon(requireOpenid(ctx), now()),
};
