import type { commission } from '../../typings/contracts/commission';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { callerLeader, commissionStats, commissionSummary, ledgerPage } from '../core/usecases/commission/queries';
import { listWithdrawals, withdraw } from '../core/usecases/commission/withdraw';

/** Leader-facing actions: every one resolves the leader from the caller's OPENID (role 'leader'). */
export const commissionActions: ActionTable<typeof commission> = {
  summary: async (_input, ctx) => commissionSummary((await callerLeader(ctx)).leaderId),
  ledger: async (input, ctx) => ledgerPage((await callerLeader(ctx)).leaderId, input),
  withdrawals: async (input, ctx) =>
    listWithdrawals({ leaderId: (await callerLeader(ctx)).leaderId }, input.page, input.pageSize),
  withdraw: async (input, ctx) => withdraw(await callerLeader(ctx), input, now()),
  stats: async (input, ctx) => commissionStats((await callerLeader(ctx)).leaderId, input),
};
