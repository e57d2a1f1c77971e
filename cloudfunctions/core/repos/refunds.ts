import type { RefundRecord } from '../domain/pay-records';
import { cmd, collection } from './db';

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

/**
 * Line refunds completed at or after `since`, by _id after `after`: a partial
 * refund changes an order's lines without a history entry, so this is how a
 * scan finds it.
 */
export async function refundsFinishedSince(
  since: Date,
  after: string | undefined,
  limit: number,
): Promise<Array<{ _id: string; orderId: string }>> {
  return refunds().find(
    {
      status: 'success',
      kind: 'lines',
      finishedAt: cmd.gte(since),
      ...(after === undefined ? {} : { _id: cmd.gt(after) }),
    },
    { orderBy: [['_id', 'asc']], limit, fields: { _id: true, orderId: true } },
  );
}

/** These refunds (by out_refund_no), those that exist. */
export async function refundsByIds(ids: string[]): Promise<Map<string, RefundRecord>> {
  const out = new Map<string, RefundRecord>();
  for (let i = 0; i < ids.length; i += 500)
    for (const r of await refunds().all({ _id: cmd.in(ids.slice(i, i + 500)) })) out.set(r._id, r);
  return out;
}

/** Refunds WeChat Pay has not reported on: asked for at or before `before`, not looked at since then; oldest first. */
export async function refundsToChase(before: Date, limit: number): Promise<RefundRecord[]> {
  const open = { status: cmd.in(['requested', 'pending']), createdAt: cmd.lte(before) };
  return refunds().find(
    cmd.or([
      { ...open, checkedAt: cmd.exists(false) },
      { ...open, checkedAt: cmd.lte(before) },
    ]),
    {
      orderBy: [['createdAt', 'asc']],
      limit,
    },
  );
}

/** The chase looked at this refund (the next look is a while later). */
export const markRefundChecked = (outRefundNo: string, at: Date): Promise<number> =>
  refunds().update({ _id: outRefundNo }, { checkedAt: at });

/** Refunds that ended without the money going back, newest first: the console's list to retry. */
export const failedRefundsPage = (page: { page: number; pageSize: number }) =>
  refunds().page(
    { status: 'failed' },
    {
      orderBy: [
        ['finishedAt', 'desc'],
        ['_id', 'asc'],
      ],
      ...page,
    },
  );
