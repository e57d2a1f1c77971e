/**
 * THE rounding rule for leader commission, written once: floor, per order line.
 *
 * Why floor: the rate is a promise ("10% of what was paid"), and floor never pays a
 * fen more than the promise; the leader loses under one fen per line, which is easy to
 * explain ("分以下舍去"). Why per line: the line is the unit that gets refunded, so its
 * commission can be recomputed exactly from its own paid amount.
 *
 * Refunds never round a refund amount on its own: a reversal is
 * commissionFen(paid before) − commissionFen(paid after), so however many partial
 * refunds a line gets, its booked commission telescopes to commissionFen(final paid)
 * with no drift. That equality is what the property tests check.
 */
export const BPS_PER_WHOLE = 10_000;

export function commissionFen(paidFen: number, bps: number): number {
  assertFen(paidFen, 'paidFen');
  if (!Number.isInteger(bps) || bps < 0 || bps > BPS_PER_WHOLE) {
    throw new RangeError(`commission rate must be 0..${BPS_PER_WHOLE} bps, got ${bps}`);
  }
  const product = paidFen * bps;
  // Past 2^53 the multiplication itself would round before our floor does.
  if (!Number.isSafeInteger(product)) throw new RangeError(`amount too large: ${paidFen} fen × ${bps} bps`);
  return Math.floor(product / BPS_PER_WHOLE);
}

export function assertFen(fen: number, name: string): void {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`${name} must be a non-negative integer fen, got ${fen}`);
}
