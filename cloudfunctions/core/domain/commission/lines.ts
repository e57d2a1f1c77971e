import type { OrderLine } from '../../../../typings/models';

/** Only what commission reads from a line, so unrelated changes to OrderLine don't reach here. */
export type CommissionLine = Pick<OrderLine, 'batchItemId' | 'categoryId' | 'amountFen' | 'refundedFen'>;

/**
 * A line's identity inside its order, used in idempotency keys. batchItemId reads well
 * and is stable; should an order ever hold the same item on two lines, the later ones
 * get '#2', '#3' so no line's commission is swallowed as a "duplicate".
 */
export function lineKeys(order: { lines: readonly CommissionLine[] }): string[] {
  const seen = new Map<string, number>();
  return order.lines.map((line) => {
    const n = (seen.get(line.batchItemId) ?? 0) + 1;
    seen.set(line.batchItemId, n);
    return n === 1 ? line.batchItemId : `${line.batchItemId}#${n}`;
  });
}

/** What the resident has paid for the line and not got back. */
export function linePaidFen(line: Pick<CommissionLine, 'amountFen' | 'refundedFen'>): number {
  return line.amountFen - line.refundedFen;
}
