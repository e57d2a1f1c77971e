import type { User } from '../../../typings/models';
import { fail } from '../domain/errors';
import type { RefundRecord } from '../domain/payRecords';
import { requireOpenid } from '../infra/auth';
import type { CallContext } from '../infra/handler';
import { findById } from '../infra/payStore';
import { refundLines } from './refundLines';

/**
 * An admin refunds lines of an order from the console (shortage, damage). The
 * role is read from the database on every call; the console makes the
 * out_refund_no once per decision so a retried click is the same refund.
 */
export async function refundByAdmin(
  input: { orderId: string; lines: Array<{ batchItemId: string; qty: number }>; reason: string; outRefundNo: string },
  ctx: CallContext,
): Promise<RefundRecord> {
  const user = await findById<User>('users', requireOpenid(ctx));
  if (!user?.roles?.includes('admin')) throw fail.forbidden();
  return refundLines(input.orderId, input.lines, input.reason, input.outRefundNo);
}
