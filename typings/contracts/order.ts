import * as z from 'zod/mini';
import type { AfterSaleView, CancelResult, MyAfterSaleView, OrderListResult, OrderView } from '../api';
import { contract, label, type Input } from './define';
import { cloudFile, id, orderStatus, paging, requestedLines, requestId } from './shapes';

/** order: the resident's orders. Only item ids and quantities are read from lines: prices come from the server. */
export const order = {
  /** clientRequestId: one per checkout attempt, a retried create answers the same order. */
  create: contract(() =>
    z.object({
      clientRequestId: label(requestId, '请求编号'),
      batchId: label(id, '团期'),
      /** Defaults to the caller's chosen pickup point. */
      pickupPointId: z.optional(label(id, '自提点')),
      lines: requestedLines(20),
    }),
  ).answers<OrderView>(),
  list: contract(() =>
    z.object({ status: z.optional(label(orderStatus, '订单状态')), ...paging({ maxSize: 20, size: 10 }) }),
  ).answers<OrderListResult>(),
  detail: contract(() => z.object({ orderId: label(id, '订单') })).answers<OrderView>(),
  /**
   * Unpaid: cancelled, stock back. Paid, before the batch's cut-off: stock and limits back and
   * the whole payment refunded. A repeated cancel is harmless (cancelled: false).
   */
  cancel: contract(() => z.object({ orderId: label(id, '订单') })).answers<CancelResult>(),
  afterSale: contract(() =>
    z.object({
      orderId: label(id, '订单'),
      lines: requestedLines(20),
      /** Shown to the reviewing admin as is. */
      reason: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(30)), '售后原因'),
      description: label(z._default(z.string().check(z.maxLength(200)), ''), '问题描述'),
      photos: label(z._default(z.array(label(cloudFile, '照片')).check(z.maxLength(6)), []), '照片'),
    }),
  ).answers<AfterSaleView>(),
  /** The caller's after-sale requests (of one order when given), newest first, with the admin's reason. */
  afterSales: contract(() => z.object({ orderId: z.optional(label(id, '订单')) })).answers<MyAfterSaleView[]>(),
};

export type OrderCreateInput = Input<typeof order.create>;
export type OrderListInput = Input<typeof order.list>;
export type AfterSaleInput = Input<typeof order.afterSale>;
export type { RequestedLineInput } from './shapes';
