import type { RefundRecord } from '../domain/pay-records';
import { collection } from './db';

const refunds = () => collection('refunds');

export const refundById = (outRefundNo: string) => refunds().byId(outRefundNo);

/** Writes a refund under its out_refund_no; false when that refund exists already. */
export const insertRefund = (record: RefundRecord): Promise<boolean> => refunds().insertOnce(record);

/**
 * WeChat Pay accepted the refund: requested → pending. Only from requested, as
 * its notification may have marked it final already.
 */
export async function markRefundSent(outRefundNo: string, refundId: string | undefined): Promise<boolean> {
  const changed = await refunds().update(
    { _id: outRefundNo, status: 'requested' },
    { status: 'pending', refundId: refundId ?? null },
  );
  return changed === 1;
}
