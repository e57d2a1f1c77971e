import type { Order } from '../../../../typings/models';
import type { PaymentRecord } from '../../domain/pay-records';
import { AppError, fail } from '../../infra/errors';
import type { CallContext } from '../../infra/handler';
import { PayRejected, payTime, type RequestPaymentParams } from '../../infra/pay-gateway';
import { ErrorCodes } from '../../../../typings/envelope';
import { payDeps, type PayDeps } from './deps';

/** WeChat Pay's body is String(128) bytes; Chinese takes 3 bytes in UTF-8. */
function payBody(order: Order): string {
  const first = order.lines[0]?.title ?? '团购商品';
  const more = order.lines.length > 1 ? `等${order.lines.length}件` : '';
  let title = `社区团购-${first}`;
  while (Buffer.byteLength(title + more) > 120) title = title.slice(0, -1);
  return title + more;
}

/**
 * The parameters for wx.requestPayment for the caller's own unpaid order. The
 * amount is the order's server-side total; the client sends only the order id.
 * A repeat (double tap, retry) answers the same parameters without asking
 * WeChat Pay again; WeChat Pay refuses payment after the order's deadline
 * (time_expire), and the scheduler cancels it.
 */
export async function preparePayment(
  orderId: string,
  ctx: CallContext,
  deps: PayDeps = payDeps,
): Promise<{ orderNo: string; totalFen: number; payment: RequestPaymentParams }> {
  if (!ctx.openid) throw new AppError(ErrorCodes.UNAUTHENTICATED, '请在微信中打开');
  const order = await deps.orders.orderById(orderId);
  // Someone else's order looks the same as no order: ids reveal nothing.
  if (!order || order.openid !== ctx.openid) throw fail.notFound('订单');
  if (order.status !== 'pending_payment') throw fail.state('订单不是待支付状态');
  const at = deps.now();
  if (new Date(order.payDeadline).getTime() <= at.getTime()) throw fail.state('订单已超时，请重新下单');

  const known = await deps.payments.paymentOf(order.orderNo);
  if (known?.payment) return { orderNo: order.orderNo, totalFen: order.totalFen, payment: known.payment };

  let prepared;
  try {
    prepared = await deps.wxpay.unifiedOrder({
      body: payBody(order),
      outTradeNo: order.orderNo,
      totalFee: order.totalFen,
      timeExpire: payTime(new Date(order.payDeadline)),
    });
  } catch (err) {
    if (err instanceof PayRejected) throw new AppError(ErrorCodes.PAYMENT_FAILED, '发起支付失败，请稍后重试');
    throw err;
  }
  const record: PaymentRecord = {
    _id: order.orderNo,
    orderId: order._id,
    openid: order.openid,
    totalFee: order.totalFen,
    status: 'prepared',
    payment: prepared.payment,
    prepayId: prepared.prepayId,
    refundReservedFen: 0,
    refundReservedQty: {},
    createdAt: at,
    updatedAt: at,
  };
  // A concurrent prepare may have written first: its parameters are the ones to use.
  if (!(await deps.payments.insertPayment(record))) {
    const winner = await deps.payments.paymentOf(order.orderNo);
    if (winner?.payment) return { orderNo: order.orderNo, totalFen: order.totalFen, payment: winner.payment };
  }
  return { orderNo: order.orderNo, totalFen: order.totalFen, payment: prepared.payment };
}
