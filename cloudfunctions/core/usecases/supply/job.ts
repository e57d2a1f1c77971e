import type { SupplyStatus } from '../../../../typings/admin';
import type { CutoffSnapshot } from '../../domain/supply/cutoff';
import { C } from '../../repos/collections';
import { col, compact, iso, isMissingCollection, withCollection } from '../admin/common';

/**
 * The checkpoint of one batch's supply run (collection `jobs`, _id
 * `supply_<batchId>`): where the order pages stopped (`after`, the last order
 * _id read) and the aggregate so far. `after` and `snapshot` are written
 * together in one set, so a resumed run continues from a consistent pair.
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
 * The kernel's snapshot as stored: its number arrays packed into base64 of
 * typed arrays. A few hundred thousand cells as JSON numbers would cross the
 * wire as canonical EJSON objects ({"$numberInt": …}) on every checkpoint.
 */
type NumberField =
  'pointAmountFen' | 'pointLines' | 'columnAmountFen' | 'columnLines' | 'cellCounts' | 'cellColumns' | 'cellQty';
export type StoredSnapshot = Omit<CutoffSnapshot, NumberField> & Record<NumberField, string>;

const F64: NumberField[] = ['pointAmountFen', 'pointLines', 'columnAmountFen', 'columnLines'];
const I32: NumberField[] = ['cellCounts', 'cellColumns', 'cellQty'];

export function packSnapshot(s: CutoffSnapshot): StoredSnapshot {
  const out: Record<string, unknown> = { ...s };
  for (const f of F64) out[f] = Buffer.from(Float64Array.from(s[f]).buffer).toString('base64');
  for (const f of I32) out[f] = Buffer.from(Int32Array.from(s[f]).buffer).toString('base64');
  return out as StoredSnapshot;
}

export function unpackSnapshot(s: StoredSnapshot): CutoffSnapshot {
  const out: Record<string, unknown> = { ...s };
  const bytes = (f: NumberField) => {
    const b = Buffer.from(s[f], 'base64');
    // Copy into an aligned buffer: a decoded Buffer may sit at any offset of a shared pool.
    return new Uint8Array(b).buffer;
  };
  for (const f of F64) out[f] = Array.from(new Float64Array(bytes(f)));
  for (const f of I32) out[f] = Array.from(new Int32Array(bytes(f)));
  return out as unknown as CutoffSnapshot;
}

export const supplyJobId = (batchId: string) => `supply_${batchId}`;

export async function loadJob(batchId: string): Promise<SupplyJob | undefined> {
  try {
    return (
      await col(C.jobs)
        .where({ _id: supplyJobId(batchId) })
        .limit(1)
        .get()
    ).data[0] as SupplyJob | undefined;
  } catch (err) {
    if (isMissingCollection(err)) return undefined;
    throw err;
  }
}

export async function saveJob(job: SupplyJob): Promise<void> {
  const { _id, ...data } = job;
  await withCollection(C.jobs, () => col(C.jobs).doc(_id).set({ data }));
}

export function statusOf(batchId: string, job: SupplyJob | undefined): SupplyStatus {
  if (!job) return { batchId, phase: 'none', pages: 0, lines: 0, invocations: 0 };
  return compact({
    batchId,
    phase: job.phase,
    pages: job.pages,
    lines: job.lines,
    invocations: job.invocations,
    startedAt: iso(job.startedAt),
    updatedAt: iso(job.updatedAt),
    finishedAt: iso(job.finishedAt),
    purchaseOrders: job.purchaseOrders,
    packingLists: job.packingLists,
    totalQty: job.totalQty,
    totalAmountFen: job.totalAmountFen,
  });
}
