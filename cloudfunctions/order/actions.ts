import { z } from 'zod';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import { id, requestedLines } from '../core/infra/schemas';
import { ORDER_STATUSES } from '../core/domain/order-status';
import { requestAfterSale } from '../core/usecases/order/after-sale';
import { cancelOrder } from '../core/usecases/order/cancel';
import { closeTradeBeforeCancel } from '../core/usecases/pay/close';
import { ownOrder } from '../core/repos/orders';
import { fail } from '../core/domain/errors';
import { createOrder } from '../core/usecases/order/create';
import { listMyOrders, myOrderDetail } from '../core/usecases/order/queries';
import { orderView } from '../core/usecases/order/views';

/** A client-made idempotency key (a uuid, or any 8..64 url-safe characters). */
const clientRequestId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export const orderActions = {
  /** Only item ids and quantities are read from the lines: prices come from the server. */
  create: action(
    z.object({ clientRequestId, batchId: id, pickupPointId: id.optional(), lines: requestedLines(20) }),
    async (input, ctx) => createOrder(requireOpenid(ctx), input, now()),
  ),
  list: action(
    z.object({
      status: z.enum(ORDER_STATUSES as [string, ...string[]]).optional(),
      page: z.number().int().min(1).max(1000).default(1),
      pageSize: z.number().int().min(1).max(20).default(10),
    }),
    async (input, ctx) => listMyOrders(requireOpenid(ctx), input as Parameters<typeof listMyOrders>[1]),
  ),
  detail: action(z.object({ orderId: id }), async ({ orderId }, ctx) => myOrderDetail(requireOpenid(ctx), orderId)),
  cancel: action(z.object({ orderId: id }), async ({ orderId }, ctx) => {
    const openid = requireOpenid(ctx);
    const order = await ownOrder(orderId, openid);
    if (!order) throw fail.notFound('订单');
    // Close the WeChat Pay trade first so it cannot be paid after its stock is released;
    // if the resident paid meanwhile, the order is settled as paid and stays.
    if (order.status === 'pending_payment' && (await closeTradeBeforeCancel(order)) !== 'closed') {
      throw fail.state('订单已支付，不能取消');
    }
    const out = await cancelOrder(orderId, '用户取消', { openid, now: now(), order });
    return { cancelled: out.cancelled, order: orderView(out.order) };
  }),
  afterSale: action(
    z.object({
      orderId: id,
      lines: requestedLines(20),
      reason: z.string().trim().min(1).max(30),
      description: z.string().max(200).default(''),
      photos: z
        .array(
          z
            .string()
            .max(512)
            .regex(/^cloud:\/\/\S+$/, '必须是云存储 fileID'),
        )
        .max(6)
        .default([]),
    }),
    async (input, ctx) => requestAfterSale(requireOpenid(ctx), input, now()),
  ),
};
