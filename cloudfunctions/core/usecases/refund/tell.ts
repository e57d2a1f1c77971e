import { orderById } from '../../repos/orders';
import { refundById } from '../../repos/refunds';
import { configuredTemplateIds, sendRefundNotice } from '../leader/notices';

export type TellRefundOutcome = 'sent' | 'failed' | 'skipped' | 'untold';

/**
 * 退款到账: tells the resident with a subscribe message (退款通知), once per
 * refund whatever number of times WeChat Pay's refund notice arrives (the
 * outbox document `refund|<outRefundNo>` is the claim). Only a refund that has
 * succeeded is told; 'untold' when no refund template is configured (the refund
 * itself never depends on it).
 */
export async function tellRefund(outRefundNo: string): Promise<TellRefundOutcome> {
  const refund = await refundById(outRefundNo);
  if (!refund || refund.status !== 'success') return 'skipped';
  const templateId = (await configuredTemplateIds()).refund;
  if (!templateId) return 'untold';
  const order = await orderById(refund.orderId);
  if (!order) return 'skipped';
  return sendRefundNotice(refund, order, templateId);
}
