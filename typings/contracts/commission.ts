import { z } from 'zod';
import type {
  CommissionSummary,
  LedgerKindName,
  LedgerPage,
  StatsResult,
  WithdrawalListResult,
  WithdrawResult,
} from '../commission';
import { contract, type Input } from './define';
import { day, paging, requestId } from './shapes';

/** The longest range stats answers, in days. */
export const MAX_STATS_DAYS = 92;

const LEDGER_KINDS: Record<LedgerKindName, true> = {
  pending: true,
  confirm: true,
  reverse: true,
  settle: true,
  bonus: true,
  withdraw: true,
  withdraw_reject: true,
};

/** commission: the leader's money. Every action resolves the leader from the caller's OPENID (role 'leader'). */
export const commission = {
  summary: contract(z.object({})).answers<CommissionSummary>(),
  ledger: contract(
    z.object({
      ...paging({ maxSize: 50, size: 20 }),
      kind: z
        .enum(Object.keys(LEDGER_KINDS) as [LedgerKindName, ...LedgerKindName[]])
        .meta({ label: '明细类型' })
        .optional(),
    }),
  ).answers<LedgerPage>(),
  withdrawals: contract(z.object(paging({ maxSize: 50, size: 20 }))).answers<WithdrawalListResult>(),
  /** clientRequestId: one per withdrawal attempt, a retry answers the same withdrawal. */
  withdraw: contract(
    z.object({
      amountFen: z.number().int().min(1).max(100_000_000).meta({ label: '提现金额' }),
      clientRequestId: requestId.meta({ label: '请求编号' }),
    }),
  ).answers<WithdrawResult>(),
  /** Shanghai dates, inclusive. */
  stats: contract(
    z
      .object({
        granularity: z.enum(['day', 'week', 'month']).meta({ label: '统计周期' }),
        from: day.meta({ label: '开始日期' }),
        to: day.meta({ label: '结束日期' }),
      })
      .refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] })
      .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 <= MAX_STATS_DAYS, {
        message: `统计区间最多 ${MAX_STATS_DAYS} 天`,
        path: ['to'],
      }),
  ).answers<StatsResult>(),
};

export type LedgerPageInput = Input<typeof commission.ledger>;
export type WithdrawInput = Input<typeof commission.withdraw>;
export type StatsInput = Input<typeof commission.stats>;
