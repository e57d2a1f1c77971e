import type { SupplyStatus } from '../../../../typings/admin';
import type { Batch, BatchItem, Order, OrderStatus } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { CutoffAggregator, type CutoffLine } from '../../domain/supply/cutoff';
import { _ } from '../../infra/cloud';
import { now } from '../../infra/clock';
import { C } from '../../repos/collections';
import { col } from '../admin/common';
import { writeSupplyDocuments } from './documents';
import { loadJob, packSnapshot, saveJob, statusOf, supplyJobId, unpackSnapshot, type SupplyJob } from './job';

/** Orders whose goods must be bought and delivered. */
export const SUPPLY_STATUSES: OrderStatus[] = ['paid', 'arrived', 'picked_up'];
/** The cloud answers at most 1000 rows per get. */
export const SUPPLY_PAGE = 1000;
const CHECKPOINT_EVERY = 10;

export interface SupplyRunOptions {
  /** Start over even when a checkpoint exists. */
  restart?: boolean;
  /** Stop reading (checkpointed) after this many pages in this call: tests and a bench use it to cut runs short. */
  maxPages?: number;
  /** Rows per page, ≤ 1000 (tests use small pages to get many with few orders). */
  pageSize?: number;
  /** Stop between pages once this many ms have passed (leave a margin under the function timeout). */
  budgetMs: number;
  checkpointEvery?: number;
}

type OrderRow = Pick<Order, '_id' | 'pickupPointId'> & {
  lines: Array<
    Pick<Order['lines'][number], 'batchItemId' | 'supplierId' | 'qty' | 'refundedQty' | 'amountFen' | 'refundedFen'>
  >;
};

/** The compact projection: only what the aggregate needs crosses the wire. */
const ORDER_FIELDS = {
  _id: true,
  pickupPointId: true,
  'lines.batchItemId': true,
  'lines.supplierId': true,
  'lines.qty': true,
  'lines.refundedQty': true,
  'lines.amountFen': true,
  'lines.refundedFen': true,
};

async function batchOrFail(batchId: string): Promise<Batch> {
  const b = (await col(C.batches).where({ _id: batchId }).limit(1).get()).data[0] as Batch | undefined;
  if (!b) throw fail.notFound('团期');
  return b;
}

/**
 * 截单汇总 (以销定采) for one batch: pages through the paid order lines by _id
 * (range key, not skip), feeds the cut-off kernel, checkpoints the kernel's
 * snapshot and the last _id every few pages and when the budget or page cap
 * stops it, so the next call resumes where this one stopped. Once every page
 * is read it writes the purchase orders, packing lists and route, and marks the
 * batch done. Lines of items that did not reach their minimum (refunded by the
 * scheduler) and refunded units do not count.
 */
export async function runSupply(batchId: string, opts: SupplyRunOptions): Promise<SupplyStatus> {
  const started = Date.now();
  const spent = () => Date.now() - started >= opts.budgetMs;
  const batch = await batchOrFail(batchId);
  if (batch.status !== 'cutoff' && batch.status !== 'closed') throw fail.state('团期未截单，不能生成采购单');
  const unpaid = await col(C.orders).where({ batchId, status: 'pending_payment' }).count();
  if (unpaid.total > 0) throw fail.state(`还有 ${unpaid.total} 个未支付订单，待其支付或超时取消后再汇总`);

  const at = now();
  let job = await loadJob(batchId);
  if (!job || opts.restart || job.phase === 'done') {
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
  const items = (await col(C.batchItems).where({ batchId }).limit(1000).get()).data as BatchItem[];
  const notRunning = new Set(items.filter((i) => i.notRunning).map((i) => i._id));
  const agg = job.snapshot
    ? CutoffAggregator.restore(unpackSnapshot(job.snapshot))
    : new CutoffAggregator({ expectedItems: Math.max(16, items.length) });
  const pageSize = Math.min(SUPPLY_PAGE, opts.pageSize ?? SUPPLY_PAGE);
  // Where this call's time goes, logged at the end (operations: is it the reads, the checkpoints or the writes?).
  const ms = { read: 0, checkpoint: 0, write: 0 };
  const timed = async <T>(key: keyof typeof ms, run: () => Promise<T>): Promise<T> => {
    const t0 = Date.now();
    try {
      return await run();
    } finally {
      ms[key] += Date.now() - t0;
    }
  };
  const log = () => console.log(`[supply] ${batchId} ${job.phase} pages ${agg.pagesAdded} ${JSON.stringify(ms)}`);
  const checkpoint = (phase: SupplyJob['phase']) =>
    timed('checkpoint', async () => {
      job.phase = phase;
      job.pages = agg.pagesAdded;
      job.lines = agg.linesAdded;
      job.snapshot = packSnapshot(agg.snapshot());
      job.updatedAt = now();
      await saveJob(job);
    });

  let pagesNow = 0;
  while (job.phase === 'reading') {
    if ((opts.maxPages !== undefined && pagesNow >= opts.maxPages) || spent()) {
      await checkpoint('reading');
      log();
      return statusOf(batchId, job);
    }
    const page = await timed(
      'read',
      async () =>
        (
          await col(C.orders)
            .where({ batchId, status: _.in(SUPPLY_STATUSES), _id: _.gt(job.after) })
            .orderBy('_id', 'asc')
            .limit(pageSize)
            .field(ORDER_FIELDS)
            .get()
        ).data as OrderRow[],
    );
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
    if (page.length) {
      agg.addPage(lines);
      job.after = page[page.length - 1]._id;
      pagesNow += 1;
    }
    if (page.length < pageSize) await checkpoint('writing');
    else if (pagesNow % (opts.checkpointEvery ?? CHECKPOINT_EVERY) === 0) await checkpoint('reading');
  }

  if (job.phase === 'writing') {
    const result = agg.finish();
    const written = await timed('write', () => writeSupplyDocuments(batch, items, result));
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
    await saveJob(job);
    await col(C.batches)
      .doc(batchId)
      .update({ data: { supplyDoneAt: finishedAt } });
  }
  log();
  return statusOf(batchId, job);
}

export async function supplyStatus(batchId: string): Promise<SupplyStatus> {
  await batchOrFail(batchId);
  return statusOf(batchId, await loadJob(batchId));
}

export interface SupplyTickReport {
  batches: number;
  done: number;
  failed: number;
}

/**
 * The timer's part: batches the scheduler has cut off and whose minimum-quantity
 * refunds are settled (so no unpaid order is left and the paid quantities are
 * final), without a finished supply run. An interrupted run resumes.
 */
export async function runDueSupply(budgetMs: number): Promise<SupplyTickReport> {
  const started = Date.now();
  const res = await col(C.batches)
    .where({ status: 'cutoff', minimumsSettledAt: _.exists(true), supplyDoneAt: _.exists(false) })
    .orderBy('cutoffAt', 'asc')
    .limit(10)
    .field({ _id: true })
    .get();
  const report: SupplyTickReport = { batches: 0, done: 0, failed: 0 };
  for (const b of res.data as Array<{ _id: string }>) {
    const left = budgetMs - (Date.now() - started);
    if (left <= 0) break;
    report.batches += 1;
    try {
      const status = await runSupply(b._id, { budgetMs: left });
      if (status.phase === 'done') report.done += 1;
    } catch (err) {
      console.error(`[supply] ${b._id}`, err);
      report.failed += 1;
    }
  }
  return report;
}
