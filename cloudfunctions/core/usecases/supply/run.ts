import type { SupplyStatus } from '../../../../typings/contracts/admin/supply';
import type { Batch, BatchItem } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { CutoffAggregator, type CutoffLine } from '../../domain/supply/cutoff';
import { now } from '../../infra/clock';
import { allItemsOf } from '../../repos/batch-items';
import { batchById, markBatch } from '../../repos/batches';
import { saveSupplyJob, supplyJobId, supplyJobOf, type SupplyJob } from '../../repos/jobs';
import { supplyOrderPages, type SupplyOrderRow } from '../../repos/orders';
import type { SchedulerBudget } from '../scheduler/budget';
import { writeSupplyDocuments } from './documents';
import { packSnapshot, statusOf, unpackSnapshot } from './job';

/** The cloud answers at most 1000 rows per get. */
export const SUPPLY_PAGE = 1000;
const CHECKPOINT_EVERY = 10;

/**
 * One call's work on a batch's supply job, across the aggregate and documents
 * stages. The job it loaded is kept here, so it counts as one invocation
 * however many stages the call runs.
 */
export interface SupplyCall {
  /** Start over even when a checkpoint exists. */
  restart?: boolean;
  /** A rerun of a finished job (the pipeline is done and an admin runs it again). */
  rerun?: boolean;
  /** Stop reading (checkpointed) after this many pages in this call: tests and a bench use it to cut runs short. */
  maxPages?: number;
  /** Rows per page, ≤ 1000 (tests use small pages to get many with few orders). */
  pageSize?: number;
  checkpointEvery?: number;
  job?: SupplyJob;
}

/** What the aggregate reads and writes (in-memory ones in the unit tests). */
export interface AggregateRepos {
  itemsOf(batchId: string): Promise<BatchItem[]>;
  /** The batch's orders to supply, by _id after `after`. */
  orderPages(batchId: string, after: string, pageSize: number): AsyncIterable<SupplyOrderRow[]>;
  jobOf(batchId: string): Promise<SupplyJob | undefined>;
  saveJob(job: SupplyJob): Promise<void>;
}

const databaseRepos: AggregateRepos = {
  itemsOf: allItemsOf,
  orderPages: supplyOrderPages,
  jobOf: supplyJobOf,
  saveJob: saveSupplyJob,
};

export async function batchOrFail(batchId: string): Promise<Batch> {
  const b = await batchById(batchId);
  if (!b) throw fail.notFound('团期');
  return b;
}

/** The job this call works on: the checkpoint to resume, or a fresh one (first run, restart, rerun of a finished one). */
async function jobOf(batchId: string, call: SupplyCall, repos: AggregateRepos): Promise<SupplyJob> {
  if (call.job) return call.job;
  let job = await repos.jobOf(batchId);
  if (!job || call.restart || (call.rerun && job.phase === 'done')) {
    const at = now();
    job = {
      _id: supplyJobId(batchId),
      kind: 'supply',
      batchId,
      phase: 'reading',
      after: '',
      pages: 0,
      lines: 0,
      invocations: 0,
      snapshot: null,
      startedAt: at,
      updatedAt: at,
    };
  }
  job.invocations += 1;
  call.job = job;
  return job;
}

/**
 * 截单汇总 (以销定采), the aggregate stage: pages through the batch's paid order
 * lines by _id, feeds the cut-off kernel, and checkpoints the kernel's snapshot
 * and the last _id every few pages and when the budget or page cap stops it, so
 * the next call resumes where this one stopped. Refunded units and the lines of
 * items that did not reach their minimum are left out. Answers the job: phase
 * 'writing' once every page is read.
 */
export async function aggregateOrders(
  batchId: string,
  call: SupplyCall,
  budget: SchedulerBudget,
  repos: AggregateRepos = databaseRepos,
): Promise<SupplyJob> {
  const job = await jobOf(batchId, call, repos);
  if (job.phase !== 'reading') return job;
  const items = await repos.itemsOf(batchId);
  const notRunning = new Set(items.filter((i) => i.notRunning).map((i) => i._id));
  const agg = job.snapshot
    ? CutoffAggregator.restore(unpackSnapshot(job.snapshot))
    : new CutoffAggregator({ expectedItems: Math.max(16, items.length) });
  const pageSize = Math.min(SUPPLY_PAGE, call.pageSize ?? SUPPLY_PAGE);
  const checkpoint = async (phase: SupplyJob['phase']) => {
    job.phase = phase;
    job.pages = agg.pagesAdded;
    job.lines = agg.linesAdded;
    job.snapshot = packSnapshot(agg.snapshot());
    job.updatedAt = now();
    await repos.saveJob(job);
  };
  const t0 = Date.now();
  let pagesNow = 0;
  const stopped = () => (call.maxPages !== undefined && pagesNow >= call.maxPages) || budget.spent;
  let complete = !stopped();
  if (complete)
    for await (const page of repos.orderPages(batchId, job.after, pageSize)) {
      const lines: CutoffLine[] = [];
      for (const o of page)
        for (const l of o.lines) {
          const qty = l.qty - (l.refundedQty ?? 0);
          if (qty <= 0 || notRunning.has(l.batchItemId)) continue;
          lines.push({
            pickupPointId: o.pickupPointId,
            batchItemId: l.batchItemId,
            supplierId: l.supplierId,
            qty,
            amountFen: Math.max(0, l.amountFen - (l.refundedFen ?? 0)),
          });
        }
      agg.addPage(lines);
      job.after = page[page.length - 1]._id;
      pagesNow += 1;
      // A short page is the last one; after a full one, a stop leaves the rest for the next call.
      if (page.length < pageSize) break;
      if (stopped()) {
        complete = false;
        break;
      }
      if (pagesNow % (call.checkpointEvery ?? CHECKPOINT_EVERY) === 0) await checkpoint('reading');
    }
  await checkpoint(complete ? 'writing' : 'reading');
  // Where this call's time goes (operations: is it the reads, the checkpoints or the writes?).
  console.log(`[supply] ${batchId} ${job.phase}: ${pagesNow} pages read in ${Date.now() - t0} ms`);
  return job;
}

/**
 * The documents stage: turns the finished aggregate into the purchase orders,
 * packing lists and route, marks the job done (the snapshot is dropped) and the
 * batch's supply done. A job already done is left as it is.
 */
export async function writeDocuments(batchId: string, call: SupplyCall): Promise<SupplyJob> {
  const job = await jobOf(batchId, call, databaseRepos);
  if (job.phase !== 'writing' || !job.snapshot) return job;
  const [batch, items] = await Promise.all([batchOrFail(batchId), allItemsOf(batchId)]);
  const agg = CutoffAggregator.restore(unpackSnapshot(job.snapshot));
  const result = agg.finish();
  const t0 = Date.now();
  const written = await writeSupplyDocuments(batch, items, result);
  const finishedAt = now();
  Object.assign(job, {
    phase: 'done',
    snapshot: null,
    pages: agg.pagesAdded,
    lines: agg.linesAdded,
    updatedAt: finishedAt,
    finishedAt,
    purchaseOrders: written.purchaseOrders,
    packingLists: written.packingLists,
    totalQty: result.totalQty,
    totalAmountFen: result.totalAmountFen,
  });
  await saveSupplyJob(job);
  await markBatch(batchId, { supplyDoneAt: finishedAt });
  console.log(`[supply] ${batchId} done: documents written in ${Date.now() - t0} ms`);
  return job;
}

export async function supplyStatus(batchId: string): Promise<SupplyStatus> {
  await batchOrFail(batchId);
  return statusOf(batchId, await supplyJobOf(batchId));
}
