/**
 * Money is integer fen (分) everywhere. Every rounding rule is here, once;
 * formatting as ¥12.34 is the client's job.
 */

export function assertFen(fen: number, what = 'amount'): number {
  if (!Number.isSafeInteger(fen) || fen < 0)
    throw new RangeError(`${what} must be non-negative integer fen, got ${fen}`);
  return fen;
}

/** Amount of one order line: unit price × quantity, exact in integers. */
export function lineAmountFen(priceFen: number, qty: number): number {
  assertFen(priceFen, 'priceFen');
  if (!Number.isSafeInteger(qty) || qty < 1) throw new RangeError(`qty must be a positive integer, got ${qty}`);
  return assertFen(priceFen * qty, 'line amount');
}

export function sumFen(amounts: readonly number[]): number {
  return amounts.reduce((sum, a) => sum + assertFen(a), 0);
}

/**
 * Splits `totalFen` over `weights` in proportion, by largest remainder: each
 * part is floor(total × w / W), and the fen left over go one each to the parts
 * with the largest fractional remainders (ties to the earlier part). The parts
 * sum to exactly `totalFen`, and no part exceeds its weight when total ≤ W.
 * BigInt keeps total × w exact beyond 2^53.
 */
export function splitProportional(totalFen: number, weights: readonly number[]): number[] {
  assertFen(totalFen, 'total');
  weights.forEach((w) => assertFen(w, 'weight'));
  const W = weights.reduce((a, b) => a + b, 0);
  if (totalFen === 0) return weights.map(() => 0);
  if (W === 0) throw new RangeError('cannot split a non-zero amount over zero weights');
  const total = BigInt(totalFen);
  const bigW = BigInt(W);
  const parts = weights.map((w) => {
    const scaled = total * BigInt(w);
    return { floor: Number(scaled / bigW), rem: scaled % bigW };
  });
  let left = totalFen - parts.reduce((s, p) => s + p.floor, 0);
  const order = parts
    .map((p, i) => ({ i, rem: p.rem }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  const out = parts.map((p) => p.floor);
  for (const { i, rem } of order) {
    if (left === 0 || rem === 0n) break;
    out[i] += 1;
    left -= 1;
  }
  return out;
}

export interface RefundableLine {
  amountFen: number;
  refundedFen: number;
}

/**
 * Spreads a refund of the whole order (or part of it) over its lines in
 * proportion to what each line can still refund, so per-line refunds (and the
 * leader commissions computed from them) add up to exactly the refund and no
 * line is refunded beyond what was paid for it.
 */
export function splitRefund(refundFen: number, lines: readonly RefundableLine[]): number[] {
  const refundable = lines.map((l) => assertFen(l.amountFen - l.refundedFen, 'refundable amount'));
  const available = refundable.reduce((a, b) => a + b, 0);
  if (refundFen > available) throw new RangeError(`refund ${refundFen} exceeds refundable ${available}`);
  return splitProportional(refundFen, refundable);
}

/**
 * What the first `units` of a line's units were paid: amountFen × units / qty,
 * rounded down, so all of a line's units come to exactly its amountFen. Without
 * a discount that is priceFen × units; with one, each unit's share of it is off.
 */
export function paidForUnits(line: { amountFen: number; qty: number }, units: number): number {
  const k = Math.min(Math.max(units, 0), line.qty);
  return Number((BigInt(assertFen(line.amountFen)) * BigInt(k)) / BigInt(line.qty));
}

/**
 * What refunding `qty` more units of a line gives back when `before` of them are
 * refunded (or promised) already: their paid share. Refunds unit by unit add up
 * to exactly amountFen, never more, whatever the order of partial refunds.
 */
export function refundForUnits(line: { amountFen: number; qty: number }, before: number, qty: number): number {
  return paidForUnits(line, before + qty) - paidForUnits(line, before);
}

/**
 * Refund for returning `qty` units of a line: their paid share, but never
 * more than the line still holds (earlier partial refunds may have used some).
 */
export function refundForQty(
  line: { amountFen: number; qty: number; refundedQty: number; refundedFen: number },
  qty: number,
): number {
  return Math.min(refundForUnits(line, line.refundedQty, qty), assertFen(line.amountFen - line.refundedFen));
}
