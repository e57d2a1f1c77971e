import type { Batch, BatchStatus } from '../../../typings/models';
import { cmd, collection } from './db';

const batches = () => collection('batches');

export const batchById = (batchId: string) => batches().byId(batchId);
export const batchesByIds = (ids: readonly string[]) => batches().byIds(ids);

/** Published batches not yet cut off: the open ones and those about to open. */
export const liveBatches = (now: Date): Promise<Batch[]> =>
  batches().find({ status: 'open', cutoffAt: cmd.gt(now) }, { orderBy: [['opensAt', 'asc']], limit: 20 });

/** Open batches whose cut-off time has come, oldest cut-off first. */
export async function batchesDueForCutoff(now: Date, limit: number): Promise<string[]> {
  const due = await batches().find(
    { status: 'open', cutoffAt: cmd.lte(now) },
    { orderBy: [['cutoffAt', 'asc']], limit, fields: { _id: true } },
  );
  return due.map((b) => b._id);
}

/** Stops an open batch selling (open → cutoff), moving its cut-off time too when given; false if it was not open. */
export async function cutOffBatch(batchId: string, cutoffAt?: Date): Promise<boolean> {
  return (
    (await batches().update(
      { _id: batchId, status: 'open' },
      { status: 'cutoff', ...(cutoffAt ? { cutoffAt } : {}) },
    )) > 0
  );
}

/** The marks the console shows: minimum-quantity refunds settled, supply documents written. */
export async function markBatch(batchId: string, mark: Pick<Batch, 'minimumsSettledAt'> | Pick<Batch, 'supplyDoneAt'>) {
  await batches().update({ _id: batchId }, mark);
}

/** The console's list: latest cut-off first. */
export const batchesPage = (status: BatchStatus | undefined, page: { page: number; pageSize: number }) =>
  batches().page(status ? { status } : {}, {
    orderBy: [
      ['cutoffAt', 'desc'],
      ['_id', 'asc'],
    ],
    ...page,
  });

/** Inserts a batch under its _id; false when that batch exists already (a doubled create won). */
export const insertBatchOnce = (batch: Batch) => batches().insertOnce(batch);

/** Moves a batch from one status to another, only if it is still in `from`. */
export async function moveBatchStatus(batchId: string, from: BatchStatus, to: BatchStatus): Promise<boolean> {
  return (await batches().update({ _id: batchId, status: from }, { status: to })) > 0;
}

/** Batches picked up on days in [from, to) (Shanghai dates, YYYY-MM-DD). */
export const batchesPickedUpBetween = (from: string, to: string): Promise<Array<Pick<Batch, '_id' | 'pickupDate'>>> =>
  batches().find({ pickupDate: cmd.and(cmd.gte(from), cmd.lt(to)) }, { fields: { _id: true, pickupDate: true } });

/** The batches a leader works on: open, cut off or closed, picked up on or after `fromDate`, latest first. */
export const batchesForLeaders = (fromDate: string, limit: number) =>
  batches().find(
    { status: cmd.in(['open', 'cutoff', 'closed']), pickupDate: cmd.gte(fromDate) },
    {
      orderBy: [
        ['pickupDate', 'desc'],
        ['cutoffAt', 'desc'],
      ],
      limit,
      fields: { _id: true, title: true, status: true, opensAt: true, cutoffAt: true, pickupDate: true },
    },
  );
