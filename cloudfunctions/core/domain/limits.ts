/**
 * Per-resident purchase limits. limitPerUser 0 means unlimited; `bought` is
 * what the resident already holds in live orders (the purchases counter).
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

/** The most a counter may hold before adding qty and still be within the limit (for a guarded $inc). */
export function maxBoughtBefore(limitPerUser: number, qty: number): number {
  return limitPerUser - qty;
}
