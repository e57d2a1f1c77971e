import { ErrorCodes } from '../../../../typings/envelope';
import type { Order } from '../../../../typings/models';
import { COLLECTIONS, type PaymentRecord, type RefundRecord } from '../../domain/pay-records';
import { now } from '../../infra/clock';
import { AppError } from '../../infra/errors';
import { PayRejected, refund } from '../../infra/pay-gateway';
import { col, inTransaction, txGet } from '../../infra/pay-store';

/**
 * Hands a written refund to WeChat Pay. Only a refund still `requested` is
 * sent, so repeats cost no pay call once WeChat Pay has accepted it; a send
 * that failed in transit is simply sent again with the same out_refund_no,
 * which WeChat Pay treats as the same refund.
 */
export async function sendRefund(record: RefundRecord): Promise<RefundRecord> {
  if (record.status !== 'requested') return record;
  try {
    const { refundId } = await refund({
      outTradeNo: record.orderNo,
      outRefundNo: record._id,
      totalFee: record.totalFee,
      refundFee: record.refundFee,
    });
    // The notification may already have marked it success: only requested → pending.
    await col(COLLECTIONS.refunds)
      .where({ _id: record._id, status: 'requested' })
      .update({ data: { status: 'pending', refundId: refundId ?? null } });
    return { ...record, status: record.status === 'requested' ? 'pending' : record.status, refundId };
  } catch (err) {
    if (!(err instanceof PayRejected)) throw err;
    await failRefund(record._id);
    throw new AppError(ErrorCodes.PAYMENT_FAILED, `微信支付拒绝退款：${err.message}`);
  }
}

/** A refund WeChat Pay refused or closed: final, and its reservation is given back exactly once. */
export async function failRefund(outRefundNo: string): Promise<void> {
  await inTransaction(async (tx) => {
    const record = await txGet<RefundRecord>(tx, COLLECTIONS.refunds, outRefundNo);
    if (!record || record.status === 'success' || record.status === 'failed') return;
    await tx
      .collection(COLLECTIONS.refunds)
      .doc(outRefundNo)
      .update({ data: { status: 'failed', finishedAt: now() } });
    if (record.kind !== 'lines') return;
    const order = record.statusBefore ? await txGet<Order>(tx, 'orders', record.orderId) : null;
    if (order?.status === 'refunding') {
      const history = [...(order.history ?? []), { status: record.statusBefore, at: now(), note: '退款未成功' }];
      await tx
        .collection('orders')
        .doc(order._id)
        .update({ data: { status: record.statusBefore, history } });
    }
    const payment = await txGet<PaymentRecord>(tx, COLLECTIONS.payments, record.orderNo);
    if (!payment) return;
    const qty = { ...payment.refundReservedQty };
    for (const l of record.lines) qty[l.batchItemId] = (qty[l.batchItemId] ?? 0) - l.qty;
    await tx
      .collection(COLLECTIONS.payments)
      .doc(record.orderNo)
      .update({
        data: {
          refundReservedFen: payment.refundReservedFen - record.refundFee,
          refundReservedQty: qty,
          updatedAt: now(),
        },
      });
  });
}
