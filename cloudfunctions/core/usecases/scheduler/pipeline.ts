import { reached, type CutoffStage, type PendingStage } from '../../domain/supply/pipeline';
import { now } from '../../infra/clock';
import { stopSellingItems } from '../../repos/batch-items';
import { batchById, batchesDueForCutoff, cutOffBatch, markBatch } from '../../repos/batches';
import { pipelineOf, recordStageDone, startPipeline, unfinishedPipelines } from '../../repos/jobs';
import { unpaidCountOf } from '../../repos/orders';
import { emptyGroupReport, settleGroups, type GroupReport } from '../group/settle';
import { cancelOrder } from '../order/cancel';
import { aggregateOrders, writeDocuments, type SupplyCall } from '../supply/run';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';
import { emptyExpireReport, expireUnpaidOrders, type ExpireReport } from './expire';
import { settleMinimums, type MinimumsReport } from './minimums';

export const UNPAID_CANCEL_REASON = '超时未支付，自动取消';

export interface PipelineReport extends ExpireReport, MinimumsReport, GroupReport {
  batchesCutOff: number;
  /** Batches whose purchase orders, packing lists and route were written. */
  documentsWritten: number;
}

export const emptyPipelineReport = (): PipelineReport => ({
  ...emptyExpireReport(),
  ...emptyGroupReport(),
  batchesCutOff: 0,
  itemsNotRunning: 0,
  refundsRequested: 0,
  documentsWritten: 0,
});

interface StageContext {
  budget: SchedulerBudget;
  report: PipelineReport;
  supply: SupplyCall;
}

/**
 * What each stage does; their order is CUTOFF_STAGES (domain/supply/pipeline.ts).
 * A stage answers true when its work is complete; only then is it recorded done
 * and the next one started. Every stage can run again, in part or whole,
 * without doing anything twice.
 */
const STAGES: Record<PendingStage, (batchId: string, ctx: StageContext) => Promise<boolean>> = {
  async cutoff(batchId, { report }) {
    const batch = await batchById(batchId);
    if (batch?.status !== 'open') return true;
    // An early cut-off (the admin closes the batch before its time) moves the cut-off time too.
    const at = now();
    const early = new Date(batch.cutoffAt).getTime() > at.getTime() ? at : undefined;
    // Items first: orders guard on the items' copy of the status, so selling stops at once.
    await stopSellingItems(batchId, early);
    if (await cutOffBatch(batchId, early)) report.batchesCutOff++;
    return true;
  },
  async unpaid(batchId, { budget, report }) {
    await expireUnpaidOrders((orderId) => cancelOrder(orderId, UNPAID_CANCEL_REASON), budget, report, batchId);
    return (await unpaidCountOf(batchId)) === 0;
  },
  async minimums(batchId, { budget, report }) {
    // Every 拼团 still open ends with selling (its members refunded) before anything is counted or bought.
    if (!(await settleGroups(now(), budget, report, batchId))) return false;
    if (!(await settleMinimums(batchId, budget, report))) return false;
    await markBatch(batchId, { minimumsSettledAt: now() });
    return true;
  },
  async aggregate(batchId, { budget, supply }) {
    return (await aggregateOrders(batchId, supply, budget)).phase !== 'reading';
  },
  async documents(batchId, ctx) {
    // An admin's restart may have sent the job back to reading: reading is finished first.
    if (!(await STAGES.aggregate(batchId, ctx))) return false;
    const job = await writeDocuments(batchId, ctx.supply);
    if (job.phase === 'done') ctx.report.documentsWritten++;
    return job.phase === 'done';
  },
};

export interface PipelineRun {
  /** Run no stage from this one on (the admin's early close runs only the cut-off). */
  until?: CutoffStage;
  /** Options for the supply stages (an admin's restart, a test's page cap). */
  supply?: SupplyCall;
}

/**
 * Runs a batch's pipeline from the stage it is at, one stage after the other,
 * until it is done, a stage cannot finish yet (unpaid orders still in their
 * payment window, a refund that failed) or the budget is spent. Answers the
 * stage it stopped at. Two runs at once are harmless: every stage is idempotent
 * and a stage is recorded done once (a guarded update on the pipeline document).
 */
export async function runPipeline(
  batchId: string,
  budget: SchedulerBudget,
  report: PipelineReport,
  run: PipelineRun = {},
): Promise<CutoffStage> {
  let stage = (await pipelineOf(batchId))?.stage;
  if (!stage) throw new Error(`batch ${batchId} has no cut-off pipeline`);
  const ctx: StageContext = { budget, report, supply: run.supply ?? {} };
  while (stage !== 'done' && !(run.until && reached(stage, run.until)) && !budget.spent) {
    if (!(await STAGES[stage](batchId, ctx))) break;
    stage = await recordStageDone(batchId, stage, now());
  }
  return stage;
}

/**
 * Cuts a batch off: its pipeline document first (so no batch is ever cut off
 * without one), then the cut-off stage. The scheduler calls it for batches whose
 * time has come, the admin's early close for one batch.
 */
export async function cutOff(batchId: string, budget: SchedulerBudget, report: PipelineReport): Promise<void> {
  await startPipeline(batchId, now());
  await runPipeline(batchId, budget, report, { until: 'unpaid' });
}

/**
 * The scheduler's part, every minute: cut off the batches whose time has come,
 * then carry every unfinished pipeline as far as it can go, oldest first.
 */
export async function runDuePipelines(budget: SchedulerBudget, report: PipelineReport): Promise<void> {
  // One batch's failure must not hold up the others: its stage is tried again next tick.
  const guarded = async (batchId: string, run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (err) {
      console.error(`[scheduler] pipeline ${batchId}`, err);
      report.failed++;
    }
  };
  for (const batchId of await batchesDueForCutoff(now(), SCHEDULER_PAGE)) {
    if (budget.spent) return;
    await guarded(batchId, () => cutOff(batchId, budget, report));
  }
  for (const pipeline of await unfinishedPipelines(SCHEDULER_PAGE)) {
    if (budget.spent) return;
    await guarded(pipeline.batchId, () => runPipeline(pipeline.batchId, budget, report));
  }
}
