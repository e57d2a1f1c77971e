import { REFUNDABLE_STATUSES, type RefundRecord } from '../../domain/pay-records';
import { planRefund, RefundRefused } from '../../domain/refund-plan';
import { fail } from '../../infra/errors';
import { payDeps, type PayDeps } from '../pay/deps';
import { sendRefund } from './send';

/**
 * Refunds part of a paid order, line by line (shortage, damage, after-sales,
 * minimum not reached). Internal: callers authorize first. Idempotent on
 * outRefundNo: a repeat answers the existing refund and asks WeChat Pay for
 * nothing once it has accepted it. The money and units are reserved on the
 * payment in the same transaction that writes the refund, so concurrent
 * refunds can never add up to more than was paid. The order's refundedFen and
 * lines change only when WeChat Pay reports the refund done (refundNotice).
 * With `retry`, a refund that failed is asked for again under its number (as
 * WeChat Pay wants a failed refund resubmitted): reserved and sent anew. With
 * `couponBack` (a refund for the platform's reason), the order's coupon comes
 * back once the refund leaves nothing paid (refund/notice.ts).
 */
export async function refundLines(
  orderId: string,
  lines: Array<{ batchItemId: string; qty: number }>,
  reason: string,
  outRefundNo: string,
  deps: PayDeps = payDeps,
  { retry = false, couponBack = false }: { retry?: boolean; couponBack?: boolean } = {},
): Promise<RefundRecord> {
  if (!/^[A-Za-z0-9_|*@-]{1,64}$/.test(outRefundNo)) throw fail.invalid('退款单号格式不正确');
  const reusable = (r: RefundRecord | null | undefined): r is RefundRecord => !!r && !(retry && r.status === 'failed');
  const existing = await deps.refunds.refundById(outRefundNo);
  if (existing && existing.orderId !== orderId) throw fail.invalid('退款单号已用于其他订单');
  if (reusable(existing)) return sendRefund(existing, deps);
  const record = await deps.inMoneyTx(async (tx) => {
    const again = await tx.refund(outRefundNo);
    if (reusable(again)) return again;
    const order = await tx.order(orderId);
    if (!order) throw fail.notFound('订单');
    if (!REFUNDABLE_STATUSES.includes(order.status)) throw fail.state('订单当前状态不能退款');
    const payment = await tx.payment(order.orderNo);
    if (!payment || payment.status !== 'paid') throw fail.state('订单没有可退的支付');
    let plan;
    try {
      plan = planRefund(order, payment, lines);
    } catch (err) {
      if (err instanceof RefundRefused) throw fail.state(err.message);
      throw err;
    }
    const at = deps.now();
    const fresh: RefundRecord = {
      _id: outRefundNo,
      orderId,
      orderNo: order.orderNo,
      openid: order.openid,
      kind: 'lines',
      lines: plan.lines,
      refundFee: plan.refundFee,
      totalFee: payment.totalFee,
      reason,
      status: 'requested',
      createdAt: at,
      ...(couponBack ? { couponBack } : {}),
    };
    const reservedQty = { ...payment.refundReservedQty };
    for (const l of plan.lines) reservedQty[l.batchItemId] = (reservedQty[l.batchItemId] ?? 0) + l.qty;
    // The whole order being given back shows as 退款中 until WeChat Pay reports it done.
    const whole = payment.refundReservedFen + plan.refundFee >= order.paidFen;
    if (whole && order.status !== 'refunding') {
      fresh.statusBefore = order.status;
      const history = [...(order.history ?? []), { status: 'refunding' as const, at, note: reason }];
      await tx.updateOrder(orderId, { status: 'refunding', history });
    }
    await tx.putRefund(fresh);
    await tx.updatePayment(order.orderNo, {
      refundReservedFen: payment.refundReservedFen + plan.refundFee,
      refundReservedQty: reservedQty,
      updatedAt: at,
    });
    return fresh;
  });
  return sendRefund(record, deps);
}
