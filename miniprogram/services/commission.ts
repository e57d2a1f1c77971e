import { callFunction } from '../lib/transport';
import type { LedgerPageInput, StatsInput, WithdrawInput } from '../../typings/contracts/commission';

/** The `commission` cloud function (typings/contracts/commission.ts). Amounts are fen; the server decides what is allowed. */
export const commissionService = {
  summary: () => callFunction('commission', 'summary', {}),
  ledger: (input: LedgerPageInput) => callFunction('commission', 'ledger', input),
  withdrawals: (page: number, pageSize: number) => callFunction('commission', 'withdrawals', { page, pageSize }),
  withdraw: (input: WithdrawInput) => callFunction('commission', 'withdraw', input),
  stats: (input: StatsInput) => callFunction('commission', 'stats', input),
};
