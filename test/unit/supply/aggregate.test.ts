import { CutoffAggregator } from '../../../cloudfunctions/core/domain/supply/cutoff';
import type { SupplyJob } from '../../../cloudfunctions/core/repos/jobs';
import { SchedulerBudget } from '../../../cloudfunctions/core/usecases/scheduler/budget';
import { unpackSnapshot } from '../../../cloudfunctions/core/usecases/supply/job';
import { aggregateOrders, type AggregateRepos } from '../../../cloudfunctions/core/usecases/supply/run';
import { MemoryBatchItems, testItem } from '../support/memory-batch-items';
import { MemoryJobs } from '../support/memory-jobs';
import { MemoryOrders, testOrder } from '../support/memory-orders';

/**
 * The aggregate stage (以销定采) with in-memory repositories: what the purchase
 * orders will hold, to the unit and the fen, however often the run is cut short.
 */
const qingcai = testItem('qingcai', 300);
const rice = testItem('rice', 4000);
const oil = { ...testItem('oil', 6000, 5), supplierId: 'sup-2', notRunning: true };

function world() {
  const o2 = testOrder(
    'o2',
    [
      { item: qingcai, qty: 3 },
      { item: oil, qty: 1 },
    ],
    { pickupPointId: 'pp-2' },
  );
  // One of the three bundles was refunded at arrival.
  Object.assign(o2.lines[0], { refundedQty: 1, refundedFen: 300 });
  const orders = new MemoryOrders([
    testOrder('o1', [
      { item: qingcai, qty: 2 },
      { item: rice, qty: 1 },
    ]),
    o2,
    testOrder('o3', [{ item: rice, qty: 2 }]),
    testOrder('o4', [{ item: oil, qty: 2 }]),
    testOrder('o5', [{ item: qingcai, qty: 9 }], { status: 'cancelled' }),
    testOrder('o6', [{ item: rice, qty: 5 }], { status: 'refunded' }),
  ]);
  const jobs = new MemoryJobs();
  const repos: AggregateRepos = {
    itemsOf: new MemoryBatchItems([qingcai, rice, oil]).itemsOf,
    orderPages: orders.supplyOrderPages,
    jobOf: jobs.jobOf,
    saveJob: jobs.saveJob,
  };
  return { jobs, repos };
}
const plenty = () => new SchedulerBudget(60_000);
// Each run logs where its time went; not here.
beforeEach(() => jest.spyOn(console, 'log').mockImplementation(() => undefined));
const result = (job: SupplyJob) => CutoffAggregator.restore(unpackSnapshot(job.snapshot!)).finish();

test('the aggregate holds the paid units less refunded ones, without cancelled orders or items that did not run', async () => {
  const { repos } = world();
  const job = await aggregateOrders('b-1', {}, plenty(), repos);
  expect(job).toMatchObject({ phase: 'writing', lines: 4, invocations: 1 });
  const sum = result(job);
  expect(sum.purchaseOrders.map((p) => [p.supplierId, p.totalQty, p.totalAmountFen])).toEqual([
    ['sup-1', 2 + 2 + 1 + 2, 4 * 300 + 3 * 4000],
  ]);
  expect(sum.totalAmountFen).toBe(1200 + 12000);
  const perPoint = new Map(sum.packingLists.map((l) => [l.pickupPointId, l.amountFen]));
  expect(perPoint).toEqual(
    new Map([
      ['pp-1', 600 + 4000 + 8000],
      ['pp-2', 600],
    ]),
  );
});

test('a run cut short after every page resumes from its checkpoint to the same totals', async () => {
  const whole = result(await aggregateOrders('b-1', {}, plenty(), world().repos));
  const { jobs, repos } = world();
  let job: SupplyJob | undefined;
  let calls = 0;
  do {
    calls++;
    job = await aggregateOrders('b-1', { pageSize: 1, maxPages: 1 }, plenty(), repos);
  } while (job.phase === 'reading' && calls < 20);
  // Four orders to supply, one a call; the fifth call finds the end.
  expect(calls).toBe(5);
  expect(job).toMatchObject({ phase: 'writing', pages: 4, invocations: 5 });
  expect(result(job)).toEqual(whole);
  expect(jobs.jobs.get('b-1')?.phase).toBe('writing');
});

test('a spent budget reads nothing and keeps the checkpoint as it was', async () => {
  const { repos } = world();
  const first = await aggregateOrders('b-1', { pageSize: 2, maxPages: 1 }, plenty(), repos);
  expect(first).toMatchObject({ phase: 'reading', pages: 1 });
  let t = 0;
  const spent = new SchedulerBudget(0, () => t++);
  const again = await aggregateOrders('b-1', {}, spent, repos);
  expect(again).toMatchObject({ phase: 'reading', pages: 1, after: first.after });
});
