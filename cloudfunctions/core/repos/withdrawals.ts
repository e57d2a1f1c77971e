import type { WithdrawalStatus } from '../../../typings/commission';
import { cmd, collection, txGet, txSet, type Tx } from './db';

export interface WithdrawalDoc {
  _id: string;
  leaderId: string;
  openid: string;
  clientRequestId: string;
  amountFen: number;
  status: WithdrawalStatus;
  createdAt: Date;
  updatedAt: Date;
  approvedAt?: Date;
  approvedBy?: string;
  paidAt?: Date;
  reference?: string;
  rejectedAt?: Date;
  reason?: string;
}

const withdrawals = () => collection('withdrawals');

export const withdrawalById = (id: string) => withdrawals().byId(id);

export const withdrawalIn = (tx: Tx, id: string) => txGet<WithdrawalDoc>(tx, 'withdrawals', id);

export const putWithdrawalIn = (tx: Tx, doc: WithdrawalDoc) => txSet(tx, 'withdrawals', doc);

/** Moves a withdrawal to `to` if (and only if) it is in one of `from`; false when it was not. */
export async function moveWithdrawal(
  id: string,
  from: readonly WithdrawalStatus[],
  to: WithdrawalStatus,
  fields: Partial<WithdrawalDoc>,
): Promise<boolean> {
  return (await withdrawals().update({ _id: id, status: cmd.in([...from]) }, { ...fields, status: to })) > 0;
}

/** A page of withdrawals, newest first. */
export function withdrawalsPage(
  where: Partial<Pick<WithdrawalDoc, 'status' | 'leaderId'>>,
  skip: number,
  limit: number,
): Promise<WithdrawalDoc[]> {
  return withdrawals().find(where, { orderBy: [['createdAt', 'desc']], skip, limit });
}
