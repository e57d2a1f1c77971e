import type { Order } from '../../../typings/models';
import { balance } from '../../../cloudfunctions/core/domain/commission';
import {
  appendBalanceEntry,
  recordOrderCommission,
  settleOrderCommission,
} from '../../../cloudfunctions/core/usecases/commission/record';
import { MemoryCommission } from '../support/memory-commission';
import { at, categories, line, paidOrder, pickUp, type TestOrder } from './fixtures';

const paidAt = at('2025-04-01T02:00:00Z');
const DAY = 24 * 3600_000;

/** A paid order of leader L1: kale 19.99 at 10 %, apple 19.99 at 12.5 %. */
function setUp() {
  const repos = new MemoryCommission();
  repos.categories = categories.map((c, i) => ({ ...c, name: c._id, sort: i }));
  const order = paidOrder('o1', [line('kale', 'veg', 1999), line('apple', 'fruit', 1999)], paidAt);
  const save = () => repos.saveOrder(order as unknown as Order);
  save();
  const record = (when = paidAt) => recordOrderCommission('o1', when, repos);
  const money = () => balance(repos.entriesOf('L1'));
  return { repos, order, save, record, money };
}

function refund(order: TestOrder, batchItemId: string, fen: number) {
  const l = order.lines.find((x) => x.batchItemId === batchItemId)!;
  l.refundedFen += fen;
  order.refundedFen += fen;
}

describe('recording an order’s commission (use case over in-memory repositories)', () => {
  test('payment books floor(paid × rate) per line as pending; a replay adds nothing', async () => {
    const { repos, record, money } = setUp();
    expect(await record()).toEqual({ entries: 2 });
    expect(money()).toMatchObject({ pendingFen: 199 + 249, availableFen: 0 });
    expect(await record()).toEqual({ entries: 0 });
    expect(await record(new Date(paidAt.getTime() + DAY))).toEqual({ entries: 0 });
    expect(repos.ledger.size).toBe(2);
    expect(money().pendingFen).toBe(448);
  });

  test('concurrent hooks for one order book it once', async () => {
    const { repos, record, money } = setUp();
    const outcomes = await Promise.all([record(), record(), record(), record(), record()]);
    expect(outcomes.map((o) => o.entries).sort()).toEqual([0, 0, 0, 0, 2]);
    expect(repos.ledger.size).toBe(2);
    expect(money().pendingFen).toBe(448);
  });

  test('a refund leaves floor((paid − refunded) × rate) on the line, to the fen, once per refund', async () => {
    const { order, save, record, money } = setUp();
    await record();
    refund(order, 'kale', 999); // kale keeps 10.00 paid → 1.00
    save();
    expect(await record()).toEqual({ entries: 1 });
    expect(money().pendingFen).toBe(100 + 249);
    expect(await record()).toEqual({ entries: 0 });
    refund(order, 'apple', 1000); // apple keeps 9.99 paid → floor(124.875) = 1.24
    save();
    await record();
    expect(money().pendingFen).toBe(100 + 124);
  });

  test('an order refunded before its payment hook ran is booked on what is still paid', async () => {
    const { order, save, record, money } = setUp();
    refund(order, 'kale', 1999);
    save();
    await record();
    expect(money().pendingFen).toBe(249);
    expect(await record()).toEqual({ entries: 0 });
  });

  test('pickup confirms; settlement days later it becomes withdrawable once; a later refund claws back', async () => {
    const { repos, order, save, record, money } = setUp();
    await record();
    const pickedAt = new Date(paidAt.getTime() + DAY);
    pickUp(order, pickedAt);
    save();
    expect(await record(pickedAt)).toEqual({ entries: 1 });
    expect(money()).toMatchObject({ pendingFen: 0, confirmedFen: 448, availableFen: 0 });

    expect(await settleOrderCommission('o1', new Date(pickedAt.getTime() + 6 * DAY), 7, repos)).toBe(false);
    expect(repos.balances.get('L1') ?? 0).toBe(0);
    const due = new Date(pickedAt.getTime() + 7 * DAY);
    expect(await settleOrderCommission('o1', due, 7, repos)).toBe(true);
    expect(await settleOrderCommission('o1', due, 7, repos)).toBe(false);
    expect(repos.balances.get('L1')).toBe(448);
    expect(money()).toMatchObject({ confirmedFen: 0, availableFen: 448 });

    refund(order, 'apple', 1999); // after-sales on a settled order: its 2.49 comes back off the balance
    save();
    await record(new Date(due.getTime() + DAY));
    expect(repos.balances.get('L1')).toBe(199);
    expect(money().availableFen).toBe(199);
  });

  test('an unpaid order or one without a leader books nothing', async () => {
    const { repos, order, save } = setUp();
    delete order.paidAt;
    save();
    expect(await recordOrderCommission('o1', paidAt, repos)).toEqual({ entries: 0 });
    expect(await recordOrderCommission('missing', paidAt, repos)).toEqual({ entries: 0 });
    expect(repos.ledger.size).toBe(0);
  });

  test('a lost commissionOrders document is rebuilt from the ledger: nothing is booked twice', async () => {
    const { repos, order, save, record, money } = setUp();
    await record();
    refund(order, 'kale', 999);
    save();
    await record();
    repos.commissionOrders.clear();
    expect(await record()).toEqual({ entries: 0 });
    expect(money().pendingFen).toBe(349);
  });

  test('a balance entry (bonus) is credited once per key', async () => {
    const { repos } = setUp();
    const bonus = {
      id: 'bonus:tier:L1:2025-03',
      idempotencyKey: 'bonus:tier:L1:2025-03',
      leaderId: 'L1',
      kind: 'bonus' as const,
      amountFen: 5000,
      at: paidAt,
      month: '2025-03',
    };
    const outcomes = await Promise.all([
      appendBalanceEntry(bonus, paidAt, repos),
      appendBalanceEntry(bonus, paidAt, repos),
    ]);
    expect(outcomes.sort()).toEqual([false, true]);
    expect(repos.balances.get('L1')).toBe(5000);
  });
});
