import { txGet, txSet, type Tx } from './db';

/** Withdrawable money per leader (collection leaderBalances), changed only in transactions that also append the ledger entry. */
export interface LeaderBalance {
  _id: string;
  availableFen: number;
  updatedAt: Date;
}

/** The leader's available balance as this transaction reads it (0 before the first settlement). */
export async function availableIn(tx: Tx, leaderId: string): Promise<number> {
  return (await txGet<LeaderBalance>(tx, 'leaderBalances', leaderId))?.availableFen ?? 0;
}

/** Adds delta to the leader's available balance inside the transaction (read-modify-write, conflict-checked). */
export async function addAvailableIn(tx: Tx, leaderId: string, delta: number, at: Date): Promise<number> {
  const availableFen = (await availableIn(tx, leaderId)) + delta;
  await txSet(tx, 'leaderBalances', { _id: leaderId, availableFen, updatedAt: at });
  return availableFen;
}
