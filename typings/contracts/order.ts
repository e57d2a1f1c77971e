import { z } from 'zod';
import type { AfterSaleView, CancelResult, OrderListResult, OrderView } from '../api';
import { contract, type Input } from './define';
import { cloudFile, id, orderStatus, paging, requestedLines, requestId } from './shapes';

/** order: the resident's orders. Only item ids and quantities are read from lines: prices come from the server. */
export const order = {
  /** clientRequestId: one per checkout attempt, a retried create answers the same order. */
  create: contract(
    z.object({
      clientRequestId: requestId.meta({ label: '请求编号' }),
      batchId: id.meta({ label: '团期' }),
      /** Defaults to the caller's chosen pickup point. */
      pickupPointId: id.meta({ label: '自提点' }).optional(),
      lines: requestedLines(20),
    }),
  ).answers<OrderView>(),
  list: contract(
    z.object({ status: orderStatus.meta({ label: '订单状态' }).optional(), ...paging({ maxSize: 20, size: 10 }) }),
  ).answers<OrderListResult>(),
  detail: contract(z.object({ orderId: id.meta({ label: '订单' }) })).answers<OrderView>(),
  /** A repeated cancel is harmless (cancelled: false). */
  cancel: contract(z.object({ orderId: id.meta({ label: '订单' }) })).answers<CancelResult>(),
  afterSale: contract(
    z.object({
      orderId: id.meta({ label: '订单' }),
      lines: requestedLines(20),
      /** Shown to the reviewing admin as is. */
      reason: z.string().trim().min(1).max(30).meta({ label: '售后原因' }),
      description: z.string().max(200).default('').meta({ label: '问题描述' }),
      photos: z
        .array(cloudFile.meta({ label: '照片' }))
        .max(6)
        .default([])
        .meta({ label: '照片' }),
    }),
  ).answers<AfterSaleView>(),
};

export type OrderCreateInput = Input<typeof order.create>;
export type OrderListInput = Input<typeof order.list>;
export type AfterSaleInput = Input<typeof order.afterSale>;
export type { RequestedLineInput } from './shapes';
