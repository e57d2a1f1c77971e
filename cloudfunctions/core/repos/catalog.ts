import type { Batch, BatchItem } from '../../../typings/models';
import { cmd, collection } from './db';

const batches = collection('batches');
const batchItems = collection('batchItems');
const products = collection('products');

/** Published batches not yet cut off: the open ones and those about to open. */
export const liveBatches = (now: Date): Promise<Batch[]> =>
  batches.find({ status: 'open', cutoffAt: cmd.gt(now) }, { orderBy: [['opensAt', 'asc']], limit: 20 });

export const batchById = (batchId: string) => batches.byId(batchId);
export const batchItemById = (id: string) => batchItems.byId(id);
export const productById = (id: string) => products.byId(id);

export const itemsOfBatch = (batchId: string): Promise<BatchItem[]> =>
  batchItems.find({ batchId }, { orderBy: [['sort', 'asc']], limit: 200 });

export const itemsByIds = (ids: string[]): Promise<BatchItem[]> =>
  batchItems.find({ _id: cmd.in(ids) }, { limit: ids.length });

/**
 * Takes qty units if, at this very write, the item has them and its batch is
 * still selling. The guard is evaluated by the database atomically with the
 * $inc, so concurrent buyers can never drive stock below zero.
 */
export async function takeStock(itemId: string, qty: number, now: Date): Promise<boolean> {
  const changed = await batchItems.update(
    { _id: itemId, stock: cmd.gte(qty), batchStatus: 'open', opensAt: cmd.lte(now), cutoffAt: cmd.gt(now) },
    { stock: cmd.inc(-qty), sold: cmd.inc(qty) },
  );
  return changed === 1;
}

/** Puts units back (cancelled order, failed create). Guarded so sold never goes negative. */
export async function returnStock(itemId: string, qty: number): Promise<boolean> {
  const changed = await batchItems.update(
    { _id: itemId, sold: cmd.gte(qty) },
    { stock: cmd.inc(qty), sold: cmd.inc(-qty) },
  );
  return changed === 1;
}
