import type { CancelResult } from '../../../../typings/api';
import { fail } from '../../domain/errors';
import { ownOrder } from '../../repos/orders';
import { closeTradeBeforeCancel } from '../pay/close';
import { cancelOrder } from './cancel';
import { orderView } from './views';

/** The resident cancels their own unpaid order (a repeated cancel answers cancelled: false). */
export async function cancelMyOrder(openid: string, orderId: string, at: Date): Promise<CancelResult> {
  const order = await ownOrder(orderId, openid);
  if (!order) throw fail.notFound('订单');
  // Close the WeChat Pay trade first so it cannot be paid after its stock is released;
  // if the resident paid meanwhile, the order is settled as paid and stays.
  if (order.status === 'pending_payment' && (await closeTradeBeforeCancel(order)) !== 'closed') {
    throw fail.state('订单已支付，不能取消');
  }
  const out = await cancelOrder(orderId, '用户取消', { openid, now: at, order });
  return { cancelled: out.cancelled, order: orderView(out.order) };
}
