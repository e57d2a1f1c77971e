import type { BatchItem } from '../../../typings/models';
import type { OrderDeps } from '../../../cloudfunctions/core/usecases/order/deps';
import type { Give, Take } from '../../../cloudfunctions/core/repos/batch-items';
import type { StockState } from '../../../cloudfunctions/core/domain/limits';
import { MemoryStore } from './memory-store';

type BatchItemsRepo = OrderDeps['batchItems'];

/**
 * A batch's items in a Map, with the guards of the repository (stock is taken
 * only while it lasts, the batch sells and the resident stays within the limit) and the writes the minimums stage makes.
 */
export class MemoryBatchItems extends MemoryStore<BatchItem> implements BatchItemsRepo {
  async itemsByIds(ids: string[]): Promise<BatchItem[]> {
    return this.find((i) => ids.includes(i._id));
  }

  async takeStock(take: Take, now: Date): Promise<boolean> {
    const { itemId, qty, reservationId, openid, limitPerUser } = take;
    const limited = limitPerUser > 0;
    return this.update(
      itemId,
      (i) =>
        i.stock >= qty &&
        i.batchStatus === 'open' &&
        i.opensAt <= now &&
        i.cutoffAt > now &&
        (!limited || (i.heldBy?.[openid] ?? 0) + qty <= limitPerUser),
      (i) => {
        i.stock -= qty;
        i.sold += qty;
        i.held = { ...i.held, [reservationId]: { qty, openid, limited, at: now } };
        if (limited) i.heldBy = { ...i.heldBy, [openid]: (i.heldBy?.[openid] ?? 0) + qty };
      },
    );
  }

  async returnStock(give: Give): Promise<boolean> {
    const { itemId, reservationId, qty, openid, limited } = give;
    return this.update(
      itemId,
      (i) => i.held?.[reservationId]?.qty === qty && i.sold >= qty,
      (i) => {
        i.stock += qty;
        i.sold -= qty;
        delete i.held![reservationId];
        if (limited) i.heldBy = { ...i.heldBy, [openid]: (i.heldBy?.[openid] ?? 0) - qty };
      },
    );
  }

  async stockState(itemId: string, openid: string): Promise<StockState | undefined> {
    const i = this.get(itemId);
    return i && { ...i, held: i.heldBy?.[openid] ?? 0 };
  }

  /** What the resident holds of the item (its heldBy counter). */
  bought(openid: string, itemId: string): number {
    return this.get(itemId)?.heldBy?.[openid] ?? 0;
  }

  get items(): Map<string, BatchItem> {
    return this.docs;
  }

  itemsOf = async (batchId: string): Promise<BatchItem[]> =>
    structuredClone([...this.docs.values()].filter((i) => i.batchId === batchId));

  recordMinimum = async (itemId: string, notRunning: boolean, paidQtyAtCutoff: number): Promise<void> => {
    Object.assign(this.docs.get(itemId)!, { notRunning, paidQtyAtCutoff });
  };

  markMinimumRefunded = async (itemId: string, at: Date): Promise<void> => {
    this.docs.get(itemId)!.minimumRefundedAt = at;
  };
}

/** A batch item for tests: 份 of sup-1 in category fresh. */
export function testItem(_id: string, priceFen: number, minQuantity = 0, batchId = 'b-1'): BatchItem {
  const at = new Date('2030-01-01T00:00:00Z');
  return {
    _id,
    batchId,
    productId: `p-${_id}`,
    title: `商品 ${_id}`,
    unit: '份',
    categoryId: 'fresh',
    supplierId: 'sup-1',
    priceFen,
    originalPriceFen: priceFen + 100,
    stock: 100,
    sold: 0,
    limitPerUser: 0,
    minQuantity,
    sort: 0,
    batchStatus: 'cutoff',
    opensAt: at,
    cutoffAt: at,
  };
}
