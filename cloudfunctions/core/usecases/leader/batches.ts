import type { LeaderBatch, LeaderBatchesResult } from '../../../../typings/leader';
import { addDays, batchPhase, businessDate } from '../../domain/time';
import { batchesArrivedAt } from '../../repos/arrivals';
import { batchesForLeaders } from '../../repos/batches';
import { checklistCountAt } from '../../repos/orders';
import type { LeaderCaller } from './context';

/** How far back a batch still shows (its pickup day, Shanghai), and how many show. */
export const LEADER_BATCH_DAYS = 7;
export const LEADER_BATCH_LIMIT = 10;

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The batches a leader works on (typings/leader.ts LeaderBatchesResult): the
 * leader's real work (arrival, checklist, verification) comes after cut-off, on
 * the pickup day, so cut-off and closed batches are listed along with the open
 * ones. Counts and arrivals are the caller's point's only: one count query per
 * batch (≤ 10) and one arrivals query.
 */
export async function leaderBatches(caller: LeaderCaller, at: Date): Promise<LeaderBatchesResult> {
  const today = businessDate(at);
  const batches = await batchesForLeaders(addDays(today, -LEADER_BATCH_DAYS), LEADER_BATCH_LIMIT);
  const ids = batches.map((b) => b._id);
  const [counts, arrived] = await Promise.all([
    Promise.all(ids.map((batchId) => checklistCountAt(batchId, caller.pickupPointId))),
    batchesArrivedAt(ids, caller.pickupPointId),
  ]);
  const views: LeaderBatch[] = batches.map((b, i) => ({
    _id: b._id,
    title: b.title,
    status: b.status === 'open' && batchPhase(b, at) === 'closed' ? 'cutoff' : (b.status as LeaderBatch['status']),
    opensAt: iso(b.opensAt),
    cutoffAt: iso(b.cutoffAt),
    pickupDate: b.pickupDate,
    orderCount: counts[i],
    arrivalConfirmed: arrived.has(b._id),
  }));
  return { serverNow: at.toISOString(), batches: views, workingBatchId: workingBatchId(views, today) };
}

/**
 * The batch a leader sees by default: the cut-off/closed batch picked up today or
 * on the nearest pickup day to come, else the latest one picked up before today,
 * else the open batch that cuts off first (the one selling now before one still to open).
 */
export function workingBatchId(batches: readonly LeaderBatch[], today: string): string {
  const done = batches.filter((b) => b.status !== 'open');
  const coming = done.filter((b) => b.pickupDate >= today).sort((a, b) => a.pickupDate.localeCompare(b.pickupDate));
  if (coming[0]) return coming[0]._id;
  const past = done.filter((b) => b.pickupDate < today).sort((a, b) => b.pickupDate.localeCompare(a.pickupDate));
  if (past[0]) return past[0]._id;
  const open = batches.filter((b) => b.status === 'open').sort((a, b) => a.cutoffAt.localeCompare(b.cutoffAt));
  return open[0]?._id ?? '';
}
