import { dbErrors } from '../errors';
import { deepClone, newTransactionId } from './clone';
import type { Doc } from './ejson';
import type { Change, EnvDb } from './env';

/**
 * Transactions: snapshot reads per document (a document is copied when the
 * transaction first touches it), writes buffered until commit, and
 * first-committer-wins write-write conflict detection with per-document
 * versions: commit fails with DATABASE_TRANSACTION_CONFLICT when a document
 * this transaction wrote was changed (by a plain write or another commit)
 * after the transaction first touched it. Conflicts surface at commit, not on
 * the write: wx-server-sdk rewraps errors of document operations (errCode
 * -501001, no `code`), so only a commit conflict lets runTransaction retry.
 * A conflicting transaction is discarded. Transactions not committed within
 * `timeoutMs` (cloud clock) are discarded.
 */
export interface TxEntry {
  c: string;
  id: string;
  /** Version when first touched (undefined: did not exist). */
  base: number | undefined;
  doc: Doc | null;
  written: boolean;
}

export class Transaction {
  readonly entries = new Map<string, TxEntry>();
  constructor(
    readonly id: string,
    readonly env: string,
    readonly started: number,
  ) {}
}

/**
 * MongoDB's default transactionLifetimeLimitSeconds (60 s); CloudBase does
 * not document its own limit.
 */
export const TRANSACTION_TIMEOUT_MS = 60_000;

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  timeoutMs = TRANSACTION_TIMEOUT_MS;

  constructor(private readonly now: () => number) {}

  start(env: string): Transaction {
    this.sweep();
    const tx = new Transaction(newTransactionId(), env, this.now());
    this.open.set(tx.id, tx);
    return tx;
  }

  get(id: string, env: string): Transaction {
    this.sweep();
    const tx = this.open.get(id);
    if (!tx || tx.env !== env) throw dbErrors.transactionNotExist(id);
    return tx;
  }

  abort(id: string): void {
    this.open.delete(id);
  }

  clear(): void {
    this.open.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [id, tx] of this.open) if (now - tx.started > this.timeoutMs) this.open.delete(id);
  }

  /** The transaction's view of a document (first touch takes the snapshot). */
  touch(tx: Transaction, db: EnvDb, c: string, id: string): TxEntry {
    const key = `${c}\u0000${id}`;
    let entry = tx.entries.get(key);
    if (!entry) {
      const coll = db.coll(c);
      const doc = coll.get(id);
      entry = { c, id, base: coll.versions.get(id), doc: doc ? deepClone(doc) : null, written: false };
      tx.entries.set(key, entry);
    }
    return entry;
  }

  /** Buffer a write (checked at commit). */
  write(entry: TxEntry, doc: Doc | null): void {
    entry.doc = doc;
    entry.written = true;
  }

  private conflict(tx: Transaction): never {
    this.open.delete(tx.id);
    throw dbErrors.transactionConflict();
  }

  /** Validate every buffered write, then apply them all at once. */
  commit(tx: Transaction, db: EnvDb, forceConflict: boolean): void {
    if (forceConflict) this.conflict(tx);
    const written = [...tx.entries.values()].filter((e) => e.written);
    for (const e of written) {
      if (db.coll(e.c).versions.get(e.id) !== e.base) this.conflict(tx);
    }
    // Unique indexes: check against committed data, ignoring the documents this commit rewrites.
    const own = new Map<string, Set<string>>();
    for (const e of written) {
      if (!own.has(e.c)) own.set(e.c, new Set());
      own.get(e.c)!.add(e.id);
    }
    for (const e of written) {
      if (!e.doc) continue;
      const coll = db.coll(e.c);
      coll.checkUnique(e.id, e.doc, own.get(e.c));
      for (const index of coll.indexes) {
        if (!index.def.unique) continue;
        const k = index.uniqueKey(e.doc);
        for (const o of written) {
          if (o !== e && o.c === e.c && o.doc && index.uniqueKey(o.doc) === k) {
            this.open.delete(tx.id);
            throw dbErrors.duplicateKey(`${e.c}.${index.def.name}`);
          }
        }
      }
    }
    const changes: Change[] = written.map((e) => ({ c: e.c, id: e.id, doc: e.doc }));
    this.open.delete(tx.id);
    db.apply(changes);
  }
}
