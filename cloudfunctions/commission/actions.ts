import { z } from 'zod';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import {
  callerLeader,
  commissionStats,
  commissionSummary,
  ledgerPage,
  MAX_STATS_DAYS,
} from '../core/usecases/commission/queries';
import { listWithdrawals, withdraw } from '../core/usecases/commission/withdraw';

const LEDGER_KINDS = ['pending', 'confirm', 'reverse', 'settle', 'bonus', 'withdraw', 'withdraw_reject'] as const;
const date = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, '日期格式应为 YYYY-MM-DD');

/** Leader-facing actions: every one resolves the leader from the caller's OPENID (role 'leader'). */
export const commissionActions = {
  summary: action(z.object({}), async (_input, ctx) => commissionSummary((await callerLeader(ctx)).leaderId)),
  ledger: action(
    z.object({
      page: z.number().int().min(1).max(1000).default(1),
      pageSize: z.number().int().min(1).max(50).default(20),
      kind: z.enum(LEDGER_KINDS).optional(),
    }),
    async (input, ctx) => ledgerPage((await callerLeader(ctx)).leaderId, input),
  ),
  withdrawals: action(
    z.object({
      page: z.number().int().min(1).max(1000).default(1),
      pageSize: z.number().int().min(1).max(50).default(20),
    }),
    async (input, ctx) => listWithdrawals({ leaderId: (await callerLeader(ctx)).leaderId }, input.page, input.pageSize),
  ),
  withdraw: action(
    z.object({
      amountFen: z.number().int().min(1).max(100_000_000),
      clientRequestId: z
        .string()
        .min(8)
        .max(64)
        .regex(/^[A-Za-z0-9_-]+$/),
    }),
    async (input, ctx) => withdraw(await callerLeader(ctx), input, now()),
  ),
  stats: action(
    z
      .object({ granularity: z.enum(['day', 'week', 'month']), from: date, to: date })
      .refine((q) => q.from <= q.to, { message: 'to 不能早于 from', path: ['to'] })
      .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 <= MAX_STATS_DAYS, {
        message: `统计区间最多 ${MAX_STATS_DAYS} 天`,
        path: ['to'],
      }),
    async (input, ctx) => commissionStats((await callerLeader(ctx)).leaderId, input),
  ),
};
