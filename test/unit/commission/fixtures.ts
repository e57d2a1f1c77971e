import type { Category, Order } from '../../../typings/models';
import type { CommissionLine, LedgerEntry } from '../../../cloudfunctions/core/domain/commission';

/** Orders as commission sees them: the fixtures don't chase fields that other features add to lines. */
export type TestOrder = Omit<Order, 'lines'> & { lines: CommissionLine[] };

export const categories: Pick<Category, '_id' | 'commissionBps'>[] = [
  { _id: 'veg', commissionBps: 1000 },
  { _id: 'fruit', commissionBps: 1250 },
  { _id: 'free', commissionBps: 0 },
];

export function line(batchItemId: string, categoryId: string, amountFen: number): CommissionLine {
  return { batchItemId, categoryId, amountFen, refundedFen: 0 };
}

export function paidOrder(id: string, lines: CommissionLine[], paidAt: Date, leaderId = 'L1'): TestOrder {
  const totalFen = lines.reduce((s, l) => s + l.amountFen, 0);
  return {
    _id: id,
    orderNo: id,
    openid: 'resident',
    clientRequestId: `req-${id}`,
    batchId: 'b1',
    pickupPointId: 'pp1',
    leaderId,
    lines,
    totalFen,
    paidFen: totalFen,
    refundedFen: 0,
    status: 'paid',
    history: [{ status: 'paid', at: paidAt }],
    payDeadline: paidAt,
    createdAt: paidAt,
    paidAt,
  };
}

export function pickUp(order: TestOrder, at: Date): void {
  order.status = 'picked_up';
  order.history.push({ status: 'picked_up', at });
}

/** The collection as the DB layer keeps it: _id = idempotencyKey, a duplicate insert fails. */
export class FakeLedger {
  readonly rows = new Map<string, LedgerEntry>();
  /** Returns the keys that were new. */
  insert(entries: readonly LedgerEntry[]): string[] {
    const fresh: string[] = [];
    for (const e of entries) {
      if (this.rows.has(e.idempotencyKey)) continue;
      this.rows.set(e.idempotencyKey, e);
      fresh.push(e.idempotencyKey);
    }
    return fresh;
  }
  all(): LedgerEntry[] {
    return [...this.rows.values()];
  }
  ofOrder(orderId: string): LedgerEntry[] {
    return this.all().filter((e) => e.orderId === orderId);
  }
}

export const at = (iso: string) => new Date(iso);
