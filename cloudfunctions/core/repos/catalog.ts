import type { Batch, BatchItem, Product } from '../../../typings/models';
import { _ } from '../infra/cloud';
import { C, coll, rows, findOne, updatedCount } from './collections';

/** Published batches not yet cut off: the open ones and those about to open. */
export async function liveBatches(now: Date): Promise<Batch[]> {
  return rows<Batch>(
    coll(C.batches)
      .where({ status: 'open', cutoffAt: _.gt(now) })
      .orderBy('opensAt', 'asc')
      .limit(20),
  );
}

export const batchById = (batchId: string) => findOne<Batch>(C.batches, { _id: batchId });
export const batchItemById = (id: string) => findOne<BatchItem>(C.batchItems, { _id: id });
export const productById = (id: string) => findOne<Product>(C.products, { _id: id });

export async function itemsOfBatch(batchId: string): Promise<BatchItem[]> {
  return rows<BatchItem>(coll(C.batchItems).where({ batchId }).orderBy('sort', 'asc').limit(200));
}

export async function itemsByIds(ids: string[]): Promise<BatchItem[]> {
  return rows<BatchItem>(
    coll(C.batchItems)
      .where({ _id: _.in(ids) })
      .limit(ids.length),
  );
}

/**
 * Takes qty units if, at this very write, the item has them and its batch is
 * still selling. The guard is evaluated by the database atomically with the
 * $inc, so concurrent buyers can never drive stock below zero.
 */
export async function takeStock(itemId: string, qty: number, now: Date): Promise<boolean> {
  const res = await coll(C.batchItems)
    .where({ _id: itemId, stock: _.gte(qty), batchStatus: 'open', opensAt: _.lte(now), cutoffAt: _.gt(now) })
    .update({ data: { stock: _.inc(-qty), sold: _.inc(qty) } });
  return updatedCount(res) === 1;
}

/** Puts units back (cancelled order, failed create). Guarded so sold never goes negative. */
export async function returnStock(itemId: string, qty: number): Promise<boolean> {
  const res = await coll(C.batchItems)
    .where({ _id: itemId, sold: _.gte(qty) })
    .update({ data: { stock: _.inc(qty), sold: _.inc(-qty) } });
  return updatedCount(res) === 1;
}
