import type { OrderLineView, OrderListResult, OrderView } from '../../../../typings/api';
import type { Order, OrderStatus } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { REFUNDABLE_STATUSES } from '../../domain/pay-records';
import { isBatchOpen } from '../../domain/time';
import { itemsByIds } from '../../repos/batch-items';
import { batchById } from '../../repos/batches';
import { ordersOf, ownOrder } from '../../repos/orders';
import { refundsByIds } from '../../repos/refunds';
import { minimumRefundNo } from '../scheduler/minimums';
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
  const mayCancel = order.status === 'paid' && !order.cancelClaimedAt;
  const [notRunning, batch] = await Promise.all([
    notRunningLines(order),
    mayCancel ? batchById(order.batchId) : undefined,
  ]);
  if (notRunning.size) view.lines = view.lines.map((l) => withNotRunning(l, notRunning.get(l.batchItemId)));
  return mayCancel ? { ...view, cancellable: Boolean(batch && isBatchOpen(batch, now)) } : view;
}

const withNotRunning = (l: OrderLineView, state: OrderLineView['notRunning']): OrderLineView =>
  state ? { ...l, notRunning: state } : l;

/**
 * 未成团: the order's lines whose item did not reach its minimum, and how far their
 * automatic refund (scheduler/minimums) has got. One read of the items, one of the refunds.
 */
async function notRunningLines(order: Order): Promise<Map<string, 'refunding' | 'refunded'>> {
  const out = new Map<string, 'refunding' | 'refunded'>();
  if (!order.paidAt) return out;
  const failed = (await itemsByIds(order.lines.map((l) => l.batchItemId))).filter((i) => i.notRunning);
  if (!failed.length) return out;
  const refundNo = (itemId: string) => minimumRefundNo(order.orderNo, itemId);
  const refunds = await refundsByIds(failed.map((i) => refundNo(i._id)));
  const holdsMoney = REFUNDABLE_STATUSES.includes(order.status);
  for (const item of failed) {
    const refund = refunds.get(refundNo(item._id));
    const line = order.lines.find((l) => l.batchItemId === item._id);
    // No refund yet: the scheduler is still to ask for it, if the line still holds money.
    if (refund) out.set(item._id, refund.status === 'success' ? 'refunded' : 'refunding');
    else if (holdsMoney && line && line.qty > line.refundedQty) out.set(item._id, 'refunding');
  }
  return out;
}
