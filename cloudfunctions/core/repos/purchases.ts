import type { Purchase } from '../../../typings/models';
import { purchaseIdFor } from '../domain/ids';
import { _ } from '../infra/cloud';
import { isDuplicateKey } from '../infra/db-errors';
import { C, coll, rows, updatedCount } from './collections';

/** What the resident holds per item of a batch (the counters behind "每人限购"). */
export async function boughtInBatch(openid: string, batchId: string): Promise<Map<string, number>> {
  const list = await rows<Purchase>(coll(C.purchases).where({ openid, batchId }).limit(200));
  return new Map(list.map((p) => [p.batchItemId, p.qty]));
}

export async function boughtOf(openid: string, batchItemId: string): Promise<number> {
  const list = await rows<Purchase>(
    coll(C.purchases)
      .where({ _id: purchaseIdFor(openid, batchItemId) })
      .limit(1),
  );
  return list[0]?.qty ?? 0;
}

/**
 * Counts qty against the resident's limit, all or nothing. The first purchase
 * inserts the counter (one round trip; its fixed _id makes a parallel first
 * purchase collide); later ones use a guarded $inc that only applies while the
 * counter stays within the limit.
 */
export async function countPurchase(
  p: { openid: string; batchId: string; batchItemId: string; limitPerUser: number },
  qty: number,
  now: Date,
): Promise<boolean> {
  if (qty > p.limitPerUser) return false;
  const _id = purchaseIdFor(p.openid, p.batchItemId);
  try {
    const doc: Purchase = {
      _id,
      openid: p.openid,
      batchId: p.batchId,
      batchItemId: p.batchItemId,
      qty,
      updatedAt: now,
    };
    await coll(C.purchases).add({ data: doc });
    return true;
  } catch (err) {
    if (!isDuplicateKey(err)) throw err;
  }
  const res = await coll(C.purchases)
    .where({ _id, qty: _.lte(p.limitPerUser - qty) })
    .update({ data: { qty: _.inc(qty), updatedAt: now } });
  return updatedCount(res) === 1;
}

/** Gives back what a cancelled order counted; guarded so the counter never goes negative. */
export async function uncountPurchase(openid: string, batchItemId: string, qty: number, now: Date): Promise<boolean> {
  const res = await coll(C.purchases)
    .where({ _id: purchaseIdFor(openid, batchItemId), qty: _.gte(qty) })
    .update({ data: { qty: _.inc(-qty), updatedAt: now } });
  return updatedCount(res) === 1;
}
