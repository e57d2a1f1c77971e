import { dbErrors } from '../errors';
import { Collection, idKey } from './collection';
import type { Doc } from './ejson';
import type { IndexDef } from './indexes';
import { COMPACT_MIN_OPS, type EnvLog, type LogOp } from './log';

/** A change to one document: the new document, or null to delete it. */
export interface Change {
  c: string;
  id: string;
  doc: Doc | null;
}

/**
 * One environment's database: its collections, a version counter shared by
 * all its documents, its index definitions and its log. All writes go
 * through `apply`, which stores, versions and logs them in one synchronous step.
 */
/** Key of a document across collections: collection and id key. */
export const docKey = (c: string, id: string) => `${c}\u0000${id}`;

export class EnvDb {
  readonly collections = new Map<string, Collection>();
  /** Index definitions declared for this environment (override the defaults). */
  readonly indexDefs = new Map<string, IndexDef[]>();
  /** Version of the last write: every put and delete takes the next one. */
  version = 0;
  /**
   * Snapshots of open transactions need the states that later writes replace:
   * while `keepHistory` is on, `apply` records each replaced state (and the
   * version of each delete). Transactions turn it on and clear it.
   */
  keepHistory = false;
  private readonly history = new Map<string, Array<{ version: number; doc: Doc | null }>>();
  private readonly deleted = new Map<string, number>();
  /** Documents open transactions have written (uncommitted): key → their ids. */
  readonly locks = new Map<string, Set<string>>();

  constructor(
    readonly name: string,
    private readonly defaults: () => Map<string, IndexDef[]>,
    readonly log?: EnvLog,
  ) {}

  coll(name: string): Collection {
    const c = this.collections.get(name);
    if (!c) throw dbErrors.collectionNotExist(name);
    return c;
  }

  effectiveIndexes(name: string): IndexDef[] {
    return this.indexDefs.get(name) ?? this.defaults().get(name) ?? [];
  }

  addCollection(name: string, log = true): Collection {
    if (this.collections.has(name)) throw dbErrors.collectionExists(name);
    const c = new Collection(name);
    c.setIndexes(this.effectiveIndexes(name));
    this.collections.set(name, c);
    if (log) this.write({ op: 'addCollection', c: name });
    return c;
  }

  /** Declare indexes for a collection of this environment (logged). */
  defineIndexes(name: string, defs: IndexDef[], log = true): void {
    const c = this.collections.get(name);
    if (c) c.setIndexes(defs);
    this.indexDefs.set(name, defs);
    if (log) this.write({ op: 'indexes', c: name, indexes: defs });
  }

  /** Re-apply default indexes (after the defaults changed) where no env-specific ones exist. */
  refreshDefaults(): void {
    for (const [name, c] of this.collections) if (!this.indexDefs.has(name)) c.setIndexes(this.effectiveIndexes(name));
  }

  /**
   * Store changes with new versions and log them as one line. With `check`,
   * each document is checked against the unique indexes just before it is
   * stored; on a violation the changes already stored stay (as a MongoDB
   * multi-document update does) and are logged before the error is thrown.
   */
  apply(changes: Change[], check = false): void {
    const ops: LogOp[] = [];
    try {
      for (const ch of changes) {
        const c = this.coll(ch.c);
        if (ch.doc) {
          if (check) c.checkUnique(ch.id, ch.doc);
          this.remember(ch.c, ch.id);
          c.put(ch.id, ch.doc, ++this.version);
          if (this.log) ops.push({ op: 'put', c: ch.c, doc: ch.doc });
        } else {
          this.remember(ch.c, ch.id);
          if (c.delete(ch.id) && this.keepHistory) this.deleted.set(docKey(ch.c, ch.id), ++this.version);
          if (this.log) ops.push({ op: 'del', c: ch.c, id: ch.id });
        }
      }
    } finally {
      if (this.log && ops.length) this.write(ops.length === 1 ? ops[0] : { op: 'batch', ops });
    }
  }

  private remember(c: string, id: string): void {
    if (!this.keepHistory) return;
    const key = docKey(c, id);
    const list = this.history.get(key) ?? [];
    list.push({ version: this.lastWrite(c, id), doc: this.coll(c).get(id) ?? null });
    this.history.set(key, list);
  }

  /** Version of the last write to a document (0: never written while history was kept). */
  lastWrite(c: string, id: string): number {
    return this.collections.get(c)?.versions.get(id) ?? this.deleted.get(docKey(c, id)) ?? 0;
  }

  /** The document as it was right after write `version` (the state a snapshot at `version` sees). */
  stateAt(c: string, id: string, version: number): Doc | null {
    if (this.lastWrite(c, id) <= version) return this.collections.get(c)?.get(id) ?? null;
    const list = this.history.get(docKey(c, id)) ?? [];
    for (let i = list.length - 1; i >= 0; i--) if (list[i].version <= version) return list[i].doc;
    return null;
  }

  /** Every document of a collection as of `version`, in natural order (those deleted since, at the end). */
  docsAt(c: string, version: number): Doc[] {
    const coll = this.coll(c);
    const out: Doc[] = [];
    for (const [id, doc] of coll.docs) {
      const state = coll.versions.get(id)! <= version ? doc : this.stateAt(c, id, version);
      if (state) out.push(state);
    }
    const prefix = docKey(c, '');
    for (const key of this.history.keys()) {
      const id = key.slice(prefix.length);
      if (!key.startsWith(prefix) || coll.docs.has(id)) continue;
      const state = this.stateAt(c, id, version);
      if (state) out.push(state);
    }
    return out;
  }

  /** No open transaction needs old states any more. */
  dropHistory(): void {
    this.keepHistory = false;
    this.history.clear();
    this.deleted.clear();
  }

  private write(op: LogOp): void {
    if (!this.log) return;
    this.log.append(op);
    this.maybeCompact();
  }

  /** Replay one logged op. */
  replay(op: LogOp): void {
    switch (op.op) {
      case 'addCollection':
        if (!this.collections.has(op.c)) this.addCollection(op.c, false);
        break;
      case 'indexes':
        this.defineIndexes(op.c, op.indexes, false);
        break;
      case 'put': {
        const c = this.collections.get(op.c) ?? this.addCollection(op.c, false);
        c.put(idKey(op.doc._id), op.doc, ++this.version);
        break;
      }
      case 'del':
        this.collections.get(op.c)?.delete(idKey(op.id));
        break;
      case 'batch':
        for (const sub of op.ops) this.replay(sub);
        break;
    }
  }

  docCount(): number {
    let n = 0;
    for (const c of this.collections.values()) n += c.docs.size;
    return n;
  }

  *snapshot(): Generator<LogOp> {
    for (const [name, c] of this.collections) {
      yield { op: 'addCollection', c: name };
      const defs = this.indexDefs.get(name);
      if (defs) yield { op: 'indexes', c: name, indexes: defs };
      for (const doc of c.docs.values()) yield { op: 'put', c: name, doc };
    }
  }

  maybeCompact(force = false): void {
    if (!this.log) return;
    const live = this.docCount() + this.collections.size;
    if (force ? this.log.ops > live : this.log.ops > COMPACT_MIN_OPS && this.log.ops > 2 * live) {
      this.log.compact(this.snapshot());
    }
  }
}
