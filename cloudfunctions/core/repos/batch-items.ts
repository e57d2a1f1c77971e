import type { BatchItem } from '../../../typings/models';
import { collection } from './db';

const items = () => collection('batchItems');

/** Every item of a batch (a batch has at most a few hundred). */
export const allItemsOf = (batchId: string): Promise<BatchItem[]> => items().all({ batchId });

/** Moves the status copy on a batch's selling items to cutoff (and their cut-off time, on an early cut-off). */
export async function stopSellingItems(batchId: string, cutoffAt?: Date): Promise<void> {
  await items().update({ batchId, batchStatus: 'open' }, { batchStatus: 'cutoff', ...(cutoffAt ? { cutoffAt } : {}) });
}

/** The minimum check's decision for an item, written before any refund so a rerun keeps it. */
export async function recordMinimum(itemId: string, notRunning: boolean, paidQtyAtCutoff: number): Promise<void> {
  await items().update({ _id: itemId }, { notRunning, paidQtyAtCutoff });
}

export async function markMinimumRefunded(itemId: string, at: Date): Promise<void> {
  await items().update({ _id: itemId }, { minimumRefundedAt: at });
}
