import type { BatchItem, BatchStatus, GroupDealTerms, StockHold } from '../../../typings/models';
import type { StockState } from '../domain/limits';
import { cmd, collection, txUpdate, type Tx } from './db';

const items = () => collection('batchItems');

/** Who holds what (held, heldBy) grows with the buyers and names them: only stock writes and reconciliation need it. */
const WITHOUT_HOLDS = { held: false, heldBy: false };

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

export const batchItemById = (id: string) => items().byId(id, WITHOUT_HOLDS);

/** A batch's items in their display order. */
export const itemsInOrder = (batchId: string): Promise<BatchItem[]> =>
  items().find({ batchId }, { orderBy: [['sort', 'asc']], fields: WITHOUT_HOLDS });

export const itemCountOf = (batchId: string) => items().count({ batchId });

/**
 * Makes a new batch's items exactly `list`, replacing any a failed earlier create
 * left behind; concurrent writers of the same list meet on the items' _ids.
 */
export const writeItemsOf = (batchId: string, list: BatchItem[]): Promise<void> =>
  items().replaceAll(
    { batchId },
    list.map((i) => ({ ...i, initialStock: i.stock + i.sold })),
  );

/** The batch's status copied onto all its items. */
export async function setItemsStatus(batchId: string, batchStatus: BatchStatus): Promise<void> {
  await items().update({ batchId }, { batchStatus });
}

/** What a draft item's edit may change; groupDeal null takes the 拼团 off. */
export type DraftItemChanges = Partial<Omit<BatchItem, 'groupDeal'>> & { groupDeal?: GroupDealTerms | null };

/** Changes an item only while its batch is a draft; false otherwise. */
export async function updateDraftItem(id: string, changes: DraftItemChanges): Promise<boolean> {
  const { groupDeal, ...rest } = changes;
  // A draft has sold nothing: its stock is all it was ever given.
  const data: Record<string, unknown> = rest.stock === undefined ? rest : { ...rest, initialStock: rest.stock };
  if (groupDeal !== undefined) data.groupDeal = groupDeal ?? cmd.remove();
  return (await items().update({ _id: id, batchStatus: 'draft' }, data)) > 0;
}

/** The cost price changes until the batch is closed (residents never see it; purchase orders are priced with it). */
export async function setItemCost(id: string, costFen: number): Promise<boolean> {
  return (await items().update({ _id: id, batchStatus: cmd.neq('closed') }, { costFen })) > 0;
}

/** Adds stock with $inc (concurrent buyers' decrements are never overwritten), only while selling. */
export async function topUpStock(id: string, add: number): Promise<boolean> {
  return (
    (await items().update({ _id: id, batchStatus: 'open' }, { stock: cmd.inc(add), initialStock: cmd.inc(add) })) > 0
  );
}

/** Items of open batches with their stock, for the console's low-stock alerts. */
export const sellingItems = () =>
  items().find(
    { batchStatus: 'open' },
    {
      fields: {
        _id: true,
        batchId: true,
        title: true,
        stock: true,
        sold: true,
        lowStockCrossings: true,
        lowStockAlerted: true,
      },
    },
  );

/** The admin was alerted for this item's current crossing under the low-stock line. */
export async function markLowStockAlerted(id: string): Promise<void> {
  await items().update({ _id: id }, { lowStockAlerted: true });
}

/** Back above the line: the next crossing under it alerts again. */
export async function rearmLowStock(id: string): Promise<void> {
  await items().update({ _id: id, lowStockAlerted: true }, { lowStockAlerted: false, lowStockCrossings: cmd.inc(1) });
}

/** The batches carrying a supplier's items, latest cut-off first (distinct, at most `limit`). */
export async function batchIdsSupplying(supplierId: string, limit: number): Promise<string[]> {
  const found = await items().find(
    { supplierId },
    { orderBy: [['cutoffAt', 'desc']], limit: 1000, fields: { batchId: true } },
  );
  return [...new Set(found.map((i) => i.batchId))].slice(0, limit);
}

/** These items (any number: asked 500 ids at a time, under the cloud's 1000-row cap). */
export async function itemsByIds(ids: string[]): Promise<BatchItem[]> {
  if (ids.length <= 500) return items().find({ _id: cmd.in(ids) }, { limit: ids.length, fields: WITHOUT_HOLDS });
  const out: BatchItem[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await itemsByIds(ids.slice(i, i + 500))));
  return out;
}

/** What one order line takes: the hold is recorded on the item under the order's reservation id. */
export interface Take {
  itemId: string;
  qty: number;
  reservationId: string;
  openid: string;
  /** The item's per-resident limit (0 = none), as read: it is fixed once the batch opens. */
  limitPerUser: number;
}

/**
 * Takes qty units if, at this very write, the item has them, its batch is still
 * selling and (for a limited item) the resident stays within the limit. One
 * guarded update moves the stock, the resident's counter and the hold together:
 * the database evaluates the guard atomically with the $inc, so concurrent buyers
 * never drive stock below zero nor one resident past the limit, and the hold
 * (held[reservationId]) records what is to be given back.
 */
export async function takeStock(take: Take, now: Date): Promise<boolean> {
  const { itemId, qty, reservationId, openid, limitPerUser } = take;
  const limited = limitPerUser > 0;
  if (limited && qty > limitPerUser) return false;
  const counter = `heldBy.${openid}`;
  const guard = { _id: itemId, stock: cmd.gte(qty), batchStatus: 'open', opensAt: cmd.lte(now), cutoffAt: cmd.gt(now) };
  const where = limited
    ? cmd.and([guard, cmd.or([{ [counter]: cmd.exists(false) }, { [counter]: cmd.lte(limitPerUser - qty) }])])
    : guard;
  const hold: StockHold = { qty, openid, limited, at: now };
  const changed = await items().update(where, {
    stock: cmd.inc(-qty),
    sold: cmd.inc(qty),
    [`held.${reservationId}`]: cmd.set(hold),
    ...(limited ? { [counter]: cmd.inc(qty) } : {}),
  });
  return changed === 1;
}

/** What a given-back hold is: the item, the order's reservation id, and what the hold says it took. */
export interface Give {
  itemId: string;
  reservationId: string;
  qty: number;
  openid: string;
  limited: boolean;
}

/**
 * Gives a hold back (cancelled order, failed create, reconciliation): stock up,
 * sold and the resident's counter down, the hold removed, in one update guarded
 * on the hold being there with this qty, so it happens once however many callers try.
 */
export async function returnStock(give: Give): Promise<boolean> {
  const { itemId, reservationId, qty, openid, limited } = give;
  const changed = await items().update(
    { _id: itemId, [`held.${reservationId}.qty`]: qty, sold: cmd.gte(qty) },
    {
      stock: cmd.inc(qty),
      sold: cmd.inc(-qty),
      [`held.${reservationId}`]: cmd.remove(),
      ...(limited ? { [`heldBy.${openid}`]: cmd.inc(-qty) } : {}),
    },
  );
  return changed === 1;
}

/** An item's stock, window and limit, and what this resident holds of it (why a take was refused). */
export async function stockState(itemId: string, openid: string): Promise<StockState | undefined> {
  const i = await items().byId(itemId, {
    stock: true,
    batchStatus: true,
    opensAt: true,
    cutoffAt: true,
    limitPerUser: true,
    [`heldBy.${openid}`]: true,
  });
  return i && { ...i, opensAt: new Date(i.opensAt), cutoffAt: new Date(i.cutoffAt), held: i.heldBy?.[openid] ?? 0 };
}

/** Items of batches still selling or just cut off, holds included, a page at a time (stock reconciliation). */
export const itemsWithHolds = (pageSize: number): AsyncGenerator<BatchItem[]> =>
  items().pages({ batchStatus: cmd.in(['open', 'cutoff']) }, { pageSize });

/** A resident's counters on the items of a batch (what "每人限购" has used up). */
export async function heldInBatch(openid: string, batchId: string): Promise<Map<string, number>> {
  const list = await items().find({ batchId }, { fields: { _id: true, [`heldBy.${openid}`]: true } });
  return new Map(list.map((i) => [i._id, i.heldBy?.[openid] ?? 0]));
}

export async function heldOf(openid: string, itemId: string): Promise<number> {
  return (await items().byId(itemId, { _id: true, [`heldBy.${openid}`]: true }))?.heldBy?.[openid] ?? 0;
}

/** An item as the leader's screens and the arrival read it. */
export type ItemBrief = Pick<BatchItem, '_id' | 'title' | 'unit' | 'sort' | 'supplierId' | 'priceFen' | 'costFen'>;

/** Every item of a batch, only what a leader's screens and the arrival need. */
export const briefItemsOf = (batchId: string): Promise<ItemBrief[]> =>
  items().find(
    { batchId },
    {
      limit: 1000,
      fields: { _id: true, title: true, unit: true, sort: true, supplierId: true, priceFen: true, costFen: true },
    },
  );

/** Title and unit of these items. */
export const itemLabels = (ids: string[]): Promise<Array<Pick<BatchItem, '_id' | 'title' | 'unit'>>> =>
  ids.length
    ? items().find({ _id: cmd.in(ids) }, { limit: 1000, fields: { _id: true, title: true, unit: true } })
    : Promise.resolve([]);

/** Units a no-show gave back to the warehouse, counted on the item inside the transaction. */
export const addRestockedIn = (tx: Tx, itemId: string, qty: number) =>
  txUpdate(tx, 'batchItems', itemId, { restockedQty: cmd.inc(qty) });

/** Past selling of products: each cut-off batch item's price and units sold, since `from`. */
export const pastPricesOf = (productIds: readonly string[], from: Date) =>
  items().all(
    { productId: cmd.in([...productIds]), batchStatus: cmd.in(['cutoff', 'closed']), cutoffAt: cmd.gte(from) },
    { fields: { productId: true, priceFen: true, sold: true, notRunning: true } },
  );

/** Lowers the price of an item while its batch sells (orders already made keep theirs); false if not lower or not open. */
export async function lowerOpenPrice(id: string, priceFen: number, at: Date): Promise<boolean> {
  return (
    (await items().update(
      { _id: id, batchStatus: 'open', cutoffAt: cmd.gt(at), priceFen: cmd.gt(priceFen) },
      { priceFen, markedDownAt: at },
    )) > 0
  );
}
