import type { RefundRecord } from '../../domain/pay-records';
import type { CallContext } from '../../infra/handler';
import { requireRole } from '../../infra/roles';
import { refundLines } from './lines';

/**
 * An admin refunds lines of an order from the console (shortage, damage). The
 * role is read from the database on every call (requireRole: the caller's
 * OPENID, or the console's CloudBase uid, as for every console action); the
 * console makes the out_refund_no once per decision so a retried click is the
 * same refund.
 */
export async function refundByAdmin(
  input: { orderId: string; lines: Array<{ batchItemId: string; qty: number }>; reason: string; outRefundNo: string },
  ctx: CallContext,
): Promise<RefundRecord> {
  await requireRole(ctx, 'admin');
  return refundLines(input.orderId, input.lines, input.reason, input.outRefundNo);
}
