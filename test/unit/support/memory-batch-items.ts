import type { BatchItem } from '../../../typings/models';

/** A batch's items in a Map, with the writes the minimums stage makes. */
export class MemoryBatchItems {
  readonly items = new Map<string, BatchItem>();

  constructor(items: BatchItem[]) {
    for (const i of items) this.items.set(i._id, structuredClone(i));
  }

  itemsOf = async (batchId: string): Promise<BatchItem[]> =>
    structuredClone([...this.items.values()].filter((i) => i.batchId === batchId));

  recordMinimum = async (itemId: string, notRunning: boolean, paidQtyAtCutoff: number): Promise<void> => {
    Object.assign(this.items.get(itemId)!, { notRunning, paidQtyAtCutoff });
  };

  markMinimumRefunded = async (itemId: string, at: Date): Promise<void> => {
    this.items.get(itemId)!.minimumRefundedAt = at;
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
