import type { Batch } from '../../../typings/models';
import { cmd, collection } from './db';

const batches = () => collection('batches');

export const batchById = (batchId: string) => batches().byId(batchId);

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
