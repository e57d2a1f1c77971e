import type { CancelResult, MyAfterSaleView } from '../../../../typings/api';
import type { Order } from '../../../../typings/models';
import { AppError, fail } from '../../domain/errors';
import { isBatchOpen } from '../../domain/time';
import { afterSalesOf } from '../../repos/after-sales';
import { batchById } from '../../repos/batches';
import { claimPaidCancel, orderById, ownOrder, unclaimPaidCancel } from '../../repos/orders';
import { closeTradeBeforeCancel } from '../pay/close';
import { refundLines } from '../refund/lines';
import { cancelOrder } from './cancel';
import { releaseOrder } from './release-stock';
import { orderView } from './views';

const REASON = '用户取消';

/**
 * The resident cancels their own order (a repeated cancel answers cancelled: false).
 * Unpaid: cancelled and its stock given back. Paid, while the batch still sells
 * (before cut-off nothing was bought from suppliers): its stock and limits come
 * back and the whole payment is refunded.
 */
export async function cancelMyOrder(openid: string, orderId: string, at: Date): Promise<CancelResult> {
  const order = await ownOrder(orderId, openid);
  if (!order) throw fail.notFound('订单');
  if (order.cancelClaimedAt || order.status === 'paid') return cancelPaidOrder(order, at);
  // Close the WeChat Pay trade first so it cannot be paid after its stock is released;
  // if the resident paid meanwhile, the order is settled as paid and stays.
  if (order.status === 'pending_payment' && (await closeTradeBeforeCancel(order)) !== 'closed') {
    throw fail.state('订单已支付，不能取消');
  }
  const out = await cancelOrder(orderId, REASON, { openid, now: at, order });
  return { cancelled: out.cancelled, order: orderView(out.order) };
}

/**
 * One guarded mark decides who cancels. The refund has a fixed out_refund_no, so a
 * repeated cancel, or one after a failed refund request, asks again for the same
 * refund; the holds are given back once it is asked for (each give-back is guarded
 * on its hold, so repeats give nothing twice). A refund refused outright (nothing
 * to refund) drops the mark: the order stays paid and whole.
 */
async function cancelPaidOrder(order: Order, at: Date): Promise<CancelResult> {
  let won = false;
  if (!order.cancelClaimedAt) {
    const batch = await batchById(order.batchId);
    if (!batch || !isBatchOpen(batch, at)) throw fail.state('已截单，不能取消；到货后如有问题可申请售后');
    won = await claimPaidCancel(order._id, order.openid, at, REASON);
    if (!won) {
      const now = await orderById(order._id);
      if (!now?.cancelClaimedAt) throw fail.state('订单状态已变化，请刷新后重试');
    }
  }
  const lines = order.lines
    .map((l) => ({ batchItemId: l.batchItemId, qty: l.qty - l.refundedQty }))
    .filter((l) => l.qty > 0);
  try {
    if (lines.length) await refundLines(order._id, lines, REASON, `cancel_${order.orderNo}`);
  } catch (err) {
    if (won && err instanceof AppError && err.code === 'INVALID_STATE') await unclaimPaidCancel(order._id);
    // Asked for but not confirmed by WeChat Pay yet: the order is refunding, its stock goes back all the same.
    else if ((await orderById(order._id))?.status === 'refunding') await releaseOrder(order);
    throw err;
  }
  await releaseOrder(order);
  const latest = (await orderById(order._id)) ?? order;
  return { cancelled: won, order: orderView(latest) };
}

/** The resident's own after-sale requests (the newest 50), with the admin's reason once reviewed. */
export async function myAfterSales(openid: string, orderId: string | undefined): Promise<MyAfterSaleView[]> {
  const rows = await afterSalesOf(openid, orderId, 50);
  return rows.map((a) => ({
    _id: a._id,
    orderId: a.orderId,
    orderNo: a.orderNo,
    status: a.status,
    reason: a.reason,
    lines: a.lines.map((l) => ({ batchItemId: l.batchItemId, title: l.title, qty: l.qty, refundFen: l.refundFen })),
    refundFen: a.refundFen,
    ...(a.reviewReason ? { reviewReason: a.reviewReason } : {}),
    createdAt: new Date(a.createdAt).toISOString(),
    ...(a.reviewedAt ? { reviewedAt: new Date(a.reviewedAt).toISOString() } : {}),
  }));
}
