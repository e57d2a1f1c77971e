import type { Category, Order } from '../../../../typings/models';
import { ledgerEntry, ledgerKey, type LedgerEntry } from './ledger';
import { lineKeys, linePaidFen, type CommissionLine } from './lines';
import { commissionFen } from './rate';

type PaidOrder = Pick<Order, '_id' | 'leaderId' | 'paidAt'> & { lines: readonly CommissionLine[] };

/**
 * Payment books each line's commission as pending, at the category's rate of the
 * moment (snapshotted on the entry: later rate changes don't rewrite old orders).
 *
 * Lines that earn 0 (0 bps, fully refunded, or under one fen) still get their entry:
 * the key pins the line as booked, so a replay after a rate change can't book it again.
 *
 * Pass the order as it is NOW: if refunds were applied before this event is handled,
 * the commission is booked on what is still paid, and onRefund skips those refunds
 * (see baseFen), so the total stays right whichever runs first.
 */
export function onPaid(
  order: PaidOrder,
  categories: readonly Pick<Category, '_id' | 'commissionBps'>[],
): LedgerEntry[] {
  if (!order.paidAt) throw new Error(`order ${order._id} has no paidAt: not paid`);
  const rateOf = new Map(categories.map((c) => [c._id, c.commissionBps]));
  const keys = lineKeys(order);
  const entries: LedgerEntry[] = [];
  order.lines.forEach((line, i) => {
    const rateBps = rateOf.get(line.categoryId);
    // A missing category must not silently pay 0: that would be unfixable by replay.
    if (rateBps === undefined) throw new Error(`no commission rate for category ${line.categoryId}`);
    const baseFen = linePaidFen(line);
    const amountFen = commissionFen(baseFen, rateBps);
    entries.push(
      ledgerEntry(ledgerKey.pending(order._id, keys[i]), {
        leaderId: order.leaderId,
        orderId: order._id,
        lineKey: keys[i],
        kind: 'pending',
        amountFen,
        at: order.paidAt!,
        rateBps,
        baseFen,
      }),
    );
  });
  return entries;
}
