import { handleRefundNotice } from '../refund/notice';
import { payDeps, type PayDeps } from './deps';
import { settlePayment } from './settle';

/**
 * WeChat Pay calls the function named in unifiedOrder/refund (functionName)
 * with the notification as the event: no `action`, WeChat Pay v2 fields in
 * camelCase. A payment notification carries resultCode, outTradeNo,
 * transactionId, totalFee, timeEnd...; a refund notification carries the
 * decrypted req_info fields (outRefundNo, refundStatus, refundFee...), which
 * payment notifications never have. The answer must be {errcode: 0}, anything
 * else makes WeChat Pay retry for up to two days.
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/open/pay/paymentCallback.html
 * https://pay.weixin.qq.com/wiki/doc/api/jsapi.php?chapter=9_16 (refund notification fields)
 */
export type PayNotice = { kind: 'payment'; outTradeNo: string } | { kind: 'refund'; outRefundNo: string };

export interface PayNoticeAnswer {
  errcode: number;
  errmsg: string;
}

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.length > 0 && v.length <= 64 ? v : undefined;

/** Reads which notification an event is; undefined when it is not one (then it is an action call). */
export function readPayNotice(event: Record<string, unknown>): PayNotice | undefined {
  if (event == null || typeof event !== 'object' || 'action' in event) return undefined;
  // Refund fields may arrive flat or still nested under reqInfo.
  const info = {
    ...(typeof event.reqInfo === 'object' && event.reqInfo ? (event.reqInfo as Record<string, unknown>) : {}),
    ...event,
  };
  const outRefundNo = text(info.outRefundNo);
  if (outRefundNo) return { kind: 'refund', outRefundNo };
  const outTradeNo = text(info.outTradeNo);
  if (outTradeNo) return { kind: 'payment', outTradeNo };
  return undefined;
}

export async function answerPayNotice(notice: PayNotice, deps: PayDeps = payDeps): Promise<PayNoticeAnswer> {
  try {
    const outcome =
      notice.kind === 'refund'
        ? await handleRefundNotice(notice.outRefundNo, deps)
        : await handlePaymentNotice(notice.outTradeNo, deps);
    console.log(
      `[pay notice] ${notice.kind} ${'outRefundNo' in notice ? notice.outRefundNo : notice.outTradeNo}: ${outcome}`,
    );
    return { errcode: 0, errmsg: outcome };
  } catch (err) {
    // Transient trouble (database, pay API): a non-zero errcode makes WeChat Pay send it again.
    console.error('[pay notice]', err);
    return { errcode: 1, errmsg: String((err as Error)?.message ?? err).slice(0, 200) };
  }
}

/**
 * A payment notification. The event's amounts and states are ignored: WeChat
 * Pay is asked (queryOrder) whether the trade succeeded and for how much, and
 * only a success for exactly the order's total settles the order.
 */
export async function handlePaymentNotice(outTradeNo: string, deps: PayDeps = payDeps): Promise<string> {
  const order = await deps.orders.orderByOrderNo(outTradeNo);
  if (!order) return 'unknown_order';
  const trade = await deps.wxpay.queryOrder(outTradeNo);
  if (trade.tradeState !== 'SUCCESS') return `not_paid:${trade.tradeState}`;
  if (trade.totalFee !== order.totalFen || !trade.transactionId) {
    console.error(`[pay] ${outTradeNo}: paid ${trade.totalFee}, order total ${order.totalFen}`);
    return 'amount_mismatch';
  }
  return settlePayment(order._id, { transactionId: trade.transactionId, totalFee: trade.totalFee }, deps);
}
