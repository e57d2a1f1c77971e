import { SchedulerBudget } from '../../../cloudfunctions/core/usecases/scheduler/budget';
import {
  minimumRefundNo,
  settleMinimums,
  type MinimumsReport,
  type MinimumsRepos,
} from '../../../cloudfunctions/core/usecases/scheduler/minimums';
import { MemoryBatchItems, testItem } from '../support/memory-batch-items';
import { MemoryOrders, testOrder } from '../support/memory-orders';
import { MemoryRefunds } from '../support/memory-refunds';

/**
 * The minimums stage with in-memory repositories: who is refunded, how much,
 * exactly once. Durian (88.00, minimum 5) sells 3 and does not run; tofu (3.00,
 * minimum 2) sells 2 and runs.
 */
const durian = testItem('durian', 8800, 5);
const tofu = testItem('tofu', 300, 2);

function world() {
  const orders = new MemoryOrders([
    testOrder('o1', [
      { item: durian, qty: 1 },
      { item: tofu, qty: 1 },
    ]),
    testOrder('o2', [
      { item: durian, qty: 2 },
      { item: tofu, qty: 1 },
    ]),
    // Never paid: holds no money, counts for nothing.
    testOrder('o3', [{ item: durian, qty: 4 }], { status: 'cancelled' }),
  ]);
  const items = new MemoryBatchItems([durian, tofu]);
  const refunds = new MemoryRefunds(orders);
  const repos: MinimumsRepos = {
    itemsOf: items.itemsOf,
    paidQtyPerItem: orders.paidQtyPerItem,
    buyersOfItem: orders.buyersOfItem,
    recordMinimum: items.recordMinimum,
    markMinimumRefunded: items.markMinimumRefunded,
    refund: refunds.refund,
  };
  return { orders, items, refunds, repos };
}
const report = (): MinimumsReport => ({ itemsNotRunning: 0, refundsRequested: 0, failed: 0 });
const plenty = () => new SchedulerBudget(60_000);

test('an item below its minimum is refunded to each buyer for what they paid; an item that reached it is not', async () => {
  const { items, refunds, repos } = world();
  const r = report();
  expect(await settleMinimums('b-1', plenty(), r, repos)).toBe(true);
  expect(r).toEqual({ itemsNotRunning: 1, refundsRequested: 2, failed: 0 });
  expect(refunds.feesByOrder()).toEqual(
    new Map([
      ['o1', 8800],
      ['o2', 17600],
    ]),
  );
  expect([...refunds.byNo.keys()].sort()).toEqual(
    [minimumRefundNo('no-o1', 'durian'), minimumRefundNo('no-o2', 'durian')].sort(),
  );
  expect(items.items.get('durian')).toMatchObject({ notRunning: true, paidQtyAtCutoff: 3 });
  expect(items.items.get('tofu')).toMatchObject({ notRunning: false, paidQtyAtCutoff: 2 });
  expect(items.items.get('durian')?.minimumRefundedAt).toBeInstanceOf(Date);
});

test('a rerun asks for nothing new', async () => {
  const { refunds, repos } = world();
  await settleMinimums('b-1', plenty(), report(), repos);
  const calls = refunds.calls;
  const again = report();
  expect(await settleMinimums('b-1', plenty(), again, repos)).toBe(true);
  expect(again).toEqual({ itemsNotRunning: 0, refundsRequested: 0, failed: 0 });
  expect(refunds.calls).toBe(calls);
});

test('a buyer whose line was partly refunded already gets only the rest back', async () => {
  const { orders, refunds, repos } = world();
  const line = orders.orders.get('o2')!.lines[0];
  Object.assign(line, { refundedQty: 1, refundedFen: 8800 });
  await settleMinimums('b-1', plenty(), report(), repos);
  expect(refunds.feesByOrder().get('o2')).toBe(8800);
  expect(refunds.feesByOrder().get('o1')).toBe(8800);
});

test('a run cut short by its budget is finished by the next without paying anyone twice', async () => {
  const { refunds, repos } = world();
  let t = 0;
  const budget = new SchedulerBudget(10, () => t);
  const refundOnce = repos.refund;
  // The first refund uses up the budget.
  const slow = { ...repos, refund: (...args: Parameters<MinimumsRepos['refund']>) => ((t = 100), refundOnce(...args)) };
  expect(await settleMinimums('b-1', budget, report(), slow)).toBe(false);
  expect(refunds.byNo.size).toBe(1);
  expect(await settleMinimums('b-1', plenty(), report(), repos)).toBe(true);
  expect([...refunds.feesByOrder().values()].reduce((s, f) => s + f, 0)).toBe(3 * 8800);
  expect(refunds.byNo.size).toBe(2);
});

test('a refused refund leaves the item unsettled, and it is asked for again next time', async () => {
  const { items, refunds, repos } = world();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  refunds.refuse.add('o2');
  const r = report();
  expect(await settleMinimums('b-1', plenty(), r, repos)).toBe(false);
  expect(r).toMatchObject({ refundsRequested: 1, failed: 1 });
  expect(items.items.get('durian')?.minimumRefundedAt).toBeUndefined();

  refunds.refuse.clear();
  expect(await settleMinimums('b-1', plenty(), report(), repos)).toBe(true);
  expect(refunds.feesByOrder()).toEqual(
    new Map([
      ['o1', 8800],
      ['o2', 17600],
    ]),
  );
});
