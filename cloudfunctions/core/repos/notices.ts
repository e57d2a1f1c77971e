import type { NoticeRecord } from '../../../typings/leader';
import { cmd, collection } from './db';

/** The notice outbox (collection notices), _id `<kind>|<orderId>` (refund notices `refund|<outRefundNo>`). */
const notices = () => collection('notices');

/** The notices outbox as stored, newest first; a fresh environment may not have it yet. */
export const noticesPage = (status: string | undefined, page: { page: number; pageSize: number }) =>
  notices().orNothing(
    () =>
      notices().page(status ? { status } : {}, {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        ...page,
      }),
    { items: [], total: 0 },
  );

/** Inserting the outbox document is the claim to send: false when this notice was claimed before. */
export const claimNotice = (notice: NoticeRecord) => notices().insertOnce(notice);

export async function markNotice(id: string, fields: Partial<NoticeRecord>): Promise<void> {
  await notices().update({ _id: id }, fields);
}

/** Pickup notices and reminders that failed for a batch at a point: who the leader still has to tell (refund notices are not the leader's). */
export const failedNoticesAt = (
  batchId: string,
  pickupPointId: string,
): Promise<Array<Pick<NoticeRecord, '_id' | 'openid' | 'orderNo' | 'reason' | 'kind'>>> =>
  notices().find(
    { batchId, pickupPointId, status: 'failed', kind: cmd.in(['pickup', 'reminder']) },
    { limit: 1000, fields: { openid: true, orderNo: true, reason: true, kind: true } },
  );
