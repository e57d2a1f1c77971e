import type { Order } from '../../../../typings/models';
import { payDeps, type PayDeps } from './deps';
import { settlePayment, type SettleOutcome } from './settle';

/**
 * Call before cancelling an unpaid order: closes its WeChat Pay trade so it
 * cannot be paid once its stock is released (WeChat Pay asks merchants to close
 * timed-out orders). If the resident paid in the meantime, the order is settled
 * as paid instead and must not be cancelled. An order that never asked for
 * payment parameters has no trade to close.
 * `prepared` lets a caller that looked up many payments at once skip the lookup.
 */
export async function closeTradeBeforeCancel(
  order: Pick<Order, '_id' | 'orderNo' | 'totalFen'>,
  prepared?: boolean,
  deps: PayDeps = payDeps,
): Promise<'closed' | SettleOutcome> {
  const hasTrade = prepared ?? !!(await deps.payments.paymentOf(order.orderNo));
  if (!hasTrade) return 'closed';
  if (await deps.wxpay.closeOrder(order.orderNo)) return 'closed';
  const trade = await deps.wxpay.queryOrder(order.orderNo);
  if (trade.totalFee !== order.totalFen || !trade.transactionId) {
    throw new Error(`trade ${order.orderNo} paid ${trade.totalFee}, order total ${order.totalFen}: left for a person`);
  }
  return settlePayment(order._id, { transactionId: trade.transactionId, totalFee: trade.totalFee }, deps);
}
