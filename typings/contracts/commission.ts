import * as z from 'zod/mini';
import type {
  CommissionSummary,
  LedgerKindName,
  LedgerPage,
  StatsResult,
  WithdrawalListResult,
  WithdrawResult,
} from '../commission';
import { contract, label, type Input } from './define';
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
  coupon: true,
  coupon_back: true,
};

/** commission: the leader's money. Every action resolves the leader from the caller's OPENID (role 'leader'). */
export const commission = {
  summary: contract(() => z.object({})).answers<CommissionSummary>(),
  ledger: contract(() =>
    z.object({
      ...paging({ maxSize: 50, size: 20 }),
      kind: z.optional(label(z.enum(Object.keys(LEDGER_KINDS) as [LedgerKindName, ...LedgerKindName[]]), '明细类型')),
    }),
  ).answers<LedgerPage>(),
  withdrawals: contract(() => z.object(paging({ maxSize: 50, size: 20 }))).answers<WithdrawalListResult>(),
  /** clientRequestId: one per withdrawal attempt, a retry answers the same withdrawal. */
  withdraw: contract(() =>
    z.object({
      amountFen: label(z.int().check(z.gte(1), z.lte(100_000_000)), '提现金额'),
      clientRequestId: label(requestId, '请求编号'),
    }),
  ).answers<WithdrawResult>(),
  /** Shanghai dates, inclusive. */
  stats: contract(() =>
    z
      .object({
        granularity: label(z.enum(['day', 'week', 'month']), '统计周期'),
        from: label(day, '开始日期'),
        to: label(day, '结束日期'),
      })
      .check(
        z.refine((q) => q.from <= q.to, { message: '结束日期不能早于开始日期', path: ['to'] }),
        z.refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 <= MAX_STATS_DAYS, {
          message: `统计区间最多 ${MAX_STATS_DAYS} 天`,
          path: ['to'],
        }),
      ),
  ).answers<StatsResult>(),
};

export type LedgerPageInput = Input<typeof commission.ledger>;
export type WithdrawInput = Input<typeof commission.withdraw>;
export type StatsInput = Input<typeof commission.stats>;
