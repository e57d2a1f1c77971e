import {
  balance,
  lineKeys,
  onPaid,
  onPickedUp,
  onRefund,
  settleDue,
} from '../../../cloudfunctions/core/domain/commission';
import { FakeLedger, at, categories, line, paidOrder, pickUp } from './fixtures';

const paidAt = at('2025-03-31T15:30:00Z'); // 23:30 on 31 March in Shanghai

function refund(order: ReturnType<typeof paidOrder>, lineKey: string, fen: number, when: Date) {
  const i = lineKeys(order).indexOf(lineKey);
  const before = order.lines[i].refundedFen;
  order.lines[i].refundedFen += fen;
  return { at: when, lines: [{ lineKey, refundedFenBefore: before, refundedFenAfter: before + fen }] };
}

describe('commission through an order’s life', () => {
  test('payment books pending per line at the category rate, a line that earns nothing included', () => {
    const order = paidOrder(
      'o1',
      [line('apple', 'fruit', 1999), line('salt', 'free', 500), line('kale', 'veg', 1234)],
      paidAt,
    );
    const entries = onPaid(order, categories);
    expect(entries.map((e) => [e.idempotencyKey, e.kind, e.amountFen, e.rateBps, e.baseFen, e.month])).toEqual([
      ['pending:o1:apple', 'pending', 249, 1250, 1999, '2025-03'],
      ['pending:o1:salt', 'pending', 0, 0, 500, '2025-03'],
      ['pending:o1:kale', 'pending', 123, 1000, 1234, '2025-03'],
    ]);
    expect(balance(entries)).toEqual({
      pendingFen: 372,
      confirmedFen: 0,
      availableFen: 0,
      withdrawnFen: 0,
      totalEarnedFen: 372,
    });
  });

  test('an unknown category fails loudly instead of paying 0', () => {
    const order = paidOrder('o1', [line('x', 'gone', 100)], paidAt);
    expect(() => onPaid(order, categories)).toThrow(/gone/);
  });

  test('an unpaid order books nothing', () => {
    const order = paidOrder('o1', [line('x', 'veg', 100)], paidAt);
    delete order.paidAt;
    expect(() => onPaid(order, categories)).toThrow(/not paid/);
  });

  test('pending → confirmed at pickup → available N days later, each replay a no-op', () => {
    const ledger = new FakeLedger();
    const order = paidOrder('o1', [line('kale', 'veg', 10_000)], paidAt);
    ledger.insert(onPaid(order, categories));
    pickUp(order, at('2025-04-01T02:00:00Z'));
    ledger.insert(onPickedUp(order));
    expect(balance(ledger.all())).toMatchObject({ pendingFen: 0, confirmedFen: 1000 });

    expect(settleDue(ledger.all(), at('2025-04-08T01:59:59Z'), 7)).toEqual([]);
    const settled = settleDue(ledger.all(), at('2025-04-20T00:00:00Z'), 7);
    // Dated when it fell due, not when the job ran, so a rerun rebuilds it exactly.
    expect(settled).toEqual([
      expect.objectContaining({ idempotencyKey: 'settle:o1', at: at('2025-04-08T02:00:00Z'), amountFen: 0 }),
    ]);
    ledger.insert(settled);
    expect(balance(ledger.all())).toEqual({
      pendingFen: 0,
      confirmedFen: 0,
      availableFen: 1000,
      withdrawnFen: 0,
      totalEarnedFen: 1000,
    });

    expect(ledger.insert(onPaid(order, categories))).toEqual([]);
    expect(ledger.insert(onPickedUp(order))).toEqual([]);
    expect(settleDue(ledger.all(), at('2025-05-01T00:00:00Z'), 7)).toEqual([]);
  });

  test('a partial refund reverses its share; repeated partials add up to the commission of what stays paid', () => {
    const ledger = new FakeLedger();
    const order = paidOrder('o1', [line('kale', 'veg', 1999)], paidAt); // 199
    ledger.insert(onPaid(order, categories));
    const r1 = refund(order, 'kale', 5, at('2025-04-01T01:00:00Z')); // paid 1994 → 199: nothing to reverse yet
    expect(onRefund(order, r1, ledger.all())).toEqual([]);
    const r2 = refund(order, 'kale', 5, at('2025-04-01T02:00:00Z')); // paid 1989 → 198
    const e2 = onRefund(order, r2, ledger.all());
    expect(e2).toEqual([
      expect.objectContaining({
        kind: 'reverse',
        amountFen: -1,
        idempotencyKey: 'reverse:o1:kale:10',
        month: '2025-04',
      }),
    ]);
    ledger.insert(e2);
    ledger.insert(onRefund(order, refund(order, 'kale', 989, at('2025-04-01T03:00:00Z')), ledger.all())); // paid 1000 → 100
    expect(balance(ledger.all()).pendingFen).toBe(100);
    // The old refund replayed against today's order builds the same key.
    expect(ledger.insert(onRefund(order, r2, ledger.all()))).toEqual([]);
  });

  test('a rate change after payment moves nothing: refunds and replays use the rate of payment time', () => {
    const ledger = new FakeLedger();
    const order = paidOrder('o1', [line('kale', 'veg', 1000), line('salt', 'free', 1000)], paidAt);
    ledger.insert(onPaid(order, categories));
    const raised = categories.map((c) => ({ ...c, commissionBps: 3000 }));
    expect(ledger.insert(onPaid(order, raised))).toEqual([]); // the 0-fen salt line is pinned too
    const e = onRefund(order, refund(order, 'kale', 1000, paidAt), ledger.all());
    expect(e[0].amountFen).toBe(-100);
  });

  test('payment handled after a refund books on what is left, and that refund then reverses nothing', () => {
    const ledger = new FakeLedger();
    const order = paidOrder('o1', [line('kale', 'veg', 1000)], paidAt);
    const r1 = refund(order, 'kale', 400, paidAt);
    expect(onRefund(order, r1, ledger.all())).toEqual([]);
    ledger.insert(onPaid(order, categories));
    expect(onRefund(order, r1, ledger.all())).toEqual([]);
    expect(balance(ledger.all()).totalEarnedFen).toBe(60);
  });

  test('a refund after settlement is clawed back from available, which may go negative', () => {
    const ledger = new FakeLedger();
    const order = paidOrder('o1', [line('kale', 'veg', 10_000)], paidAt);
    ledger.insert(onPaid(order, categories));
    pickUp(order, at('2025-04-01T02:00:00Z'));
    ledger.insert(onPickedUp(order));
    ledger.insert(settleDue(ledger.all(), at('2025-04-09T00:00:00Z'), 7));
    ledger.insert([
      {
        id: 'withdraw:w1',
        idempotencyKey: 'withdraw:w1',
        leaderId: 'L1',
        kind: 'withdraw',
        amountFen: -900,
        at: at('2025-04-09T00:00:00Z'),
        month: '2025-04',
        withdrawalId: 'w1',
      },
    ]);
    ledger.insert(onRefund(order, refund(order, 'kale', 10_000, at('2025-04-10T00:00:00Z')), ledger.all()));
    expect(balance(ledger.all())).toEqual({
      pendingFen: 0,
      confirmedFen: 0,
      availableFen: -900,
      withdrawnFen: 900,
      totalEarnedFen: 0,
    });
  });

  test('refund ranges that cannot be true are rejected', () => {
    const order = paidOrder('o1', [line('kale', 'veg', 1000)], paidAt);
    const bad = (before: number, after: number) => ({
      at: paidAt,
      lines: [{ lineKey: 'kale', refundedFenBefore: before, refundedFenAfter: after }],
    });
    expect(() => onRefund(order, bad(0, 1001), [])).toThrow(RangeError);
    expect(() => onRefund(order, bad(500, 400), [])).toThrow(RangeError);
    expect(() =>
      onRefund(order, { at: paidAt, lines: [{ lineKey: 'nope', refundedFenBefore: 0, refundedFenAfter: 1 }] }, []),
    ).toThrow(/nope/);
  });

  test('pickup without a pickup in the history is a caller bug', () => {
    expect(() => onPickedUp(paidOrder('o1', [line('kale', 'veg', 1000)], paidAt))).toThrow(/not been picked up/);
  });

  test('the same item on two lines keeps two commissions', () => {
    const order = paidOrder('o1', [line('kale', 'veg', 1000), line('kale', 'veg', 2000)], paidAt);
    expect(lineKeys(order)).toEqual(['kale', 'kale#2']);
    expect(onPaid(order, categories).map((e) => e.amountFen)).toEqual([100, 200]);
  });
});
