import type { BatchItem, BatchStatus } from '../../../typings/models';
import { cmd, collection, txUpdate, type Tx } from './db';

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

export const batchItemById = (id: string) => items().byId(id);

/** A batch's items in their display order. */
export const itemsInOrder = (batchId: string): Promise<BatchItem[]> =>
  items().find({ batchId }, { orderBy: [['sort', 'asc']] });

export const itemCountOf = (batchId: string) => items().count({ batchId });

/**
 * Makes a new batch's items exactly `list`, replacing any a failed earlier create
 * left behind; concurrent writers of the same list meet on the items' _ids.
 */
export const writeItemsOf = (batchId: string, list: BatchItem[]): Promise<void> =>
  items().replaceAll({ batchId }, list);

/** The batch's status copied onto all its items. */
export async function setItemsStatus(batchId: string, batchStatus: BatchStatus): Promise<void> {
  await items().update({ batchId }, { batchStatus });
}

/** Changes an item only while its batch is a draft; false otherwise. */
export async function updateDraftItem(id: string, changes: Partial<BatchItem>): Promise<boolean> {
  return (await items().update({ _id: id, batchStatus: 'draft' }, changes)) > 0;
}

/** Adds stock with $inc (concurrent buyers' decrements are never overwritten), only while selling. */
export async function topUpStock(id: string, add: number): Promise<boolean> {
  return (await items().update({ _id: id, batchStatus: 'open' }, { stock: cmd.inc(add) })) > 0;
}

/** Items of open batches with their stock, for the console's low-stock alerts. */
export const sellingItems = () =>
  items().find({ batchStatus: 'open' }, { fields: { _id: true, batchId: true, title: true, stock: true, sold: true } });

/** The batches carrying a supplier's items, latest cut-off first (distinct, at most `limit`). */
export async function batchIdsSupplying(supplierId: string, limit: number): Promise<string[]> {
  const found = await items().find(
    { supplierId },
    { orderBy: [['cutoffAt', 'desc']], limit: 1000, fields: { batchId: true } },
  );
  return [...new Set(found.map((i) => i.batchId))].slice(0, limit);
}

export const itemsByIds = (ids: string[]): Promise<BatchItem[]> =>
  items().find({ _id: cmd.in(ids) }, { limit: ids.length });

/**
 * Takes qty units if, at this very write, the item has them and its batch is
 * still selling. The guard is evaluated by the database atomically with the
 * $inc, so concurrent buyers can never drive stock below zero.
 */
export async function takeStock(itemId: string, qty: number, now: Date): Promise<boolean> {
  const changed = await items().update(
    { _id: itemId, stock: cmd.gte(qty), batchStatus: 'open', opensAt: cmd.lte(now), cutoffAt: cmd.gt(now) },
    { stock: cmd.inc(-qty), sold: cmd.inc(qty) },
  );
  return changed === 1;
}

/** Puts units back (cancelled order, failed create). Guarded so sold never goes negative. */
export async function returnStock(itemId: string, qty: number): Promise<boolean> {
  const changed = await items().update(
    { _id: itemId, sold: cmd.gte(qty) },
    { stock: cmd.inc(qty), sold: cmd.inc(-qty) },
  );
  return changed === 1;
}

/** An item as the leader's screens and the arrival read it. */
export type ItemBrief = Pick<BatchItem, '_id' | 'title' | 'unit' | 'sort' | 'supplierId' | 'priceFen'>;

/** Every item of a batch, only what a leader's screens and the arrival need. */
export const briefItemsOf = (batchId: string): Promise<ItemBrief[]> =>
  items().find(
    { batchId },
    { limit: 1000, fields: { _id: true, title: true, unit: true, sort: true, supplierId: true, priceFen: true } },
  );

/** Title and unit of these items. */
export const itemLabels = (ids: string[]): Promise<Array<Pick<BatchItem, '_id' | 'title' | 'unit'>>> =>
  ids.length
    ? items().find({ _id: cmd.in(ids) }, { limit: 1000, fields: { _id: true, title: true, unit: true } })
    : Promise.resolve([]);

/** Units a no-show gave back to the warehouse, counted on the item inside the transaction. */
export const addRestockedIn = (tx: Tx, itemId: string, qty: number) =>
  txUpdate(tx, 'batchItems', itemId, { restockedQty: cmd.inc(qty) });
