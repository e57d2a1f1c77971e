import type { CommissionSettings, WithdrawalStatus } from '../../../typings/commission';
import type { LedgerEntry } from '../domain/commission';
import { _, db } from '../infra/cloud';
import { txGet, type Tx } from '../infra/pay-store';

/** Collections of the commission feature (database/collections.json lists them too). */
export const CC = {
  ledger: 'commissionLedger',
  /** Per-order progress: the serialization point for one order's ledger writes (see commission-record). */
  orders: 'commissionOrders',
  balances: 'leaderBalances',
  withdrawals: 'withdrawals',
  jobs: 'jobs',
  settings: 'settings',
} as const;

export const ccol = (name: (typeof CC)[keyof typeof CC] | 'orders' | 'refunds' | 'leaders' | 'categories'): any =>
  db.collection(name);

/** A ledger row as stored: the entry with _id = idempotencyKey (no separate id field). */
export type LedgerDoc = Omit<LedgerEntry, 'id'> & { _id: string };

export const toDoc = ({ id, ...rest }: LedgerEntry): LedgerDoc => ({ _id: id, ...rest });
export const fromDoc = (d: LedgerDoc): LedgerEntry => ({ ...d, id: d._id, at: new Date(d.at) });

export interface CommissionOrderLine {
  key: string;
  rateBps: number;
  /** The paid amount the pending entry was booked on. */
  baseFen: number;
  amountFen: number;
  /** The line's refundedFen that the ledger has accounted for so far. */
  refundedFen: number;
}

/**
 * What the ledger says about one order, kept in the same transaction as every
 * ledger write for the order, so two writers of the same order are serialized by
 * the database (a conflict makes the loser start over) and can never both
 * reverse the same refund. Rebuilt from the ledger if it is ever missing.
 */
export interface CommissionOrder {
  _id: string;
  leaderId: string;
  paidAt: Date;
  stage: 'pending' | 'confirmed' | 'settled';
  lines: CommissionOrderLine[];
  /** Sum of the order's pending + reverse amounts. */
  netFen: number;
  /** Paid − refunded as accounted (sales for stats). */
  gmvFen: number;
  confirmAt?: Date;
  settledAt?: Date;
  updatedAt: Date;
}

/** Withdrawable money per leader, changed only in transactions that also append the ledger entry. */
export interface LeaderBalance {
  _id: string;
  availableFen: number;
  updatedAt: Date;
}

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

export const DEFAULT_SETTINGS: CommissionSettings = {
  settleDays: 7,
  tiers: [],
  newLeaderBonus: null,
  minWithdrawFen: 100,
};

export async function loadSettings(): Promise<CommissionSettings> {
  const res = await ccol(CC.settings).where({ _id: 'commission' }).limit(1).get();
  const doc = res.data[0] as Partial<CommissionSettings> | undefined;
  return { ...DEFAULT_SETTINGS, ...(doc ?? {}) } as CommissionSettings;
}

export async function saveSettings(s: CommissionSettings): Promise<void> {
  await ccol(CC.settings)
    .doc('commission')
    .set({ data: { ...s, updatedAt: new Date() } });
}

/** Retries for commission transactions (inTransaction): concurrent writers of the same balance or order conflict more often. */
export const COMMISSION_TX_RETRIES = 10;

export async function txAppend(tx: Tx, entries: readonly LedgerEntry[]): Promise<void> {
  for (const e of entries) {
    const { _id, ...data } = toDoc(e);
    await tx.collection(CC.ledger).doc(_id).set({ data });
  }
}

/** Adds delta to the leader's available balance inside the transaction (read-modify-write, conflict-checked). */
export async function txAddAvailable(tx: Tx, leaderId: string, delta: number, at: Date): Promise<number> {
  const cur = await txGet<LeaderBalance>(tx, CC.balances, leaderId);
  const availableFen = (cur?.availableFen ?? 0) + delta;
  await tx
    .collection(CC.balances)
    .doc(leaderId)
    .set({ data: { availableFen, updatedAt: at } });
  return availableFen;
}

/** Every entry matching `where`, 1000 per page (the cloud's maximum), oldest first. */
export async function allEntries(
  where: Record<string, unknown>,
  field?: Record<string, boolean>,
): Promise<LedgerEntry[]> {
  const out: LedgerEntry[] = [];
  let after: string | undefined;
  for (;;) {
    // A cursor on _id, not skip(): later pages cost no more than the first.
    let q = ccol(CC.ledger)
      .where(after === undefined ? where : { ...where, _id: _.gt(after) })
      .orderBy('_id', 'asc')
      .limit(1000);
    if (field) q = q.field({ ...field, _id: true });
    const res = await q.get();
    const docs = res.data as LedgerDoc[];
    out.push(...docs.map(fromDoc));
    if (docs.length < 1000) return out;
    after = docs[docs.length - 1]._id;
  }
}
