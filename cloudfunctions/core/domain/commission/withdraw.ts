import type { CommissionBalance } from './balance';
import { ledgerEntry, ledgerKey, type LedgerEntry } from './ledger';

export type WithdrawRefusal = 'invalid_amount' | 'below_minimum' | 'insufficient_balance';

export type WithdrawCheck = { ok: true } | { ok: false; reason: WithdrawRefusal; withdrawableFen: number };

/** Never negative: a clawback may push available below 0, but nothing can be withdrawn from a debt. */
export function withdrawableFen(b: Pick<CommissionBalance, 'availableFen'>): number {
  return Math.max(0, b.availableFen);
}

/**
 * Whether this amount may be withdrawn now. The DB layer repeats the same bound as a
 * guarded $inc on the balance document; this is the rule it enforces.
 */
export function canWithdraw(
  b: Pick<CommissionBalance, 'availableFen'>,
  amountFen: number,
  minFen: number,
): WithdrawCheck {
  const withdrawable = withdrawableFen(b);
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0)
    return { ok: false, reason: 'invalid_amount', withdrawableFen: withdrawable };
  if (amountFen < minFen) return { ok: false, reason: 'below_minimum', withdrawableFen: withdrawable };
  if (amountFen > withdrawable) return { ok: false, reason: 'insufficient_balance', withdrawableFen: withdrawable };
  return { ok: true };
}

/** Holds the money of a withdrawal request; refused unless canWithdraw says yes. */
export function requestWithdrawal(args: {
  leaderId: string;
  withdrawalId: string;
  amountFen: number;
  minFen: number;
  balance: Pick<CommissionBalance, 'availableFen'>;
  at: Date;
}): { ok: true; entry: LedgerEntry } | Extract<WithdrawCheck, { ok: false }> {
  const check = canWithdraw(args.balance, args.amountFen, args.minFen);
  if (!check.ok) return check;
  const entry = ledgerEntry(ledgerKey.withdraw(args.withdrawalId), {
    leaderId: args.leaderId,
    kind: 'withdraw',
    amountFen: -args.amountFen,
    at: args.at,
    withdrawalId: args.withdrawalId,
  });
  return { ok: true, entry };
}

/** A rejected or failed payout gives back exactly what its request held. */
export function rejectWithdrawal(withdraw: LedgerEntry, at: Date): LedgerEntry {
  if (withdraw.kind !== 'withdraw') throw new Error(`entry ${withdraw.id} is not a withdrawal`);
  return ledgerEntry(ledgerKey.withdrawReject(withdraw.withdrawalId!), {
    leaderId: withdraw.leaderId,
    kind: 'withdraw_reject',
    amountFen: -withdraw.amountFen,
    at,
    withdrawalId: withdraw.withdrawalId,
  });
}
