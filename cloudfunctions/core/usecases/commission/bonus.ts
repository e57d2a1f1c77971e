import type { CommissionSettings } from '../../../../typings/commission';
import {
  monthlyTierBonus,
  newLeaderBonus,
  shanghaiMonth,
  shanghaiMonthWindow,
  type BonusTier,
} from '../../domain/commission';
import { bonusJobOf, saveCommissionJob, type BonusJob } from '../../repos/jobs';
import { leadersAfter, leadersApprovedIn } from '../../repos/leaders';
import { paidOrdersOfLeader } from '../../repos/orders';
import { appendBalanceEntry } from './record';
import type { SchedulerBudget } from '../scheduler/budget';

const DAY_MS = 24 * 3600_000;

const LEADER_PAGE = 100;

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
  const job = (await bonusJobOf(jobId)) ?? { _id: jobId, updatedAt: at };
  if (job.done) return 0;
  let granted = 0;
  const window = shanghaiMonthWindow(month);
  while (!budget.spent) {
    const leaders = await leadersAfter(job.lastLeaderId ?? undefined, LEADER_PAGE);
    for (const leader of leaders) {
      if (budget.spent) break;
      if (tiers.length) {
        const orders = await paidOrdersOfLeader(leader._id, window.from, window.to);
        const entry = monthlyTierBonus({ leaderId: leader._id, month, orders, tiers, at });
        if (entry && (await appendBalanceEntry(entry, at))) granted++;
      }
      job.lastLeaderId = leader._id;
    }
    if (!budget.spent && leaders.length < LEADER_PAGE) job.done = true;
    await saveJob(job, at);
    if (job.done) break;
  }
  return granted;
}

/** New leaders whose welcome window closed since the last run: one bonus each if they reached the threshold. */
async function newLeaderBonuses(settings: CommissionSettings, at: Date, budget: SchedulerBudget): Promise<number> {
  const rule = settings.newLeaderBonus!;
  const jobId = 'commission-new-leader';
  const job = (await bonusJobOf(jobId)) ?? { _id: jobId, updatedAt: at };
  const doneUntil = new Date(job.doneUntil ?? 0);
  // Windows closing in [doneUntil, at): approved in [doneUntil − days, at − days).
  const from = new Date(doneUntil.getTime() - rule.days * DAY_MS);
  const to = new Date(at.getTime() - rule.days * DAY_MS);
  if (to <= from) return 0;
  let granted = 0;
  let after: string | undefined;
  for (;;) {
    if (budget.spent) return granted; // doneUntil not advanced: the next run redoes this window (keys make it safe)
    const leaders = await leadersApprovedIn(from, to, after, LEADER_PAGE);
    for (const leader of leaders) {
      if (budget.spent) return granted;
      if (leader.status !== 'active') continue;
      const approvedAt = new Date(leader.approvedAt ?? leader.createdAt);
      const orders = await paidOrdersOfLeader(
        leader._id,
        approvedAt,
        new Date(approvedAt.getTime() + rule.days * DAY_MS),
      );
      const entry = newLeaderBonus({ leaderId: leader._id, approvedAt, orders, rule, at });
      if (entry && (await appendBalanceEntry(entry, at))) granted++;
    }
    if (leaders.length < LEADER_PAGE) break;
    after = leaders[leaders.length - 1]._id;
  }
  job.doneUntil = at;
  await saveJob(job, at);
  return granted;
}

async function saveJob(job: BonusJob, at: Date): Promise<void> {
  await saveCommissionJob({ ...job, updatedAt: at });
}
