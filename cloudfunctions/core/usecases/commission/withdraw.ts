import { createHash } from 'node:crypto';
import { ErrorCodes } from '../../../../typings/envelope';
import type { WithdrawalStatus, WithdrawalView, WithdrawResult } from '../../../../typings/commission';
import { ledgerKey, rejectWithdrawal, requestWithdrawal, type LedgerEntry } from '../../domain/commission';
import { AppError, fail } from '../../domain/errors';
import { inTransaction } from '../../repos/db';
import { addAvailableIn, availableIn } from '../../repos/leader-balances';
import { appendIn, entryIn } from '../../repos/ledger';
import { commissionSettings } from '../../repos/settings';
import {
  moveWithdrawal,
  putWithdrawalIn,
  withdrawalById,
  withdrawalIn,
  withdrawalsPage,
  type WithdrawalDoc,
} from '../../repos/withdrawals';
import { COMMISSION_TX_RETRIES } from './record';

/** What withdrawals read and write; in-memory in the unit tests. */
export const withdrawRepos = {
  withdrawalById,
  commissionSettings,
  inTransaction,
  withdrawalIn,
  putWithdrawalIn,
  availableIn,
  addAvailableIn,
  entryIn,
  appendIn,
  moveWithdrawal,
};
export type WithdrawRepos = typeof withdrawRepos;

/** One withdrawal per (leader, clientRequestId): the id is derived, so a retry finds the first one. */
export function withdrawalId(leaderId: string, clientRequestId: string): string {
  return 'wd_' + createHash('sha256').update(`${leaderId}|${clientRequestId}`).digest('hex').slice(0, 24);
}

/**
 * A leader asks to withdraw. In ONE transaction: the withdrawal doc, the 'withdraw'
 * ledger entry and the balance decrement, after checking the balance read in the same
 * transaction. Concurrent withdrawals all write the leader's balance doc, so the
 * database lets only the first committer through; the others start over, read the
 * lowered balance and are refused: the balance can never go below zero.
 */
export async function withdraw(
  leader: { leaderId: string; openid: string },
  input: { amountFen: number; clientRequestId: string },
  now: Date,
  r: WithdrawRepos = withdrawRepos,
): Promise<WithdrawResult> {
  const id = withdrawalId(leader.leaderId, input.clientRequestId);
  const existing = await r.withdrawalById(id);
  if (existing) return { withdrawal: withdrawalView(existing), created: false };
  const settings = await r.commissionSettings();
  return r.inTransaction(async (tx) => {
    const again = await r.withdrawalIn(tx, id);
    if (again) return { withdrawal: withdrawalView(again), created: false };
    const availableFen = await r.availableIn(tx, leader.leaderId);
    const asked = requestWithdrawal({
      leaderId: leader.leaderId,
      withdrawalId: id,
      amountFen: input.amountFen,
      minFen: settings.minWithdrawFen,
      balance: { availableFen },
      at: now,
    });
    if (!asked.ok) {
      const message =
        asked.reason === 'below_minimum'
          ? `最低提现 ${(settings.minWithdrawFen / 100).toFixed(2)} 元`
          : `可提现余额不足（可提 ${(asked.withdrawableFen / 100).toFixed(2)} 元）`;
      throw new AppError(ErrorCodes.INSUFFICIENT_BALANCE, message, { withdrawableFen: asked.withdrawableFen });
    }
    const doc: WithdrawalDoc = {
      _id: id,
      leaderId: leader.leaderId,
      openid: leader.openid,
      clientRequestId: input.clientRequestId,
      amountFen: input.amountFen,
      status: 'pending',
      createdAt: now,
      updatedAt: now,
    };
    await r.putWithdrawalIn(tx, doc);
    await r.appendIn(tx, [asked.entry]);
    await r.addAvailableIn(tx, leader.leaderId, asked.entry.amountFen, now);
    return { withdrawal: withdrawalView(doc), created: true };
  }, COMMISSION_TX_RETRIES);
}

/** pending → approved (the finance check passed); a repeat answers the approved withdrawal. */
export async function approveWithdrawal(
  id: string,
  admin: string,
  now: Date,
  r: WithdrawRepos = withdrawRepos,
): Promise<WithdrawalView> {
  return step(r, id, ['pending'], 'approved', { approvedAt: now, approvedBy: admin, updatedAt: now });
}

/** approved → paid with the payout's reference; a repeat answers the paid withdrawal. */
export async function markWithdrawalPaid(
  id: string,
  reference: string,
  now: Date,
  r: WithdrawRepos = withdrawRepos,
): Promise<WithdrawalView> {
  return step(r, id, ['approved'], 'paid', { paidAt: now, reference, updatedAt: now });
}

async function step(
  r: WithdrawRepos,
  id: string,
  from: WithdrawalStatus[],
  to: WithdrawalStatus,
  fields: Partial<WithdrawalDoc>,
): Promise<WithdrawalView> {
  await r.moveWithdrawal(id, from, to, fields);
  const doc = await r.withdrawalById(id);
  if (!doc) throw fail.notFound('提现申请');
  if (doc.status !== to) throw fail.state(`提现申请当前状态为 ${doc.status}，不能执行此操作`);
  return withdrawalView(doc);
}

/**
 * pending/approved → rejected, and the held money goes back EXACTLY once: the status
 * change, the 'withdraw_reject' entry and the balance increment commit together, and
 * two rejects racing both write the withdrawal doc, so the second starts over and
 * finds it rejected.
 */
export async function rejectWithdrawalById(
  id: string,
  reason: string,
  now: Date,
  r: WithdrawRepos = withdrawRepos,
): Promise<WithdrawalView> {
  return r.inTransaction(async (tx) => {
    const doc = await r.withdrawalIn(tx, id);
    if (!doc) throw fail.notFound('提现申请');
    if (doc.status === 'rejected') return withdrawalView(doc);
    if (doc.status !== 'pending' && doc.status !== 'approved') throw fail.state('提现已打款，不能驳回');
    const held = await r.entryIn(tx, ledgerKey.withdraw(id));
    if (!held) throw new Error(`withdrawal ${id} has no ledger entry`);
    const back: LedgerEntry = rejectWithdrawal(held, now);
    await r.appendIn(tx, [back]);
    await r.addAvailableIn(tx, doc.leaderId, back.amountFen, now);
    const next: WithdrawalDoc = { ...doc, status: 'rejected', rejectedAt: now, reason, updatedAt: now };
    await r.putWithdrawalIn(tx, next);
    return withdrawalView(next);
  }, COMMISSION_TX_RETRIES);
}

export async function listWithdrawals(
  where: { status?: WithdrawalStatus; leaderId?: string },
  page: number,
  pageSize: number,
): Promise<{ items: WithdrawalView[]; page: number; pageSize: number; hasMore: boolean }> {
  const rows = await withdrawalsPage(where, (page - 1) * pageSize, pageSize + 1);
  return { items: rows.slice(0, pageSize).map(withdrawalView), page, pageSize, hasMore: rows.length > pageSize };
}

const iso = (d: Date | string | undefined) => (d ? new Date(d).toISOString() : undefined);

export function withdrawalView(d: WithdrawalDoc): WithdrawalView {
  const v: WithdrawalView = {
    _id: d._id,
    leaderId: d.leaderId,
    amountFen: d.amountFen,
    status: d.status,
    createdAt: iso(d.createdAt)!,
  };
  if (d.approvedAt) v.approvedAt = iso(d.approvedAt);
  if (d.paidAt) v.paidAt = iso(d.paidAt);
  if (d.reference) v.reference = d.reference;
  if (d.rejectedAt) v.rejectedAt = iso(d.rejectedAt);
  if (d.reason) v.reason = d.reason;
  return v;
}
