import { createHash } from 'node:crypto';
import { ErrorCodes } from '../../../../typings/envelope';
import type { WithdrawalStatus, WithdrawalView, WithdrawResult } from '../../../../typings/commission';
import { ledgerKey, rejectWithdrawal, requestWithdrawal, type LedgerEntry } from '../../domain/commission';
import { AppError, fail } from '../../domain/errors';
import { _ } from '../../infra/cloud';
import { findById, inTransaction, txGet } from '../../infra/pay-store';
import {
  CC,
  ccol,
  COMMISSION_TX_RETRIES,
  fromDoc,
  loadSettings,
  txAddAvailable,
  txAppend,
  type LeaderBalance,
  type LedgerDoc,
  type WithdrawalDoc,
} from '../../repos/commission-store';

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
): Promise<WithdrawResult> {
  const id = withdrawalId(leader.leaderId, input.clientRequestId);
  const existing = await findById<WithdrawalDoc>(CC.withdrawals, id);
  if (existing) return { withdrawal: withdrawalView(existing), created: false };
  const settings = await loadSettings();
  return inTransaction(async (tx) => {
    const again = await txGet<WithdrawalDoc>(tx, CC.withdrawals, id);
    if (again) return { withdrawal: withdrawalView(again), created: false };
    const balance = await txGet<LeaderBalance>(tx, CC.balances, leader.leaderId);
    const asked = requestWithdrawal({
      leaderId: leader.leaderId,
      withdrawalId: id,
      amountFen: input.amountFen,
      minFen: settings.minWithdrawFen,
      balance: { availableFen: balance?.availableFen ?? 0 },
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
    const { _id, ...data } = doc;
    await tx.collection(CC.withdrawals).doc(_id).set({ data });
    await txAppend(tx, [asked.entry]);
    await txAddAvailable(tx, leader.leaderId, asked.entry.amountFen, now);
    return { withdrawal: withdrawalView(doc), created: true };
  }, COMMISSION_TX_RETRIES);
}

/** pending → approved (the finance check passed); a repeat answers the approved withdrawal. */
export async function approveWithdrawal(id: string, admin: string, now: Date): Promise<WithdrawalView> {
  return step(id, ['pending'], 'approved', { approvedAt: now, approvedBy: admin, updatedAt: now });
}

/** approved → paid with the payout's reference; a repeat answers the paid withdrawal. */
export async function markWithdrawalPaid(id: string, reference: string, now: Date): Promise<WithdrawalView> {
  return step(id, ['approved'], 'paid', { paidAt: now, reference, updatedAt: now });
}

async function step(
  id: string,
  from: WithdrawalStatus[],
  to: WithdrawalStatus,
  fields: Partial<WithdrawalDoc>,
): Promise<WithdrawalView> {
  await ccol(CC.withdrawals)
    .where({ _id: id, status: _.in(from) })
    .update({ data: { ...fields, status: to } });
  const doc = await findById<WithdrawalDoc>(CC.withdrawals, id);
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
export async function rejectWithdrawalById(id: string, reason: string, now: Date): Promise<WithdrawalView> {
  return inTransaction(async (tx) => {
    const doc = await txGet<WithdrawalDoc>(tx, CC.withdrawals, id);
    if (!doc) throw fail.notFound('提现申请');
    if (doc.status === 'rejected') return withdrawalView(doc);
    if (doc.status !== 'pending' && doc.status !== 'approved') throw fail.state('提现已打款，不能驳回');
    const held = await txGet<LedgerDoc>(tx, CC.ledger, ledgerKey.withdraw(id));
    if (!held) throw new Error(`withdrawal ${id} has no ledger entry`);
    const back: LedgerEntry = rejectWithdrawal(fromDoc(held), now);
    await txAppend(tx, [back]);
    await txAddAvailable(tx, doc.leaderId, back.amountFen, now);
    const next: WithdrawalDoc = { ...doc, status: 'rejected', rejectedAt: now, reason, updatedAt: now };
    const { _id, ...data } = next;
    await tx.collection(CC.withdrawals).doc(_id).set({ data });
    return withdrawalView(next);
  }, COMMISSION_TX_RETRIES);
}

export async function listWithdrawals(
  where: Record<string, unknown>,
  page: number,
  pageSize: number,
): Promise<{ items: WithdrawalView[]; page: number; pageSize: number; hasMore: boolean }> {
  const res = await ccol(CC.withdrawals)
    .where(where)
    .orderBy('createdAt', 'desc')
    .skip((page - 1) * pageSize)
    .limit(pageSize + 1)
    .get();
  const rows = res.data as WithdrawalDoc[];
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
