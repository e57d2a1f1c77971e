import type { OrderListResult, OrderView } from '../../../../typings/api';
import type { OrderStatus } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { isBatchOpen } from '../../domain/time';
import { batchById } from '../../repos/batches';
import { ordersOf, ownOrder } from '../../repos/orders';
import { orderView } from './views';

/** The caller's orders, newest first. One extra row tells whether there is a next page. */
export async function listMyOrders(
  openid: string,
  q: { status?: OrderStatus; page: number; pageSize: number },
): Promise<OrderListResult> {
  const rows = await ordersOf(openid, q.status, (q.page - 1) * q.pageSize, q.pageSize + 1);
  return {
    items: rows.slice(0, q.pageSize).map((o) => orderView(o)),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: rows.length > q.pageSize,
  };
}

/** The owner's view of one order, with the pickup code once paid. Others' orders do not exist. */
export async function myOrderDetail(openid: string, orderId: string, now: Date): Promise<OrderView> {
  const order = await ownOrder(orderId, openid);
  if (!order) throw fail.notFound('订单');
  const view = orderView(order, { withCode: true, withHistory: true });
  if (order.status !== 'paid' || order.cancelClaimedAt) return view;
  const batch = await batchById(order.batchId);
  return { ...view, cancellable: Boolean(batch && isBatchOpen(batch, now)) };
}
