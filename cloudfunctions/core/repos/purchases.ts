import type { Purchase } from '../../../typings/models';
import { purchaseIdFor } from '../domain/ids';
import { cmd, collection } from './db';

const purchases = () => collection('purchases');

/** What the resident holds per item of a batch (the counters behind "每人限购"). */
export async function boughtInBatch(openid: string, batchId: string): Promise<Map<string, number>> {
  const list = await purchases().find({ openid, batchId }, { limit: 200 });
  return new Map(list.map((p) => [p.batchItemId, p.qty]));
}

export async function boughtOf(openid: string, batchItemId: string): Promise<number> {
  return (await purchases().byId(purchaseIdFor(openid, batchItemId)))?.qty ?? 0;
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
  const first: Purchase = {
    _id,
    openid: p.openid,
    batchId: p.batchId,
    batchItemId: p.batchItemId,
    qty,
    updatedAt: now,
  };
  if (await purchases().insertOnce(first)) return true;
  const changed = await purchases().update(
    { _id, qty: cmd.lte(p.limitPerUser - qty) },
    { qty: cmd.inc(qty), updatedAt: now },
  );
  return changed === 1;
}

/** Gives back what a cancelled order counted; guarded so the counter never goes negative. */
export async function uncountPurchase(openid: string, batchItemId: string, qty: number, now: Date): Promise<boolean> {
  const changed = await purchases().update(
    { _id: purchaseIdFor(openid, batchItemId), qty: cmd.gte(qty) },
    { qty: cmd.inc(-qty), updatedAt: now },
  );
  return changed === 1;
}
