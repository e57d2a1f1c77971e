import type { Order } from '../../../../typings/models';
import { applyRefund } from '../../domain/refund-plan';
import { giveValidCouponBack } from '../order/coupon';
import { payDeps, type PayDeps } from '../pay/deps';
import { failRefund } from './send';

export type RefundNoticeOutcome = 'refunded' | 'duplicate' | 'failed' | 'not_final' | 'unknown' | 'mismatch';

/**
 * A refund notification. Its content is not trusted (anyone can call the pay
 * function with any event): WeChat Pay is asked for the refund's state, and the
 * refund counts on the order EXACTLY ONCE: the requested/pending → success
 * step and the order's new totals commit in one transaction. The resident is
 * then told (退款通知, once per refund).
 */
export async function handleRefundNotice(outRefundNo: string, deps: PayDeps = payDeps): Promise<RefundNoticeOutcome> {
  const state = await deps.wxpay.queryRefund(outRefundNo);
  if (state.refundStatus === 'REFUNDCLOSE' || state.refundStatus === 'CHANGE') {
    await failRefund(outRefundNo, deps);
    return 'failed';
  }
  if (state.refundStatus !== 'SUCCESS') return state.refundStatus === 'NOTFOUND' ? 'unknown' : 'not_final';
  type Counted = { outcome: RefundNoticeOutcome; orderId?: string; couponBack?: Pick<Order, '_id' | 'coupon'> };
  const counted = await deps.inMoneyTx(async (tx): Promise<Counted> => {
    const record = await tx.refund(outRefundNo);
    if (!record) return { outcome: 'unknown' };
    if (record.status === 'success' || record.status === 'failed') return { outcome: 'duplicate' };
    if (state.refundFee !== record.refundFee) {
      console.error(`[refund] ${outRefundNo}: WeChat Pay refunded ${state.refundFee}, we asked ${record.refundFee}`);
      return { outcome: 'mismatch' };
    }
    const at = deps.now();
    await tx.updateRefund(outRefundNo, { status: 'success', finishedAt: at });
    // A void refund gives back money of a cancelled order: nothing on the order changes.
    if (record.kind !== 'lines') return { outcome: 'refunded' };
    const order = await tx.order(record.orderId);
    if (!order) return { outcome: 'refunded' };
    const next = applyRefund(order, record.lines);
    const history = [...(order.history ?? [])];
    if (next.status !== order.status) history.push({ status: next.status, at, note: record.reason });
    await tx.updateOrder(order._id, { ...next, history });
    const couponBack = record.couponBack && next.status === 'refunded' && order.coupon ? order : undefined;
    return { outcome: 'refunded', orderId: order._id, couponBack };
  });
  // Refunded in full for the platform's reason: the coupon comes back if still valid (once, guarded on the copy).
  if (counted.couponBack)
    await giveValidCouponBack(deps, counted.couponBack, deps.now()).catch((err) => console.error('[coupon]', err));
  // Claw back the leader's commission on the refunded lines (best effort; the timer catches up).
  if (counted.orderId) await deps.orderChanged(counted.orderId, deps.now()).catch((err) => console.error(err));
  // Tell the resident (best effort: the answer to WeChat Pay never depends on it). A repeated notice
  // tries again, so a tell lost to a crash goes out then; the outbox sends it once either way.
  if (counted.outcome === 'refunded' || counted.outcome === 'duplicate')
    await deps.tellRefund(outRefundNo).catch((err) => console.error('[refund notice]', err));
  return counted.outcome;
}
