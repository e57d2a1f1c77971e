import type { CutoffSnapshot } from '../domain/supply/cutoff';
import { nextStage, type CutoffStage } from '../domain/supply/pipeline';
import type { StockReconcileReport } from '../domain/stock-ledger';
import { cmd, collection } from './db';

/**
 * Long jobs and their checkpoints (collection `jobs`): one cut-off pipeline per
 * batch (`cutoff_<batchId>`) and the supply run it drives (`supply_<batchId>`).
 */
export interface CutoffPipeline {
  _id: string;
  kind: 'cutoff';
  batchId: string;
  /** The stage to run next; the ones before it are done (domain/supply/pipeline.ts). */
  stage: CutoffStage;
  /** Each finished stage with the time it was recorded done, in order. */
  history: Array<{ stage: CutoffStage; at: Date }>;
  startedAt: Date;
  updatedAt: Date;
}

/**
 * The kernel's snapshot as stored: its number arrays packed into base64 of
 * typed arrays. A few hundred thousand cells as JSON numbers would cross the
 * wire as canonical EJSON objects ({"$numberInt": …}) on every checkpoint.
 */
export type NumberField =
  'pointAmountFen' | 'pointLines' | 'columnAmountFen' | 'columnLines' | 'cellCounts' | 'cellColumns' | 'cellQty';
export type StoredSnapshot = Omit<CutoffSnapshot, NumberField> & Record<NumberField, string>;

/**
 * The checkpoint of one batch's supply run: where the order pages stopped
 * (`after`, the last order _id read) and the aggregate so far. `after` and
 * `snapshot` are written together in one set, so a resumed run continues from
 * a consistent pair.
 */
export interface SupplyJob {
  _id: string;
  kind: 'supply';
  batchId: string;
  phase: 'reading' | 'writing' | 'done';
  after: string;
  pages: number;
  lines: number;
  /** Calls that worked on this run (a run cut short by a timeout or a page cap takes several). */
  invocations: number;
  snapshot: StoredSnapshot | null;
  startedAt: Date;
  updatedAt: Date;
  finishedAt?: Date;
  purchaseOrders?: number;
  packingLists?: number;
  totalQty?: number;
  totalAmountFen?: number;
}

/**
 * The commission timer's checkpoint (`commission-reconcile`): a run cut short
 * by the timeout resumes where it stopped.
 */
export interface ReconcileJob {
  _id: string;
  kind?: 'commission';
  /** Changes stamped at or after this instant are scanned. */
  since: Date;
  /** Set while a run is in progress (possibly across invocations). */
  runStartedAt?: Date | null;
  phase?: 'orders' | 'refunds' | null;
  /** Last _id handled in the current phase. */
  lastId?: string | null;
  retry: string[];
  updatedAt: Date;
}

/** The bonus runs' checkpoints: `commission-bonus-<month>` (monthly tiers) and `commission-new-leader`. */
export interface BonusJob {
  _id: string;
  kind?: 'commission';
  /** Monthly: leaders handled so far (by _id); done when the last page is through. */
  lastLeaderId?: string | null;
  done?: boolean;
  /** New-leader: windows that closed before this instant have been decided. */
  doneUntil?: Date;
  updatedAt: Date;
}

export type CommissionJob = ReconcileJob | BonusJob;

/**
 * The stock reconciliation's record (`stock-reconcile`): when it last ran (the
 * claim that keeps it to one run per interval) and what that run found and gave back.
 */
export interface StockReconcileJob {
  _id: string;
  kind: 'stock-reconcile';
  lastRunAt: Date;
  report?: StockReconcileReport;
  updatedAt: Date;
}

/**
 * The year-end points expiry (`points-expiry`): the last year whose points were
 * expired, and while a run is under way, the last balance it finished.
 */
export interface PointsExpiryJob {
  _id: string;
  kind: 'points-expiry';
  /** Points earned in this year (and before) have been expired for everyone once lastId is null. */
  year: number;
  lastId: string | null;
  updatedAt: Date;
}

export type JobDoc = CutoffPipeline | SupplyJob | CommissionJob | StockReconcileJob | PointsExpiryJob;

export const POINTS_EXPIRY_JOB = 'points-expiry';

export const pointsExpiryJob = async (): Promise<PointsExpiryJob | undefined> =>
  (await jobs().orNothing(() => jobs().byId(POINTS_EXPIRY_JOB), undefined)) as PointsExpiryJob | undefined;

export const savePointsExpiryJob = (job: PointsExpiryJob) => jobs().creating(() => jobs().set(job));

export const STOCK_RECONCILE_JOB = 'stock-reconcile';

/**
 * Claims this interval's run: true for one caller per `everyMs` (a guarded
 * update on lastRunAt, or the first insert), so overlapping ticks run it once.
 */
export async function claimStockReconcile(at: Date, everyMs: number): Promise<boolean> {
  const due = new Date(at.getTime() - everyMs);
  const claimed = await jobs().orNothing(
    () => jobs().update({ _id: STOCK_RECONCILE_JOB, lastRunAt: cmd.lte(due) }, { lastRunAt: at, updatedAt: at }),
    0,
  );
  if (claimed) return true;
  const first: StockReconcileJob = { _id: STOCK_RECONCILE_JOB, kind: 'stock-reconcile', lastRunAt: at, updatedAt: at };
  return jobs().creating(() => jobs().insertOnce(first));
}

/** What the last run found and did, for whoever looks at the jobs. */
export async function recordStockReconcile(report: StockReconcileReport, at: Date): Promise<void> {
  await jobs().update({ _id: STOCK_RECONCILE_JOB }, { report: cmd.set(report), updatedAt: at });
}

export const stockReconcileJob = async (): Promise<StockReconcileJob | undefined> =>
  (await jobs().orNothing(() => jobs().byId(STOCK_RECONCILE_JOB), undefined)) as StockReconcileJob | undefined;

const jobs = () => collection('jobs');

export const pipelineId = (batchId: string) => `cutoff_${batchId}`;
export const supplyJobId = (batchId: string) => `supply_${batchId}`;

export async function pipelineOf(batchId: string): Promise<CutoffPipeline | undefined> {
  const doc = await jobs().orNothing(() => jobs().byId(pipelineId(batchId)), undefined);
  return doc?.kind === 'cutoff' ? doc : undefined;
}

/** Starts the batch's pipeline at its first stage; false when it has one already. */
export function startPipeline(batchId: string, at: Date): Promise<boolean> {
  const doc: CutoffPipeline = {
    _id: pipelineId(batchId),
    kind: 'cutoff',
    batchId,
    stage: 'cutoff',
    history: [],
    startedAt: at,
    updatedAt: at,
  };
  return jobs().creating(() => jobs().insertOnce(doc));
}

/** Pipelines with stages left to run, oldest first. */
export async function unfinishedPipelines(limit: number): Promise<CutoffPipeline[]> {
  const found = await jobs().orNothing(
    () => jobs().find({ kind: 'cutoff', stage: cmd.neq('done') }, { orderBy: [['startedAt', 'asc']], limit }),
    [],
  );
  return found as CutoffPipeline[];
}

/**
 * Records `stage` done and moves the pipeline to the next one, if (and only if)
 * it is still at `stage`: two runs finishing the same stage advance it once, and
 * a pipeline never moves back. Answers the stage the pipeline is at afterwards.
 */
export async function recordStageDone(batchId: string, stage: CutoffStage, at: Date): Promise<CutoffStage> {
  if (stage === 'done') return stage;
  const to = nextStage(stage);
  const changed = await jobs().update(
    { _id: pipelineId(batchId), stage },
    { stage: to, updatedAt: at, history: cmd.push([{ stage, at }]) },
  );
  if (changed) return to;
  return (await pipelineOf(batchId))?.stage ?? stage;
}

export async function supplyJobOf(batchId: string): Promise<SupplyJob | undefined> {
  const doc = await jobs().orNothing(() => jobs().byId(supplyJobId(batchId)), undefined);
  return doc?.kind === 'supply' ? doc : undefined;
}

export function saveSupplyJob(job: SupplyJob): Promise<void> {
  return jobs().creating(() => jobs().set(job));
}

export async function reconcileJobOf(id: string): Promise<ReconcileJob | undefined> {
  return (await jobs().orNothing(() => jobs().byId(id), undefined)) as ReconcileJob | undefined;
}

export async function bonusJobOf(id: string): Promise<BonusJob | undefined> {
  return (await jobs().orNothing(() => jobs().byId(id), undefined)) as BonusJob | undefined;
}

export function saveCommissionJob(job: CommissionJob): Promise<void> {
  return jobs().creating(() => jobs().set({ ...job, kind: 'commission' }));
}
