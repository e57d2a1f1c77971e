import { dbErrors } from '../errors';
import { deepClone, newTransactionId } from './clone';
import { idKey } from './collection';
import type { Doc } from './ejson';
import { docKey, type Change, type EnvDb } from './env';

/**
 * Transactions as MongoDB runs them under CloudBase (the official SDK test
 * TencentCloudBase/node-sdk test/database/unit/transaction.test.ts):
 * - snapshot isolation: the snapshot is taken at the transaction's first
 *   operation (MongoDB starts a transaction there); every read, of any
 *   document, sees the data as of that point plus the transaction's own
 *   writes, never what anyone committed later;
 * - writes are checked when they are made: writing a document that someone
 *   else changed after the snapshot, or that another open transaction has
 *   written, fails at once with DATABASE_TRANSACTION_CONFLICT and aborts the
 *   transaction; a write outside any transaction to a document an open
 *   transaction has written waits until that transaction ends (service.ts);
 * - a duplicate key aborts the transaction too; commit applies all writes at
 *   once; a committed, aborted or expired transaction is gone
 *   (DATABASE_TRANSACTION_FAIL: TransactionNotExist, "must be commit or abort
 *   in 30 seconds").
 */
export interface TxWrite {
  c: string;
  id: string;
  doc: Doc | null;
}

export class Transaction {
  readonly writes = new Map<string, TxWrite>();
  /** The database version the transaction reads at, set by its first operation. */
  snapshot?: number;
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;
  constructor(
    readonly id: string,
    readonly env: string,
    readonly started: number,
  ) {
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }
  end(): void {
    this.resolveEnded();
  }
}

/** The cloud's limit, from its TransactionNotExist message ("must be commit or abort in 30 seconds"). */
export const TRANSACTION_TIMEOUT_MS = 30_000;

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  timeoutMs = TRANSACTION_TIMEOUT_MS;
  /**
   * The cloud fails a conflicting write at once (official SDK test 冲突检测 / 读偏),
   * and wx-server-sdk then does not retry (it rewraps the error without its
   * code; runTransaction only retries DATABASE_TRANSACTION_CONFLICT at commit):
   * on by default, as the cloud. Off, the conflict waits for the commit, which
   * runTransaction retries: more permissive than the cloud, kept only so a test
   * can compare (emulator/FIDELITY.md).
   */
  eagerConflicts = true;

  constructor(
    private readonly now: () => number,
    private readonly envDb: (name: string) => EnvDb,
  ) {}

  start(env: string): Transaction {
    this.sweep();
    const tx = new Transaction(newTransactionId(), env, this.now());
    this.open.set(tx.id, tx);
    return tx;
  }

  get(id: string, env: string): Transaction {
    this.sweep();
    const tx = this.open.get(id);
    if (!tx || tx.env !== env) throw dbErrors.transactionFail();
    return tx;
  }

  clear(): void {
    for (const tx of this.open.values()) tx.end();
    this.open.clear();
  }

  /** Transactions not committed within `timeoutMs` (cloud clock) are aborted. */
  private sweep(): void {
    const now = this.now();
    for (const tx of [...this.open.values()]) {
      if (now - tx.started > this.timeoutMs) this.finish(tx, this.envDb(tx.env));
    }
  }

  /** An open transaction that holds a write on a document, if any. */
  holder(db: EnvDb, c: string, id: string): Transaction | undefined {
    this.sweep();
    for (const txId of db.locks.get(docKey(c, id)) ?? []) {
      const tx = this.open.get(txId);
      if (tx) return tx;
    }
    return undefined;
  }

  /** Resolves when `tx` ends, or soon (the caller checks again; expiry is noticed by polling). */
  wait(tx: Transaction): Promise<void> {
    return Promise.race([tx.ended, new Promise<void>((resolve) => setTimeout(resolve, 50))]);
  }

  private begin(tx: Transaction, db: EnvDb): number {
    if (tx.snapshot === undefined) {
      tx.snapshot = db.version;
      db.keepHistory = true;
    }
    return tx.snapshot;
  }

  /** The transaction's view of one document (a copy), null when it does not exist. */
  read(tx: Transaction, db: EnvDb, c: string, id: string): Doc | null {
    db.coll(c);
    const version = this.begin(tx, db);
    const own = tx.writes.get(docKey(c, id));
    const doc = own ? own.doc : db.stateAt(c, id, version);
    return doc ? deepClone(doc) : null;
  }

  /** The transaction's view of a collection: the snapshot with its own writes (not copied). */
  view(tx: Transaction, db: EnvDb, c: string): Doc[] {
    db.coll(c);
    const version = this.begin(tx, db);
    const own = [...tx.writes.values()].filter((w) => w.c === c);
    if (!own.length) return db.docsAt(c, version);
    const byKey = new Map(own.map((w) => [w.id, w]));
    const out: Doc[] = [];
    for (const doc of db.docsAt(c, version)) {
      const w = byKey.get(keyOf(doc));
      if (!w) out.push(doc);
      else if (w.doc) out.push(w.doc);
      byKey.delete(keyOf(doc));
    }
    for (const w of byKey.values()) if (w.doc) out.push(w.doc);
    return out;
  }

  /**
   * Write a document (null: delete) inside the transaction. Unique indexes are
   * checked now; a write-write conflict fails here with `eagerConflicts`
   * (as the cloud does), otherwise at commit (see TransactionManager.eagerConflicts).
   */
  write(tx: Transaction, db: EnvDb, c: string, id: string, doc: Doc | null): void {
    const version = this.begin(tx, db);
    const key = docKey(c, id);
    const holders = db.locks.get(key) ?? new Set<string>();
    if (this.eagerConflicts) {
      if ([...holders].some((other) => other !== tx.id && this.open.has(other))) this.conflict(tx, db);
      if (!tx.writes.has(key) && db.lastWrite(c, id) > version) this.conflict(tx, db);
    }
    if (doc) {
      try {
        this.checkUnique(tx, db, c, id, doc);
      } catch (err) {
        this.finish(tx, db);
        throw err;
      }
    }
    db.locks.set(key, holders.add(tx.id));
    tx.writes.set(key, { c, id, doc });
  }

  private checkUnique(tx: Transaction, db: EnvDb, c: string, id: string, doc: Doc): void {
    const coll = db.coll(c);
    const own = new Set([...tx.writes.values()].filter((w) => w.c === c).map((w) => w.id));
    own.add(id);
    coll.checkUnique(id, doc, own);
    for (const index of coll.indexes) {
      if (!index.def.unique) continue;
      const k = index.uniqueKey(doc);
      for (const w of tx.writes.values()) {
        if (w.c === c && w.id !== id && w.doc && index.uniqueKey(w.doc) === k)
          throw dbErrors.duplicateKey(`${c}.${index.def.name}`);
      }
    }
  }

  private conflict(tx: Transaction, db: EnvDb): never {
    this.finish(tx, db);
    throw dbErrors.transactionConflict();
  }

  /** Apply every write at once (one log line). `forceConflict`: the injected fault. */
  commit(tx: Transaction, db: EnvDb, forceConflict: boolean): void {
    if (forceConflict) this.conflict(tx, db);
    const writes = [...tx.writes.values()];
    // First committer wins: a document changed since the snapshot (by a commit or a plain write) conflicts.
    for (const w of writes) if (db.lastWrite(w.c, w.id) > tx.snapshot!) this.conflict(tx, db);
    try {
      for (const w of writes) if (w.doc) this.checkUnique(tx, db, w.c, w.id, w.doc);
    } catch (err) {
      this.finish(tx, db);
      throw err;
    }
    const changes: Change[] = writes.map((w) => ({ c: w.c, id: w.id, doc: w.doc }));
    this.finish(tx, db);
    db.apply(changes);
  }

  abort(tx: Transaction, db: EnvDb): void {
    this.finish(tx, db);
  }

  /** End a transaction: release its writes; drop old states nobody reads any more. */
  private finish(tx: Transaction, db: EnvDb): void {
    this.open.delete(tx.id);
    for (const key of tx.writes.keys()) {
      const holders = db.locks.get(key);
      holders?.delete(tx.id);
      if (!holders?.size) db.locks.delete(key);
    }
    tx.end();
    const reading = [...this.open.values()].some((t) => t.env === tx.env && t.snapshot !== undefined);
    if (!reading) db.dropHistory();
  }
}

const keyOf = (doc: Doc) => idKey(doc._id);
