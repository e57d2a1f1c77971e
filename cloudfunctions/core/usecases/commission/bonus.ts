import type { CommissionSettings } from '../../../../typings/commission';
import type { Leader, Order } from '../../../../typings/models';
import {
  monthlyTierBonus,
  newLeaderBonus,
  shanghaiMonth,
  shanghaiMonthWindow,
  type BonusTier,
} from '../../domain/commission';
import { _ } from '../../infra/cloud';
import { findById } from '../../infra/pay-store';
import { CC, ccol } from '../../repos/commission-store';
import { appendBalanceEntry } from './record';
import type { SchedulerBudget } from '../scheduler/budget';

const DAY_MS = 24 * 3600_000;

type GmvOrder = Pick<Order, 'leaderId' | 'paidAt' | 'status'> & {
  lines: Array<Pick<Order['lines'][number], 'amountFen' | 'refundedFen'>>;
};

/** A leader may carry approvedAt (set by leader review); before that, createdAt stands in. */
type LeaderRow = Pick<Leader, '_id' | 'status' | 'createdAt'> & { approvedAt?: Date };

interface BonusJob {
  _id: string;
  /** Monthly: leaders handled so far (by _id); done when the last page is through. */
  lastLeaderId?: string | null;
  done?: boolean;
  /** New-leader: windows that closed before this instant have been decided. */
  doneUntil?: Date;
  updatedAt: Date;
}

/** Monthly tier bonuses of the month that closed last, and new-leader bonuses whose window closed. */
export async function grantBonuses(settings: CommissionSettings, at: Date, budget: SchedulerBudget): Promise<number> {
  let granted = await monthlyBonuses(settings.tiers as BonusTier[], at, budget);
  if (!budget.spent && settings.newLeaderBonus) granted += await newLeaderBonuses(settings, at, budget);
  return granted;
}

function previousMonth(at: Date): string {
  const { from } = shanghaiMonthWindow(shanghaiMonth(at));
  return shanghaiMonth(new Date(from.getTime() - 1));
}

/** Each leader's bonus for the previous Shanghai month, with the tiers in force when it is granted. */
async function monthlyBonuses(tiers: BonusTier[], at: Date, budget: SchedulerBudget): Promise<number> {
  const month = previousMonth(at);
  const jobId = `commission-bonus-${month}`;
  const job = (await findById<BonusJob>(CC.jobs, jobId)) ?? { _id: jobId, updatedAt: at };
  if (job.done) return 0;
  let granted = 0;
  const window = shanghaiMonthWindow(month);
  while (!budget.spent) {
    const leaders = await leaderPage(job.lastLeaderId ?? undefined, {});
    for (const leader of leaders) {
      if (budget.spent) break;
      if (tiers.length) {
        const orders = await paidOrders(leader._id, window.from, window.to);
        const entry = monthlyTierBonus({ leaderId: leader._id, month, orders, tiers, at });
        if (entry && (await appendBalanceEntry(entry, at))) granted++;
      }
      job.lastLeaderId = leader._id;
    }
    if (!budget.spent && leaders.length < 100) job.done = true;
    await saveJob(job, at);
    if (job.done) break;
  }
  return granted;
}

/** New leaders whose welcome window closed since the last run: one bonus each if they reached the threshold. */
async function newLeaderBonuses(settings: CommissionSettings, at: Date, budget: SchedulerBudget): Promise<number> {
  const rule = settings.newLeaderBonus!;
  const jobId = 'commission-new-leader';
  const job = (await findById<BonusJob>(CC.jobs, jobId)) ?? { _id: jobId, updatedAt: at };
  const doneUntil = new Date(job.doneUntil ?? 0);
  // Windows closing in [doneUntil, at): approved in [doneUntil − days, at − days).
  const from = new Date(doneUntil.getTime() - rule.days * DAY_MS);
  const to = new Date(at.getTime() - rule.days * DAY_MS);
  if (to <= from) return 0;
  const range = _.gte(from).and(_.lt(to));
  const where = _.or([{ approvedAt: range }, { approvedAt: _.exists(false), createdAt: range }]);
  let granted = 0;
  let after: string | undefined;
  for (;;) {
    if (budget.spent) return granted; // doneUntil not advanced: the next run redoes this window (keys make it safe)
    const leaders = await leaderPage(after, where);
    for (const leader of leaders) {
      if (budget.spent) return granted;
      if (leader.status !== 'active') continue;
      const approvedAt = new Date(leader.approvedAt ?? leader.createdAt);
      const orders = await paidOrders(leader._id, approvedAt, new Date(approvedAt.getTime() + rule.days * DAY_MS));
      const entry = newLeaderBonus({ leaderId: leader._id, approvedAt, orders, rule, at });
      if (entry && (await appendBalanceEntry(entry, at))) granted++;
    }
    if (leaders.length < 100) break;
    after = leaders[leaders.length - 1]._id;
  }
  job.doneUntil = at;
  await saveJob(job, at);
  return granted;
}

async function leaderPage(after: string | undefined, where: object): Promise<LeaderRow[]> {
  const cond = after === undefined ? where : _.and([where, { _id: _.gt(after) }]);
  const res = await ccol('leaders')
    .where(cond)
    .orderBy('_id', 'asc')
    .limit(100)
    .field({ _id: true, status: true, createdAt: true, approvedAt: true })
    .get();
  return res.data as LeaderRow[];
}

/** One leader's orders paid in [from, to), only what GMV needs, 1000 per page. */
async function paidOrders(leaderId: string, from: Date, to: Date): Promise<GmvOrder[]> {
  const out: GmvOrder[] = [];
  let after: string | undefined;
  for (;;) {
    const res = await ccol('orders')
      .where({ leaderId, paidAt: _.gte(from).and(_.lt(to)), ...(after ? { _id: _.gt(after) } : {}) })
      .orderBy('_id', 'asc')
      .limit(1000)
      .field({
        _id: true,
        leaderId: true,
        paidAt: true,
        status: true,
        'lines.amountFen': true,
        'lines.refundedFen': true,
      })
      .get();
    const page = res.data as Array<GmvOrder & { _id: string }>;
    out.push(...page.map((o) => ({ ...o, paidAt: new Date(o.paidAt!) })));
    if (page.length < 1000) return out;
    after = page[page.length - 1]._id;
  }
}

async function saveJob(job: BonusJob, at: Date): Promise<void> {
  const { _id, ...data } = job;
  await ccol(CC.jobs)
    .doc(_id)
    .set({ data: { ...data, updatedAt: at } });
}
