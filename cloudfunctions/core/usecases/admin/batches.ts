import type {
  BatchAdminView,
  BatchCreateInput,
  BatchDetail,
  BatchItemAdminView,
  BatchItemUpdateInput,
} from '../../../../typings/contracts/admin/batches';
import type { Paged } from '../../../../typings/contracts/admin/common';
import type { Batch, BatchItem, BatchStatus } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { groupTermsProblem, type GroupDealTerms } from '../../domain/group-deal';
import { addDays, businessInstant } from '../../domain/time';
import { now } from '../../infra/clock';
import {
  batchItemById,
  itemCountOf,
  itemsInOrder,
  setItemCost,
  setItemsStatus,
  topUpStock,
  updateDraftItem,
  writeItemsOf,
  type DraftItemChanges,
} from '../../repos/batch-items';
import { batchById, batchesPage, insertBatchOnce, moveBatchStatus } from '../../repos/batches';
import { productsByIds } from '../../repos/products';
import { repriceItem } from '../../repos/purchase-orders';
import { SchedulerBudget } from '../scheduler/budget';
import { cutOff, emptyPipelineReport } from '../scheduler/pipeline';
import { productStatus } from './catalog';
import { compact, iso, keyedId, newId, paged, type PageInput } from './common';

export const batchAdminView = (b: Batch, itemCount?: number): BatchAdminView =>
  compact({
    _id: b._id,
    title: b.title,
    status: b.status,
    opensAt: iso(b.opensAt) as string,
    cutoffAt: iso(b.cutoffAt) as string,
    pickupDate: b.pickupDate,
    itemCount,
    minimumsSettledAt: iso(b.minimumsSettledAt),
    supplyDoneAt: iso(b.supplyDoneAt),
  });

export const batchItemAdminView = (i: BatchItem): BatchItemAdminView =>
  compact({
    _id: i._id,
    batchId: i.batchId,
    productId: i.productId,
    title: i.title,
    image: i.image,
    unit: i.unit,
    categoryId: i.categoryId,
    supplierId: i.supplierId,
    priceFen: i.priceFen,
    originalPriceFen: i.originalPriceFen,
    costFen: i.costFen,
    stock: i.stock,
    sold: i.sold,
    limitPerUser: i.limitPerUser,
    minQuantity: i.minQuantity,
    sort: i.sort,
    batchStatus: i.batchStatus,
    notRunning: i.notRunning,
    groupDeal: i.groupDeal,
  });

async function batchOrFail(id: string): Promise<Batch> {
  const b = await batchById(id);
  if (!b) throw fail.notFound('团期');
  return b;
}

export async function listBatches(input: PageInput & { status?: BatchStatus }): Promise<Paged<BatchAdminView>> {
  const found = await batchesPage(input.status, input);
  const counts = await Promise.all(found.items.map((b) => itemCountOf(b._id)));
  return paged({ items: found.items.map((b, k) => ({ b, n: counts[k] })), total: found.total }, input, ({ b, n }) =>
    batchAdminView(b, n),
  );
}

export async function batchDetail(id: string): Promise<BatchDetail> {
  const [batch, items] = await Promise.all([batchOrFail(id), itemsInOrder(id)]);
  return { batch: batchAdminView(batch, items.length), items: items.map(batchItemAdminView) };
}

/**
 * The selling window must make sense in Shanghai time: opens before it cuts
 * off, and the cut-off is no later than the end of the pickup day.
 */
/** 拼团 terms must stand against the item's price (domain/group-deal). */
function checkGroupTerms(terms: GroupDealTerms | null | undefined, priceFen: number, path: string): void {
  const problem = terms ? groupTermsProblem(terms, priceFen) : undefined;
  if (problem) throw fail.invalid(`${path}: ${problem}`);
}

export function checkWindow(opensAt: Date, cutoffAt: Date, pickupDate: string): void {
  if (!(opensAt.getTime() < cutoffAt.getTime())) throw fail.invalid('opensAt: 开团时间必须早于截单时间');
  const pickupDayEnd = businessInstant(addDays(pickupDate, 1), '00:00');
  if (!(cutoffAt.getTime() < pickupDayEnd.getTime())) throw fail.invalid('cutoffAt: 截单时间必须早于提货日结束');
}

/** A retried create (same requestId) lands on the same _id and answers the batch made the first time. */
const batchIdFor = (requestId?: string) => (requestId ? keyedId('b', 'batch', requestId) : newId('b'));

export async function createBatch(input: BatchCreateInput): Promise<BatchDetail> {
  const opensAt = new Date(input.opensAt);
  const cutoffAt = new Date(input.cutoffAt);
  checkWindow(opensAt, cutoffAt, input.pickupDate);
  const productIds = input.items.map((i) => i.productId);
  if (new Set(productIds).size !== productIds.length) throw fail.invalid('items: 同一商品只能出现一次');
  for (const [k, i] of input.items.entries()) {
    if (i.priceFen > i.originalPriceFen) throw fail.invalid(`items.${k}.priceFen: 团购价不能高于原价`);
    checkGroupTerms(i.groupDeal, i.priceFen, `items.${k}.groupDeal`);
  }
  const byId = await productsByIds(productIds);
  for (const [k, id] of productIds.entries()) {
    const p = byId.get(id);
    if (!p) throw fail.invalid(`items.${k}.productId: 商品不存在`);
    if (productStatus(p) !== 'active') throw fail.invalid(`items.${k}.productId: 商品未上架或未通过审核`);
  }

  const _id = batchIdFor(input.requestId);
  if (await batchById(_id)) return batchDetail(_id);
  const status: BatchStatus = 'draft';
  const items: BatchItem[] = input.items.map((i, k) => {
    const p = byId.get(i.productId)!;
    return compact({
      _id: `${_id}_${p._id}`,
      batchId: _id,
      productId: p._id,
      title: p.title,
      image: p.images?.[0],
      unit: p.unit,
      categoryId: p.categoryId,
      supplierId: p.supplierId,
      priceFen: i.priceFen,
      originalPriceFen: i.originalPriceFen,
      costFen: i.costFen ?? p.costFen,
      stock: i.stock,
      sold: 0,
      limitPerUser: i.limitPerUser,
      minQuantity: i.minQuantity,
      groupDeal: i.groupDeal,
      sort: k + 1,
      batchStatus: status,
      opensAt,
      cutoffAt,
    });
  });
  // Items first: a batch without its items is never visible; a failed create retried with its requestId
  // completes. Callers racing with one requestId write the same items, and the first batch insert wins.
  await writeItemsOf(_id, items);
  const batch: Batch = {
    _id,
    title: input.title,
    status,
    opensAt,
    cutoffAt,
    pickupDate: input.pickupDate,
    createdAt: now(),
  };
  if (!(await insertBatchOnce(batch))) return batchDetail(_id);
  return { batch: batchAdminView(batch, items.length), items: items.map(batchItemAdminView) };
}

/**
 * Moves a batch and the status copy on its items. Items first: a move cut short
 * is finished by repeating the action, which also re-syncs items of a batch that
 * is already there. (Cut-off is the pipeline's first stage: scheduler/pipeline.ts.)
 */
async function moveBatch(batch: Batch, to: BatchStatus): Promise<void> {
  await setItemsStatus(batch._id, to);
  await moveBatchStatus(batch._id, batch.status, to);
}

export async function openBatch(id: string): Promise<BatchDetail> {
  const batch = await batchOrFail(id);
  if (batch.status === 'open') {
    await moveBatch(batch, 'open');
    return batchDetail(id);
  }
  if (batch.status !== 'draft') throw fail.state('只有草稿团期可以开团');
  if (new Date(batch.cutoffAt).getTime() <= now().getTime()) throw fail.state('截单时间已过，请先修改时间');
  if (!(await itemCountOf(id))) throw fail.state('团期没有商品');
  await moveBatch(batch, 'open');
  return batchDetail(id);
}

const CLOSE_BUDGET_MS = 10_000;

export async function closeBatch(id: string): Promise<BatchDetail> {
  const batch = await batchOrFail(id);
  if (batch.status === 'open') {
    // Early cut-off: selling stops now, by the pipeline's own cut-off stage; the scheduler carries it on.
    await cutOff(id, new SchedulerBudget(CLOSE_BUDGET_MS), emptyPipelineReport());
  } else {
    // draft → closed (discarded), cutoff → closed (done); closed again re-syncs the items.
    await moveBatch(batch, 'closed');
  }
  return batchDetail(id);
}

async function itemOrFail(id: string): Promise<BatchItem> {
  const i = await batchItemById(id);
  if (!i) throw fail.notFound('团期商品');
  return i;
}

/**
 * Price, stock, limit and minimum change only while the batch is a draft (nobody
 * has bought yet). The cost price changes until the batch is closed: it is the
 * platform's business with the supplier, and purchase orders already written
 * are repriced with it.
 */
export async function updateBatchItem(input: BatchItemUpdateInput): Promise<BatchItemAdminView> {
  const item = await itemOrFail(input.batchItemId);
  const { batchItemId, costFen, groupDeal, ...changes } = input;
  const data: DraftItemChanges = compact(changes);
  const priceFen = data.priceFen ?? item.priceFen;
  const originalPriceFen = data.originalPriceFen ?? item.originalPriceFen;
  if (priceFen > originalPriceFen) throw fail.invalid('priceFen: 团购价不能高于原价');
  checkGroupTerms(groupDeal === undefined ? item.groupDeal : groupDeal, priceFen, 'groupDeal');
  if (groupDeal !== undefined) data.groupDeal = groupDeal;
  if (Object.keys(data).length) {
    if (!(await updateDraftItem(batchItemId, costFen === undefined ? data : { ...data, costFen }))) {
      const again = await itemOrFail(batchItemId);
      if (again.batchStatus !== 'draft') throw fail.state('团期已开团，只能补充库存或修改成本价');
    }
  } else if (costFen !== undefined && costFen !== item.costFen) {
    if (!(await setItemCost(batchItemId, costFen))) throw fail.state('团期已结束，成本价不能再改');
    if (item.batchStatus === 'cutoff') await repriceItem(item.batchId, batchItemId, costFen);
  }
  return batchItemAdminView(await itemOrFail(batchItemId));
}

/** Adds stock to an item of an open batch with $inc: concurrent buyers' decrements are never overwritten. */
export async function topUpBatchItem(batchItemId: string, add: number): Promise<BatchItemAdminView> {
  if (!(await topUpStock(batchItemId, add))) {
    await itemOrFail(batchItemId);
    throw fail.state('只有开团中的商品可以补充库存');
  }
  return batchItemAdminView(await itemOrFail(batchItemId));
}
