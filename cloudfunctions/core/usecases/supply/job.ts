import type { SupplyStatus } from '../../../../typings/contracts/admin/supply';
import type { CutoffSnapshot } from '../../domain/supply/cutoff';
import type { NumberField, StoredSnapshot, SupplyJob } from '../../repos/jobs';
import { compact, iso } from '../admin/common';

/**
 * The supply job's checkpoint as stored (repos/jobs.ts) and as the console sees it:
 * the kernel's number arrays travel packed, the status carries ISO times.
 */
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
