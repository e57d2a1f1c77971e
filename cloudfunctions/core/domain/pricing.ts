import type { BatchItem, OrderLine } from '../../../typings/models';
import { fail } from './errors';
import { lineAmountFen, sumFen } from './money';

/** What the client may say about a line: which item and how many. Nothing else is read. */
export interface RequestedLine {
  batchItemId: string;
  qty: number;
}

export const MAX_QTY_PER_LINE = 999;

/**
 * Adds up duplicate lines for the same item (a cart may send an item twice),
 * keeping the first-seen order, and rejects any quantity that is not a
 * positive integer.
 */
export function mergeLines(lines: readonly RequestedLine[]): RequestedLine[] {
  const merged = new Map<string, number>();
  for (const { batchItemId, qty } of lines) {
    if (!Number.isSafeInteger(qty) || qty < 1) throw fail.invalid(`数量必须是正整数: ${batchItemId}`);
    merged.set(batchItemId, (merged.get(batchItemId) ?? 0) + qty);
  }
  for (const [batchItemId, qty] of merged) if (qty > MAX_QTY_PER_LINE) throw fail.invalid(`数量过大: ${batchItemId}`);
  return [...merged].map(([batchItemId, qty]) => ({ batchItemId, qty }));
}

export interface PricedOrder {
  lines: OrderLine[];
  totalFen: number;
}

/**
 * Prices an order on the server from the batch items alone: title, unit and
 * price come from the item; the client's prices, totals or titles are never
 * looked at (they are not even part of RequestedLine). Every item must belong
 * to the batch being ordered.
 */
export function priceOrder(
  batchId: string,
  requested: readonly RequestedLine[],
  items: readonly BatchItem[],
): PricedOrder {
  const byId = new Map(items.map((i) => [i._id, i]));
  const lines = mergeLines(requested).map(({ batchItemId, qty }): OrderLine => {
    const item = byId.get(batchItemId);
    if (!item || item.batchId !== batchId) throw fail.notFound(`商品 ${batchItemId} `);
    return {
      batchItemId,
      productId: item.productId,
      title: item.title,
      ...(item.image ? { image: item.image } : {}),
      unit: item.unit,
      categoryId: item.categoryId,
      supplierId: item.supplierId,
      priceFen: item.priceFen,
      qty,
      amountFen: lineAmountFen(item.priceFen, qty),
      refundedQty: 0,
      refundedFen: 0,
      pickedQty: 0,
      countedInLimit: item.limitPerUser > 0,
    };
  });
  return { lines, totalFen: sumFen(lines.map((l) => l.amountFen)) };
}
