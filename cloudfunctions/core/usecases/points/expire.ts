import { applyEntry, expiredYearOn, unusedUpTo, type PointsEntry } from '../../domain/points';
import { inTransaction } from '../../repos/db';
import { pointsExpiryJob, POINTS_EXPIRY_JOB, savePointsExpiryJob } from '../../repos/jobs';
import { balanceIn, balancePages, writeIn } from '../../repos/points';
import type { SchedulerBudget } from '../scheduler/budget';

export interface PointsExpiryReport {
  /** Residents whose points expired on this tick, and how many points in all. */
  residents: number;
  points: number;
}

/**
 * 积分过期, on the scheduler's tick: from 1 January (Asia/Shanghai) what is left
 * of the points earned two years back or before expires, oldest first. One
 * `expire:<openid>:<year>` entry per resident, in the transaction that lowers the
 * balance, so a rerun or two ticks at once expire nothing twice. Walks the
 * balances by _id from a checkpoint saved after every page; on the other days of
 * the year it costs one read.
 */
export async function expirePoints(at: Date, budget: SchedulerBudget): Promise<PointsExpiryReport> {
  const report: PointsExpiryReport = { residents: 0, points: 0 };
  const year = expiredYearOn(at);
  const job = await pointsExpiryJob();
  if (job && job.year >= year && job.lastId === null) return report;
  let lastId = job && job.year === year ? job.lastId : null;
  for await (const page of balancePages(lastId ?? undefined)) {
    for (const b of page) {
      if (unusedUpTo(b, year) > 0) {
        const taken = await expireOne(b._id, year, at);
        if (taken) {
          report.residents++;
          report.points += taken;
        }
      }
      lastId = b._id;
    }
    if (budget.spent) {
      await savePointsExpiryJob({ _id: POINTS_EXPIRY_JOB, kind: 'points-expiry', year, lastId, updatedAt: at });
      return report;
    }
  }
  await savePointsExpiryJob({ _id: POINTS_EXPIRY_JOB, kind: 'points-expiry', year, lastId: null, updatedAt: at });
  return report;
}

async function expireOne(openid: string, year: number, at: Date): Promise<number> {
  return inTransaction(async (tx) => {
    const balance = await balanceIn(tx, openid);
    const due = balance ? unusedUpTo(balance, year) : 0;
    if (!balance || due === 0) return 0;
    const entry: PointsEntry = { _id: `expire:${openid}:${year}`, openid, kind: 'expire', points: -due, at };
    const step = applyEntry(balance, entry);
    if (!step) return 0;
    await writeIn(tx, step.balance, [step.entry]);
    return due;
  }, 10);
}
