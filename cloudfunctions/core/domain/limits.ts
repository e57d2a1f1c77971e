/**
 * Per-resident purchase limits. limitPerUser 0 means unlimited; `bought` is
 * what the resident already holds in live orders (the item's heldBy counter).
 * null stands for "no limit" because it survives JSON, unlike Infinity.
 */
export function remainingLimit(limitPerUser: number, bought: number): number | null {
  if (limitPerUser === 0) return null;
  return Math.max(0, limitPerUser - bought);
}

export function withinLimit(limitPerUser: number, bought: number, qty: number): boolean {
  const left = remainingLimit(limitPerUser, bought);
  return left === null || qty <= left;
}

/** What a refused take reads back: the item's stock, window and limit, and the resident's counter. */
export interface StockState {
  stock: number;
  batchStatus: string;
  opensAt: Date;
  cutoffAt: Date;
  limitPerUser: number;
  /** What the resident holds of the item now. */
  held: number;
}

/** Why a guarded take of qty was refused, in the order a resident should hear it. */
export function whyNotTaken(s: StockState, qty: number, now: Date): 'closed' | 'limit' | 'stock' {
  const open = s.batchStatus === 'open' && s.opensAt.getTime() <= now.getTime() && s.cutoffAt.getTime() > now.getTime();
  if (!open) return 'closed';
  if (!withinLimit(s.limitPerUser, s.held, qty)) return 'limit';
  return 'stock';
}
