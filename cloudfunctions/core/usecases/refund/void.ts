import type { Order } from '../../../../typings/models';
import type { RefundRecord } from '../../domain/pay-records';
import { payDeps, type PayDeps } from '../pay/deps';
import { sendRefund } from './send';

/** One out_refund_no per order for money that arrived after the order was cancelled. */
export const voidRefundNo = (orderNo: string): string => `${orderNo}-void`;

/**
 * Gives back in full a payment that arrived after its order was cancelled (the
 * stock is already released, so the order is not brought back). Safe to call
 * for every duplicate notification: the record is written once, sent until
 * WeChat Pay accepts it, then left alone.
 */
export async function refundVoidPayment(order: Order, paidFee: number, deps: PayDeps = payDeps): Promise<RefundRecord> {
  const outRefundNo = voidRefundNo(order.orderNo);
  let record = await deps.refunds.refundById(outRefundNo);
  if (!record) {
    const fresh: RefundRecord = {
      _id: outRefundNo,
      orderId: order._id,
      orderNo: order.orderNo,
      openid: order.openid,
      kind: 'void',
      lines: [],
      refundFee: paidFee,
      totalFee: paidFee,
      reason: '订单已取消，支付原路退回',
      status: 'requested',
      createdAt: deps.now(),
    };
    // An insert, not an upsert: a concurrent notification that wrote first wins
    // and its record (maybe already sent) is the one used.
    await deps.refunds.insertRefund(fresh);
    record = (await deps.refunds.refundById(outRefundNo)) ?? fresh;
  }
  return sendRefund(record, deps);
}
