import type { Order } from '../../../../typings/models';
import { ledgerEntry, ledgerKey, type LedgerEntry } from './ledger';
import { lineKeys, type CommissionLine } from './lines';
import { assertFen, commissionFen } from './rate';

/**
 * One line of one refund, described by the line's cumulative refundedFen before and
 * after it (the refund use case knows both from its guarded update of the order).
 * Cumulative figures, not the order's current state, make a replay of an old refund
 * rebuild the same entry even after later refunds changed the order.
 */
export interface RefundedLine {
  lineKey: string;
  refundedFenBefore: number;
  refundedFenAfter: number;
}

export interface RefundEvent {
  at: Date;
  lines: readonly RefundedLine[];
}

type RefundedOrder = Pick<Order, '_id' | 'leaderId'> & { lines: readonly CommissionLine[] };

/**
 * A refund reverses the refunded share of each line's commission:
 * commission(paid before) − commission(paid after), at the rate snapshotted when the
 * order was paid. Whether the order is still pending, confirmed or already settled
 * (then it is a clawback from the available balance, which may go negative) is not
 * decided here: balance() puts the reversal wherever the order's commission is.
 *
 * `recorded` = the entries already stored for this order (for the rate and base).
 */
export function onRefund(order: RefundedOrder, refund: RefundEvent, recorded: readonly LedgerEntry[]): LedgerEntry[] {
  const keys = lineKeys(order);
  const entries: LedgerEntry[] = [];
  for (const refunded of refund.lines) {
    const i = keys.indexOf(refunded.lineKey);
    if (i < 0) throw new Error(`order ${order._id} has no line ${refunded.lineKey}`);
    const { amountFen } = order.lines[i];
    const { refundedFenBefore: before, refundedFenAfter: after } = refunded;
    assertFen(before, 'refundedFenBefore');
    assertFen(after, 'refundedFenAfter');
    if (before > after || after > amountFen) {
      throw new RangeError(`refund of ${refunded.lineKey} must satisfy 0 ≤ before ≤ after ≤ ${amountFen}`);
    }
    const pending = recorded.find(
      (e) => e.kind === 'pending' && e.orderId === order._id && e.lineKey === refunded.lineKey,
    );
    // Payment not handled yet: it will book on the already refunded amount.
    if (!pending) continue;
    // Only the part of this refund the pending was booked on can be reversed: if payment was
    // handled after the refund, the booked base already excludes it.
    const from = Math.max(before, amountFen - pending.baseFen!);
    if (from >= after) continue;
    const rate = pending.rateBps!;
    const reversal = commissionFen(amountFen - from, rate) - commissionFen(amountFen - after, rate);
    if (reversal === 0) continue;
    entries.push(
      ledgerEntry(ledgerKey.reverse(order._id, refunded.lineKey, after), {
        leaderId: order.leaderId,
        orderId: order._id,
        lineKey: refunded.lineKey,
        kind: 'reverse',
        amountFen: -reversal,
        at: refund.at,
      }),
    );
  }
  return entries;
}
