import { ErrorCodes } from '../../../../typings/envelope';
import type { RefundRecord } from '../../domain/pay-records';
import { AppError } from '../../infra/errors';
import { PayRejected } from '../../infra/pay-gateway';
import { payDeps, type PayDeps } from '../pay/deps';

/**
 * Hands a written refund to WeChat Pay. Only a refund still `requested` is
 * sent, so repeats cost no pay call once WeChat Pay has accepted it; a send
 * that failed in transit is simply sent again with the same out_refund_no,
 * which WeChat Pay treats as the same refund.
 */
export async function sendRefund(record: RefundRecord, deps: PayDeps = payDeps): Promise<RefundRecord> {
  if (record.status !== 'requested') return record;
  try {
    const { refundId } = await deps.wxpay.refund({
      outTradeNo: record.orderNo,
      outRefundNo: record._id,
      totalFee: record.totalFee,
      refundFee: record.refundFee,
    });
    // The notification may already have marked it success: only requested → pending.
    await deps.refunds.markRefundSent(record._id, refundId);
    return { ...record, status: 'pending', refundId };
  } catch (err) {
    if (!(err instanceof PayRejected)) throw err;
    await failRefund(record._id, deps);
    throw new AppError(ErrorCodes.PAYMENT_FAILED, `微信支付拒绝退款：${err.message}`);
  }
}

/** A refund WeChat Pay refused or closed: final, and its reservation is given back exactly once. */
export async function failRefund(outRefundNo: string, deps: PayDeps = payDeps): Promise<void> {
  await deps.inMoneyTx(async (tx) => {
    const record = await tx.refund(outRefundNo);
    if (!record || record.status === 'success' || record.status === 'failed') return;
    const at = deps.now();
    await tx.updateRefund(outRefundNo, { status: 'failed', finishedAt: at });
    if (record.kind !== 'lines') return;
    const order = record.statusBefore ? await tx.order(record.orderId) : null;
    if (order?.status === 'refunding' && record.statusBefore) {
      const history = [...(order.history ?? []), { status: record.statusBefore, at, note: '退款未成功' }];
      await tx.updateOrder(order._id, { status: record.statusBefore, history });
    }
    const payment = await tx.payment(record.orderNo);
    if (!payment) return;
    const qty = { ...payment.refundReservedQty };
    for (const l of record.lines) qty[l.batchItemId] = (qty[l.batchItemId] ?? 0) - l.qty;
    await tx.updatePayment(record.orderNo, {
      refundReservedFen: payment.refundReservedFen - record.refundFee,
      refundReservedQty: qty,
      updatedAt: at,
    });
  });
}
