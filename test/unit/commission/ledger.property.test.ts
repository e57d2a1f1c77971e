import fc from 'fast-check';
import {
  balance,
  commissionFen,
  lineKeys,
  onPaid,
  onPickedUp,
  onRefund,
  rejectWithdrawal,
  requestWithdrawal,
  settleDue,
  type LedgerEntry,
  type RefundEvent,
} from '../../../cloudfunctions/core/domain/commission';
import { FakeLedger, line, paidOrder, pickUp, type TestOrder } from './fixtures';

/**
 * A leader's orders live through random interleavings of: the payment callback being
 * handled (possibly late, after refunds), partial refunds (before or after pickup or
 * settlement), pickups, settlement runs, category rate changes, withdrawals and their
 * rejections, and replays of any earlier event against today's state.
 */
const HOUR = 3600_000;
const CATS = ['c0', 'c1', 'c2'];

type Action =
  | { t: 'pay'; o: number }
  | { t: 'refund'; o: number; l: number; fen: number }
  | { t: 'pickup'; o: number }
  | { t: 'tick'; hours: number }
  | { t: 'settle' }
  | { t: 'rerate'; c: number; bps: number }
  | { t: 'withdraw'; fen: number }
  | { t: 'reject'; k: number }
  | { t: 'replay'; k: number };

const idx = fc.nat(9);
const weighted = (weight: number, arbitrary: fc.Arbitrary<Action>) => ({ weight, arbitrary });
const actionArb: fc.Arbitrary<Action> = fc.oneof(
  weighted(3, fc.record({ t: fc.constant('pay' as const), o: idx })),
  weighted(
    4,
    fc.record({ t: fc.constant('refund' as const), o: idx, l: idx, fen: fc.integer({ min: 1, max: 30_000 }) }),
  ),
  weighted(3, fc.record({ t: fc.constant('pickup' as const), o: idx })),
  weighted(3, fc.record({ t: fc.constant('tick' as const), hours: fc.integer({ min: 1, max: 240 }) })),
  weighted(3, fc.record({ t: fc.constant('settle' as const) })),
  weighted(1, fc.record({ t: fc.constant('rerate' as const), c: fc.nat(2), bps: fc.integer({ min: 0, max: 3000 }) })),
  weighted(4, fc.record({ t: fc.constant('withdraw' as const), fen: fc.integer({ min: 1, max: 5_000 }) })),
  weighted(1, fc.record({ t: fc.constant('reject' as const), k: fc.nat() })),
  weighted(3, fc.record({ t: fc.constant('replay' as const), k: fc.nat() })),
);

const ordersArb = fc.array(
  fc.array(fc.record({ c: fc.nat(2), amountFen: fc.integer({ min: 0, max: 50_000 }) }), { minLength: 1, maxLength: 4 }),
  { minLength: 1, maxLength: 3 },
);

const scenarioArb = fc.record({
  orders: ordersArb,
  rates: fc.tuple(
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: 0, max: 3000 }),
    fc.integer({ min: 0, max: 3000 }),
  ),
  paidAt: fc.date({
    min: new Date('2024-01-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  settleDays: fc.integer({ min: 0, max: 7 }),
  actions: fc.array(actionArb, { minLength: 10, maxLength: 80, size: 'max' }),
});

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never;

/** Runs a scenario, checking step invariants; returns what the final checks need. */
function simulate(s: Scenario) {
  const ledger = new FakeLedger();
  const rates = [...s.rates];
  const categories = () => CATS.map((_id, i) => ({ _id, commissionBps: rates[i] }));
  const orders: TestOrder[] = s.orders.map((ls, o) =>
    paidOrder(
      `o${o}`,
      ls.map((l, i) => line(`item${i}`, CATS[l.c], l.amountFen)),
      s.paidAt,
    ),
  );
  /** The rate each order's commission was booked at: the rate when its payment was first handled. */
  const bookedRates = new Map<string, number[]>();
  const withdrawals: LedgerEntry[] = [];
  const events: (() => LedgerEntry[])[] = [];
  let now = new Date(s.paidAt.getTime() + HOUR);
  let available = 0;

  const handle = (run: () => LedgerEntry[], what: Action['t']) => {
    const fresh = ledger.insert(run());
    const b = balance(ledger.all());
    expect(b.pendingFen).toBeGreaterThanOrEqual(0);
    expect(b.confirmedFen).toBeGreaterThanOrEqual(0);
    // Only a refund (clawback) may take available below zero, or deeper below it.
    if (b.availableFen < 0 && b.availableFen < available) expect(what).toBe('refund');
    available = b.availableFen;
    return fresh;
  };
  const pay = (o: TestOrder) => () => {
    if (!bookedRates.has(o._id)) bookedRates.set(o._id, [...rates]);
    return onPaid(o, categories());
  };

  for (const a of s.actions) {
    // Every event gets its own instant, as in life; a settle run at T never sees a pickup stamped after T.
    now = new Date(now.getTime() + 1);
    switch (a.t) {
      case 'pay':
      case 'pickup': {
        const o = orders[a.o % orders.length];
        if (a.t === 'pickup' && o.status !== 'picked_up') pickUp(o, now);
        const run = a.t === 'pay' ? pay(o) : () => onPickedUp(o);
        handle(run, a.t);
        events.push(run);
        break;
      }
      case 'refund': {
        const o = orders[a.o % orders.length];
        const i = a.l % o.lines.length;
        const fen = Math.min(a.fen, o.lines[i].amountFen - o.lines[i].refundedFen);
        if (fen === 0) break;
        const before = o.lines[i].refundedFen;
        o.lines[i].refundedFen += fen;
        const event: RefundEvent = {
          at: now,
          lines: [{ lineKey: lineKeys(o)[i], refundedFenBefore: before, refundedFenAfter: before + fen }],
        };
        const run = () => onRefund(o, event, ledger.ofOrder(o._id));
        handle(run, 'refund');
        events.push(run);
        break;
      }
      case 'tick':
        now = new Date(now.getTime() + a.hours * HOUR);
        break;
      case 'settle': {
        const at = now;
        const run = () => settleDue(ledger.all(), at, s.settleDays);
        handle(run, 'settle');
        events.push(run);
        break;
      }
      case 'rerate':
        rates[a.c] = a.bps;
        break;
      case 'withdraw': {
        const id = `w${withdrawals.length}`;
        const amountFen = a.fen;
        const at = now;
        const run = () => {
          const r = requestWithdrawal({
            leaderId: 'L1',
            withdrawalId: id,
            amountFen,
            minFen: 100,
            balance: balance(ledger.all()),
            at,
          });
          return r.ok ? [r.entry] : [];
        };
        const fresh = handle(run, 'withdraw');
        if (fresh.length > 0) {
          // The point of the rule: a withdrawal never leaves the leader owing.
          expect(balance(ledger.all()).availableFen).toBeGreaterThanOrEqual(0);
          withdrawals.push(ledger.rows.get(fresh[0])!);
          // Only an accepted request is an event; a refused one may rightly succeed when retried later.
          events.push(run);
        }
        break;
      }
      case 'reject': {
        if (withdrawals.length === 0) break;
        const w = withdrawals[a.k % withdrawals.length];
        const at = now;
        const run = () => [rejectWithdrawal(w, at)];
        handle(run, 'reject');
        events.push(run);
        break;
      }
      case 'replay': {
        if (events.length === 0) break;
        const before = balance(ledger.all());
        expect(handle(events[a.k % events.length], 'replay')).toEqual([]);
        expect(balance(ledger.all())).toEqual(before);
        break;
      }
    }
  }
  // Every payment callback is eventually handled.
  for (const o of orders) handle(pay(o), 'pay');
  return { ledger, orders, bookedRates, events };
}

function directCommission(orders: TestOrder[], bookedRates: Map<string, number[]>): number {
  let total = 0;
  for (const o of orders) {
    const r = bookedRates.get(o._id)!;
    for (const l of o.lines) total += commissionFen(l.amountFen - l.refundedFen, r[CATS.indexOf(l.categoryId)]);
  }
  return total;
}

describe('commission ledger properties', () => {
  test('the ledger’s commission equals the commission of the final orders, refunds included', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { ledger, orders, bookedRates } = simulate(s);
        const entries = ledger.all();
        const booked = entries
          .filter((e) => e.kind === 'pending' || e.kind === 'reverse')
          .reduce((sum, e) => sum + e.amountFen, 0);
        const direct = directCommission(orders, bookedRates);
        expect(booked).toBe(direct);

        const b = balance(entries);
        const bonusFen = 0;
        expect(b.totalEarnedFen).toBe(direct + bonusFen);
        expect(b.pendingFen + b.confirmedFen + b.availableFen + b.withdrawnFen).toBe(b.totalEarnedFen);
        // Nothing is withdrawable before it settles.
        const settledOrders = new Set(entries.filter((e) => e.kind === 'settle').map((e) => e.orderId));
        const settledCommission = entries
          .filter((e) => (e.kind === 'pending' || e.kind === 'reverse') && settledOrders.has(e.orderId))
          .reduce((sum, e) => sum + e.amountFen, 0);
        expect(b.availableFen + b.withdrawnFen).toBe(settledCommission);
      }),
      { numRuns: 300 },
    );
  });

  test('replaying every past event, in any order, against today’s state adds nothing', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, seed) => {
        const { ledger, events } = simulate(s);
        const before = balance(ledger.all());
        const size = ledger.rows.size;
        const shuffled = events.map((run, i) => ({ run, k: (i * 7919 + seed) % 104729 })).sort((x, y) => x.k - y.k);
        for (const { run } of shuffled) expect(ledger.insert(run())).toEqual([]);
        expect(ledger.rows.size).toBe(size);
        expect(balance(ledger.all())).toEqual(before);
      }),
      { numRuns: 200 },
    );
  });

  test('a balance depends on which entries exist, not on the order they were written', () => {
    fc.assert(
      fc.property(scenarioArb, fc.nat(), (s, seed) => {
        const entries = simulate(s).ledger.all();
        const shuffled = entries.map((e, i) => ({ e, k: (i * 7919 + seed) % 104729 })).sort((x, y) => x.k - y.k);
        expect(balance(shuffled.map((x) => x.e))).toEqual(balance(entries));
      }),
      { numRuns: 200 },
    );
  });

  test('every entry is dated in its Shanghai month and keyed by its own id', () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        for (const e of simulate(s).ledger.all()) {
          expect(e.id).toBe(e.idempotencyKey);
          expect(e.month).toBe(new Date(e.at.getTime() + 8 * HOUR).toISOString().slice(0, 7));
          expect(Number.isSafeInteger(e.amountFen)).toBe(true);
        }
      }),
      { numRuns: 100 },
    );
  });
});
