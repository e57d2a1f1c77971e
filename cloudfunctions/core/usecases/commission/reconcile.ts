import type { ReconcileReport } from '../../../../typings/commission';
import { now } from '../../infra/clock';
import { confirmedOrdersDue } from '../../repos/commission-orders';
import { reconcileJobOf, saveCommissionJob, type ReconcileJob } from '../../repos/jobs';
import { ordersChangedSince } from '../../repos/orders';
import { refundsFinishedSince } from '../../repos/refunds';
import { commissionSettings } from '../../repos/settings';
import { grantBonuses } from './bonus';
import { recordOrderCommission, settleOrderCommission } from './record';
import { syncOrderPoints } from '../points/ledger';
import { SchedulerBudget } from '../scheduler/budget';

const JOB_ID = 'commission-reconcile';
const PAGE = 1000;
/**
 * The next run looks back to this long before the previous run started: a change
 * stamped just before a run began may commit just after its query passed (payment
 * transactions live at most 60 s). Re-reading an order is harmless: recording is idempotent.
 */
const OVERLAP_MS = 5 * 60_000;
/** Orders that failed (e.g. a category was deleted) are tried again every run, up to this many. */
const MAX_RETRY = 500;

type Phase = NonNullable<ReconcileJob['phase']>;

/**
 * What the ledger must say, made true whatever hooks were or were not called:
 * 1. orders changed since the checkpoint — every status change (paid, arrived,
 *    picked_up, refunding, refunded, cancelled) appends to history with its `at`, and
 *    payment also sets paidAt, so `history.at ≥ since` finds them;
 * 2. refunds completed since the checkpoint — a partial refund changes the order's
 *    lines WITHOUT a history entry, but its refunds record gets finishedAt;
 * 3. confirmed orders whose settlement days have passed are settled;
 * 4. bonuses of closed months and of new leaders whose window closed.
 * Paged by _id 1000 at a time; the checkpoint is saved after every page.
 */
export async function reconcileCommissions(budgetMs: number): Promise<ReconcileReport> {
  const started = Date.now();
  const budget = new SchedulerBudget(budgetMs);
  const report: ReconcileReport = {
    orders: 0,
    refunds: 0,
    entries: 0,
    settled: 0,
    bonuses: 0,
    failed: 0,
    complete: false,
    ms: 0,
  };
  const settings = await commissionSettings();
  const at = now();
  const job = await loadJob(at);
  const failed = new Set<string>();

  const record = async (orderId: string) => {
    try {
      report.entries += (await recordOrderCommission(orderId, now())).entries;
      // The resident's points follow the same order changes (idempotent, like the commission).
      await syncOrderPoints(orderId, now());
      failed.delete(orderId);
    } catch (err) {
      console.error(`[commission] order ${orderId}`, err);
      failed.add(orderId);
      report.failed++;
    }
  };

  for (const id of job.retry) {
    if (budget.spent) break;
    await record(id);
    if (!failed.has(id)) job.retry = job.retry.filter((r) => r !== id);
  }

  if (!job.runStartedAt) {
    job.runStartedAt = at;
    job.phase = 'orders';
    job.lastId = null;
  }
  const runStartedAt = new Date(job.runStartedAt);
  // A clock moved backwards (tests, a fixed server clock) must not skip what happens now.
  const since = new Date(Math.min(new Date(job.since).getTime(), runStartedAt.getTime() - OVERLAP_MS));

  while (job.phase && !budget.spent) {
    const page = await changedPage(job.phase, since, job.lastId ?? undefined);
    for (const row of page.ids) {
      if (budget.spent) break;
      if (job.phase === 'orders') report.orders++;
      else report.refunds++;
      await record(row.orderId);
      job.lastId = row.cursor;
    }
    if (budget.spent) break;
    if (page.ids.length < PAGE) {
      job.phase = job.phase === 'orders' ? 'refunds' : null;
      job.lastId = null;
    }
    job.retry = [...new Set([...job.retry, ...failed])].slice(0, MAX_RETRY);
    await saveJob(job);
  }
  if (!job.phase) {
    job.since = new Date(runStartedAt.getTime() - OVERLAP_MS);
    job.runStartedAt = null;
  }
  job.retry = [...new Set([...job.retry, ...failed])].slice(0, MAX_RETRY);
  await saveJob(job);

  if (!job.phase) {
    report.settled = await settleDueOrders(settings.settleDays, budget);
    if (!budget.spent) report.bonuses = await grantBonuses(settings, now(), budget);
    report.complete = !budget.spent;
  }
  report.ms = Date.now() - started;
  return report;
}

async function changedPage(
  phase: Phase,
  since: Date,
  after: string | undefined,
): Promise<{ ids: Array<{ orderId: string; cursor: string }> }> {
  if (phase === 'orders')
    return { ids: (await ordersChangedSince(since, after, PAGE)).map((id) => ({ orderId: id, cursor: id })) };
  const refunds = await refundsFinishedSince(since, after, PAGE);
  return { ids: refunds.map((r) => ({ orderId: r.orderId, cursor: r._id })) };
}

const DAY_MS = 24 * 3600_000;

/** Confirmed orders due for settlement, oldest first; settled ones drop out of the query, so no cursor is needed. */
async function settleDueOrders(days: number, budget: SchedulerBudget): Promise<number> {
  let settled = 0;
  const skip = new Set<string>();
  while (!budget.spent) {
    const page = await confirmedOrdersDue(new Date(now().getTime() - days * DAY_MS), [...skip], 100);
    if (!page.length) break;
    for (const _id of page) {
      if (budget.spent) break;
      try {
        if (await settleOrderCommission(_id, now(), days)) settled++;
        else skip.add(_id);
      } catch (err) {
        console.error(`[commission] settle ${_id}`, err);
        skip.add(_id);
      }
    }
  }
  return settled;
}

async function loadJob(at: Date): Promise<ReconcileJob> {
  return (await reconcileJobOf(JOB_ID)) ?? { _id: JOB_ID, since: new Date(0), retry: [], updatedAt: at };
}

async function saveJob(job: ReconcileJob): Promise<void> {
  await saveCommissionJob({ ...job, updatedAt: now() });
}
