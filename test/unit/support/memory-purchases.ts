import type { Purchase } from '../../../typings/models';
import { purchaseIdFor } from '../../../cloudfunctions/core/domain/ids';
import type { OrderDeps } from '../../../cloudfunctions/core/usecases/order/deps';
import { MemoryStore } from './memory-store';

type Purchases = OrderDeps['purchases'];

/** Per-resident counters with the guards of repos/purchases: never above the limit, never below zero. */
export class MemoryPurchases extends MemoryStore<Purchase> implements Purchases {
  async countPurchase(
    p: { openid: string; batchId: string; batchItemId: string; limitPerUser: number },
    qty: number,
    now: Date,
  ): Promise<boolean> {
    if (qty > p.limitPerUser) return false;
    const _id = purchaseIdFor(p.openid, p.batchItemId);
    if (this.insert({ _id, openid: p.openid, batchId: p.batchId, batchItemId: p.batchItemId, qty, updatedAt: now })) {
      return true;
    }
    return this.update(
      _id,
      (c) => c.qty <= p.limitPerUser - qty,
      (c) => {
        c.qty += qty;
        c.updatedAt = now;
      },
    );
  }

  async uncountPurchase(openid: string, batchItemId: string, qty: number, now: Date): Promise<boolean> {
    return this.update(
      purchaseIdFor(openid, batchItemId),
      (c) => c.qty >= qty,
      (c) => {
        c.qty -= qty;
        c.updatedAt = now;
      },
    );
  }

  /** What the resident has counted against the item's limit. */
  bought(openid: string, batchItemId: string): number {
    return this.get(purchaseIdFor(openid, batchItemId))?.qty ?? 0;
  }
}
