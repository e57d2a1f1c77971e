import { auditItem, HOLD_GRACE_MS, type HoldingOrder } from '../../cloudfunctions/core/domain/stock-ledger';
import { batchItem, NOW } from './support/money-world';

const at = (msAgo: number) => new Date(NOW.getTime() - msAgo);
/** 10 units on sale: A holds 2 (limited) for a cancelled order, B 1 for a paid one, C 3 for an unpaid one. */
function item() {
  return {
    ...batchItem('egg', 1850, 4, 5),
    sold: 6,
    initialStock: 10,
    held: {
      ra: { qty: 2, openid: 'A', limited: true, at: at(60_000) },
      rb: { qty: 1, openid: 'B', limited: true, at: at(60_000) },
      rc: { qty: 3, openid: 'C', limited: true, at: at(60_000) },
    },
    heldBy: { A: 2, B: 1, C: 3 },
  };
}
const orders = (entries: Array<[string, HoldingOrder['status']]>) =>
  new Map(entries.map(([rid, status]) => [rid, { _id: `o-${rid}`, reservationId: rid, status }]));

describe('stock ledger of one item', () => {
  test('a cancelled order’s hold is stale; the rest proves stock + reserved + sold = initial', () => {
    const { stale, ledger } = auditItem(
      item(),
      orders([
        ['ra', 'cancelled'],
        ['rb', 'paid'],
        ['rc', 'pending_payment'],
      ]),
      NOW,
    );
    expect(stale).toEqual([
      { itemId: 'egg', reservationId: 'ra', qty: 2, openid: 'A', limited: true, why: 'order_cancelled' },
    ]);
    expect(ledger).toEqual({ itemId: 'egg', initial: 10, stock: 6, reserved: 3, sold: 1, balanced: true });
  });

  test('a hold without an order is stale only after the grace a create in flight may need', () => {
    const live = orders([
      ['ra', 'paid'],
      ['rb', 'paid'],
    ]);
    const young = auditItem(item(), live, NOW);
    expect(young.stale).toEqual([]);
    expect(young.ledger).toMatchObject({ reserved: 3, sold: 3, balanced: true });
    const later = auditItem(item(), live, new Date(NOW.getTime() + HOLD_GRACE_MS));
    expect(later.stale.map((s) => [s.reservationId, s.why])).toEqual([['rc', 'no_order']]);
  });

  test('a counter or a stock that does not add up is unbalanced', () => {
    const all = orders([
      ['ra', 'paid'],
      ['rb', 'paid'],
      ['rc', 'paid'],
    ]);
    expect(auditItem({ ...item(), heldBy: { A: 1, B: 1, C: 3 } }, all, NOW).ledger.balanced).toBe(false);
    expect(auditItem({ ...item(), stock: 5 }, all, NOW).ledger.balanced).toBe(false);
    expect(auditItem({ ...item(), sold: 7 }, all, NOW).ledger.balanced).toBe(false);
    expect(auditItem(item(), all, NOW).ledger.balanced).toBe(true);
  });
});
