import type { BatchItem } from '../../../typings/models';
import type { OrderDeps } from '../../../cloudfunctions/core/usecases/order/deps';
import { MemoryStore } from './memory-store';

type BatchItemsRepo = OrderDeps['batchItems'];

/**
 * A batch's items in a Map, with the guards of the repository (stock is taken
 * only while it lasts and the batch sells) and the writes the minimums stage makes.
 */
export class MemoryBatchItems extends MemoryStore<BatchItem> implements BatchItemsRepo {
  async itemsByIds(ids: string[]): Promise<BatchItem[]> {
    return this.find((i) => ids.includes(i._id));
  }

  async takeStock(itemId: string, qty: number, now: Date): Promise<boolean> {
    return this.update(
      itemId,
      (i) => i.stock >= qty && i.batchStatus === 'open' && i.opensAt <= now && i.cutoffAt > now,
      (i) => {
        i.stock -= qty;
        i.sold += qty;
      },
    );
  }

  async returnStock(itemId: string, qty: number): Promise<boolean> {
    return this.update(
      itemId,
      (i) => i.sold >= qty,
      (i) => {
        i.stock += qty;
        i.sold -= qty;
      },
    );
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
