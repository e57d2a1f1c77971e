import type { LedgerEntry, LedgerKind } from '../domain/commission';
import { collection, txGet, txSet, type Fields, type Tx } from './db';

/** A ledger row as stored: the entry with _id = idempotencyKey (no separate id field). */
export type LedgerDoc = Omit<LedgerEntry, 'id'> & { _id: string };

const toDoc = ({ id, ...rest }: LedgerEntry): LedgerDoc => ({ _id: id, ...rest });
const fromDoc = (d: LedgerDoc): LedgerEntry => ({ ...d, id: d._id, at: new Date(d.at) });

const ledger = () => collection('commissionLedger');

/** Every entry of one order (a handful), oldest _id first. */
export async function ledgerOfOrder(orderId: string): Promise<LedgerEntry[]> {
  return (await ledger().all({ orderId })).map(fromDoc);
}

/** A leader's whole ledger, only the fields asked for (balance() needs four). */
export async function ledgerOfLeader(leaderId: string, fields?: Fields): Promise<LedgerEntry[]> {
  return (await ledger().all({ leaderId }, { fields })).map(fromDoc);
}

/** A page of a leader's ledger, newest first. */
export async function ledgerPageOf(
  leaderId: string,
  kind: LedgerKind | undefined,
  skip: number,
  limit: number,
): Promise<LedgerEntry[]> {
  const docs = await ledger().find(
    { leaderId, ...(kind ? { kind } : {}) },
    {
      orderBy: [
        ['at', 'desc'],
        ['_id', 'desc'],
      ],
      skip,
      limit,
    },
  );
  return docs.map(fromDoc);
}

/** An entry by its key, inside a transaction. */
export async function entryIn(tx: Tx, id: string): Promise<LedgerEntry | null> {
  const doc = await txGet<LedgerDoc>(tx, 'commissionLedger', id);
  return doc ? fromDoc(doc) : null;
}

/** Appends entries inside a transaction: each under its idempotency key, so a replay rewrites the same row. */
export async function appendIn(tx: Tx, entries: readonly LedgerEntry[]): Promise<void> {
  for (const e of entries) await txSet(tx, 'commissionLedger', toDoc(e));
}
