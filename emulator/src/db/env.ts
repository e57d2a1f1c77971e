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
export class EnvDb {
  readonly collections = new Map<string, Collection>();
  /** Index definitions declared for this environment (override the defaults). */
  readonly indexDefs = new Map<string, IndexDef[]>();
  version = 0;

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
          c.put(ch.id, ch.doc, ++this.version);
          if (this.log) ops.push({ op: 'put', c: ch.c, doc: ch.doc });
        } else {
          c.delete(ch.id);
          if (this.log) ops.push({ op: 'del', c: ch.c, id: ch.id });
        }
      }
    } finally {
      if (this.log && ops.length) this.write(ops.length === 1 ? ops[0] : { op: 'batch', ops });
    }
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
