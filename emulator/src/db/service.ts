import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../cloud';
import { dbErrors, TcbError } from '../errors';
import type { ActionHandler, ActionRequest, Service } from '../types';
import { aggregate, type Stage } from './aggregate';
import { newDocId } from './clone';
import { idKey, type ScanStats } from './collection';
import { decode, encodeReply, resolveServerDates, type Doc } from './ejson';
import { EnvDb, type Change } from './env';
import { loadIndexFile, type IndexDef, type IndexFile } from './indexes';
import { EnvLog } from './log';
import { clampLimit, filterList, find, findInList, matchAll, project } from './query';
import { TransactionManager, type Transaction } from './transactions';
import { applyUpdate, upsertBase } from './update';

export { loadIndexFile } from './indexes';
export type { IndexDef, IndexFile } from './indexes';

/** Index declarations: the file format, or a plain {collection: [index, ...]} map. */
export type IndexSpec = IndexFile | Record<string, IndexDef[]>;

function toIndexMap(spec: IndexSpec): Map<string, IndexDef[]> {
  const raw =
    'collections' in spec && !Array.isArray((spec as IndexFile).collections)
      ? Object.fromEntries(Object.entries((spec as IndexFile).collections).map(([c, v]) => [c, v.indexes]))
      : (spec as Record<string, IndexDef[]>);
  return new Map(Object.entries(raw));
}

/** MongoDB 4.0 refuses `count` in a multi-document transaction; the SDK sends neither count nor aggregate with one. */
const notInTransaction = (what: string) =>
  dbErrors.invalidParam(`Cannot run '${what}' in a multi-document transaction.`);

/** A write outside any transaction found a document an open transaction has written: wait for it to end. */
class Blocked {
  constructor(readonly tx: Transaction) {}
}

/** `{$tcb_server_date}` anywhere in a value. */
function hasServerDate(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasServerDate);
  if ((value as { _bsontype?: string })._bsontype || value instanceof Date) return false;
  return Object.entries(value).some(([k, v]) => k === '$tcb_server_date' || hasServerDate(v));
}

/**
 * The database of the local cloud: the database.* actions the SDK sends, per
 * environment (each env name is its own namespace). Every action runs
 * synchronously from decoding to reply, so the single-threaded server never
 * interleaves two read-check-write sequences; a write outside any transaction
 * that meets a document an open transaction has written waits for that
 * transaction to end, then runs again (as a MongoDB write waits for the lock).
 */
export class DatabaseService implements Service {
  private readonly envs = new Map<string, EnvDb>();
  private defaults = new Map<string, IndexDef[]>();
  readonly transactions: TransactionManager;
  /** Documents examined by queries (tests assert index use with it). */
  readonly stats: ScanStats = { scanned: 0 };

  constructor(readonly cloud: LocalCloud) {
    this.transactions = new TransactionManager(
      () => cloud.clock.now(),
      (name) => this.env(name),
    );
    this.loadDefaults();
    this.replayAll();
  }

  private get dataDir(): string | undefined {
    return this.cloud.options.dataDir;
  }

  /** database/indexes.json (or options.indexesFile) applies to every environment. */
  private loadDefaults(): void {
    const option = this.cloud.options.indexesFile;
    this.defaults = new Map();
    if (option === false) return;
    const file = option ?? path.resolve('database/indexes.json');
    const spec = loadIndexFile(file);
    if (spec) this.defaults = toIndexMap(spec);
  }

  private replayAll(): void {
    if (!this.dataDir) return;
    const dir = path.join(this.dataDir, 'db');
    if (!fs.existsSync(dir)) return;
    for (const file of fs.readdirSync(dir)) {
      if (file.endsWith('.log')) this.env(decodeURIComponent(file.slice(0, -4)));
    }
  }

  /** The database of an environment (created, and replayed from its log, on first use). */
  env(name: string): EnvDb {
    let db = this.envs.get(name);
    if (!db) {
      const log = this.dataDir ? new EnvLog(EnvLog.fileFor(this.dataDir, name)) : undefined;
      db = new EnvDb(name, () => this.defaults, log);
      const target = db;
      log?.replay((op) => target.replay(op));
      this.envs.set(name, db);
    }
    return db;
  }

  /** Declare indexes for one environment, or (env omitted) as defaults for all of them. */
  defineIndexes(spec: IndexSpec, env?: string): void {
    const map = toIndexMap(spec);
    if (env === undefined) {
      for (const [c, defs] of map) this.defaults.set(c, defs);
      for (const db of this.envs.values()) db.refreshDefaults();
      return;
    }
    const db = this.env(env);
    for (const [c, defs] of map) db.defineIndexes(c, defs);
  }

  /** Create a collection if it does not exist (seeding scripts and tests). */
  createCollection(env: string, name: string): void {
    const db = this.env(env);
    if (!db.collections.has(name)) db.addCollection(name);
  }

  resetStats(): void {
    this.stats.scanned = 0;
  }

  actions(): Record<string, ActionHandler> {
    const a = (fn: (db: EnvDb, body: Record<string, any>, req: ActionRequest) => unknown): ActionHandler => {
      return (req) => {
        if (this.cloud.faults.roll(this.cloud.faults.config.dbFailRate)) {
          throw dbErrors.requestFailed('database request failed (injected fault)');
        }
        return fn(this.env(req.env), req.body, req);
      };
    };
    return {
      'database.addCollection': a((db, b) => {
        db.addCollection(collectionName(b));
        return {};
      }),
      'database.insertDocument': a((db, b) => this.unblocked(() => this.insert(db, b))),
      'database.getDocument': a((db, b) => this.get(db, b)),
      'database.calculateDocument': a((db, b) => this.count(db, b)),
      'database.modifyDocument': a((db, b) => this.oneAtATime(db, b, () => this.modify(db, b))),
      'database.removeDocument': a((db, b) => this.oneAtATime(db, b, () => this.remove(db, b))),
      'database.modifyAndReturnDoc': a((db, b) => this.oneAtATime(db, b, () => this.modifyAndReturn(db, b))),
      'database.aggregateDocuments': a((db, b) => this.aggregate(db, b)),
      'database.startTransaction': a((db) => ({ transactionId: this.transactions.start(db.name).id })),
      'database.commitTransaction': a((db, b) => {
        const tx = this.transactions.get(String(b.transactionId), db.name);
        this.transactions.commit(tx, db, this.cloud.faults.roll(this.cloud.faults.config.txConflictRate));
        return {};
      }),
      'database.abortTransaction': a((db, b) => {
        this.transactions.abort(this.transactions.get(String(b.transactionId), db.name), db);
        return {};
      }),
    };
  }

  private now(): number {
    return this.cloud.clock.now();
  }

  /** The tail of each document's queue of writes (the docWriteMs fault). */
  private readonly docWrites = new Map<string, Promise<unknown>>();

  /**
   * A write outside a transaction that names its document by _id waits for the
   * writes before it on that document when the docWriteMs fault is set; if it
   * changed the document it holds it docWriteMs before it answers. A guarded
   * write that matched nothing passes at once (MongoDB writes, and locks, only
   * what matched).
   */
  private oneAtATime(db: EnvDb, b: Record<string, any>, run: () => unknown): Promise<unknown> {
    const ms = this.cloud.faults.config.docWriteMs;
    const query = ms && !b.transactionId ? decode(b.query) : undefined;
    const target = query && typeof query === 'object' ? (query as Doc)._id : undefined;
    if (typeof target !== 'string') return this.unblocked(run);
    const c = collectionName(b);
    const key = `${db.name}\u0000${c}\u0000${target}`;
    const turn = (this.docWrites.get(key) ?? Promise.resolve()).then(async () => {
      const before = db.lastWrite(c, target);
      const result = await this.unblocked(run);
      if (db.lastWrite(c, target) !== before) await new Promise((resolve) => setTimeout(resolve, ms));
      return result;
    });
    const tail = turn.catch(() => undefined);
    this.docWrites.set(key, tail);
    void tail.then(() => this.docWrites.get(key) === tail && this.docWrites.delete(key));
    return turn;
  }

  /** Run a write until no open transaction holds a document it touches. */
  private async unblocked(run: () => unknown): Promise<unknown> {
    for (;;) {
      const result = run();
      if (!(result instanceof Blocked)) return result;
      await this.transactions.wait(result.tx);
    }
  }

  /** The open transaction holding one of these documents, if any. */
  private blocked(db: EnvDb, c: string, ids: unknown[]): Blocked | undefined {
    for (const id of ids) {
      const tx = this.transactions.holder(db, c, idKey(id));
      if (tx) return new Blocked(tx);
    }
    return undefined;
  }

  /** Update data; a transaction refuses serverDate (the official SDK test: 事务内插入含 serverDate 报错不支持). */
  private decodeData(raw: unknown, tx: Transaction | undefined): any {
    const data = decode(raw);
    if (tx && hasServerDate(data)) {
      this.transactions.abort(tx, this.env(tx.env));
      throw dbErrors.invalidParam('db.serverDate() is not supported in a transaction');
    }
    return resolveServerDates(data, this.now());
  }

  private decodeQuery(b: Record<string, any>): Doc {
    const q = decode(b.query);
    if (q === undefined) return {};
    if (!q || typeof q !== 'object' || Array.isArray(q)) throw dbErrors.invalidParam('query must be an object');
    return resolveServerDates(q, this.now());
  }

  private transaction(db: EnvDb, b: Record<string, any>): Transaction | undefined {
    if (!b.transactionId) return undefined;
    return this.transactions.get(String(b.transactionId), db.name);
  }

  /** A DOC query (doc(id)...): `{_id}` only. */
  private isDoc(b: Record<string, any>, query: Doc): boolean {
    return b.queryType === 'DOC' && Object.keys(query).length === 1 && '_id' in query;
  }

  /** The documents a transactional update or remove targets, in its view. */
  private txTargets(tx: Transaction, db: EnvDb, c: string, b: Record<string, any>, query: Doc): Doc[] {
    if (this.isDoc(b, query)) {
      const doc = this.transactions.read(tx, db, c, idKey(query._id));
      return doc ? [doc] : [];
    }
    const matched = filterList(db.coll(c), this.transactions.view(tx, db, c), query);
    return b.multi === false ? matched.slice(0, 1) : matched;
  }

  private insert(db: EnvDb, b: Record<string, any>): unknown {
    const c = collectionName(b);
    const coll = db.coll(c);
    const list: unknown[] = Array.isArray(b.data) ? b.data : [b.data];
    const tx = this.transaction(db, b);
    const docs = list.map((d) => {
      const doc = this.decodeData(d, tx);
      if (!doc || typeof doc !== 'object' || Array.isArray(doc))
        throw dbErrors.invalidParam('document must be an object');
      if (doc._id === undefined || doc._id === null) doc._id = newDocId();
      return doc as Doc;
    });
    if (tx) {
      for (const doc of docs) {
        const id = idKey(doc._id);
        if (this.transactions.read(tx, db, c, id)) {
          this.transactions.abort(tx, db);
          throw dbErrors.duplicateKey(`${c}._id_`);
        }
        this.transactions.write(tx, db, c, id, doc);
      }
    } else {
      const wait = this.blocked(
        db,
        c,
        docs.map((d) => d._id),
      );
      if (wait) return wait;
      for (const doc of docs) if (coll.get(idKey(doc._id))) throw dbErrors.duplicateKey(`${c}._id_`);
      db.apply(
        docs.map((doc) => ({ c, id: idKey(doc._id), doc })),
        true,
      );
    }
    return { data: { insertedIds: docs.map((d) => d._id) } };
  }

  private get(db: EnvDb, b: Record<string, any>): unknown {
    const c = collectionName(b);
    const coll = db.coll(c);
    const query = this.decodeQuery(b);
    const projection = decode(b.projection);
    const tx = this.transaction(db, b);
    let list: Doc[];
    if (tx && this.isDoc(b, query)) {
      const doc = this.transactions.read(tx, db, c, idKey(query._id));
      list = project(doc ? [doc] : [], projection);
    } else if (tx) {
      const options = { order: decode(b.order), offset: b.offset, limit: b.limit, projection };
      list = findInList(coll, this.transactions.view(tx, db, c), query, options);
    } else {
      list = find(coll, query, { order: decode(b.order), offset: b.offset, limit: b.limit, projection }, this.stats);
    }
    const data: Doc = { list: list.map(encodeReply), offset: Number(b.offset ?? 0) || 0 };
    if (b.limit !== undefined) data.limit = clampLimit(b.limit);
    return { data };
  }

  private count(db: EnvDb, b: Record<string, any>): unknown {
    const coll = db.coll(collectionName(b));
    if (b.transactionId) throw notInTransaction('count');
    return { data: { total: matchAll(coll, this.decodeQuery(b), this.stats).length } };
  }

  private modify(db: EnvDb, b: Record<string, any>): unknown {
    const c = collectionName(b);
    const coll = db.coll(c);
    const query = this.decodeQuery(b);
    const tx = this.transaction(db, b);
    const data = this.decodeData(b.data, tx) ?? {};
    const merge = b.merge !== false;
    if (tx) {
      const targets = this.txTargets(tx, db, c, b, query);
      if (!targets.length) {
        if (!b.upsert) return { data: { updated: 0 } };
        const id = query._id ?? newDocId();
        const created = applyUpdate(upsertBase(query, id), data, merge).doc;
        this.transactions.write(tx, db, c, idKey(id), created);
        return { data: { updated: 0, upsert_id: id } };
      }
      let updated = 0;
      for (const target of targets) {
        const { doc, changed } = applyUpdate(target, data, merge);
        if (!changed) continue;
        this.transactions.write(tx, db, c, idKey(target._id), doc);
        updated++;
      }
      return { data: { updated } };
    }
    let targets = matchAll(coll, query, this.stats);
    if (b.multi === false) targets = targets.slice(0, 1);
    const wait = this.blocked(db, c, targets.length || !b.upsert ? targets.map((t) => t._id) : [query._id]);
    if (wait) return wait;
    if (!targets.length && b.upsert) {
      const id = query._id ?? newDocId();
      const created = applyUpdate(upsertBase(query, id), data, merge).doc;
      db.apply([{ c, id: idKey(id), doc: created }], true);
      return { data: { updated: 0, upsert_id: id } };
    }
    const changes: Change[] = [];
    for (const target of targets) {
      const { doc, changed } = applyUpdate(target, data, merge);
      if (changed) changes.push({ c, id: idKey(target._id), doc });
    }
    db.apply(changes, true);
    return { data: { updated: changes.length } };
  }

  /** where().updateAndReturn(): update the first match, answer the new document. */
  private modifyAndReturn(db: EnvDb, b: Record<string, any>): unknown {
    const c = collectionName(b);
    const coll = db.coll(c);
    const query = this.decodeQuery(b);
    const tx = this.transaction(db, b);
    const data = this.decodeData(b.data, tx) ?? {};
    if (tx) {
      const target = this.txTargets(tx, db, c, { ...b, multi: false }, query)[0];
      if (!target) return { data: { updated: 0, doc: null } };
      const { doc, changed } = applyUpdate(target, data, true);
      if (changed) this.transactions.write(tx, db, c, idKey(target._id), doc);
      return { data: { updated: changed ? 1 : 0, doc: encodeReply(doc) } };
    }
    const target = matchAll(coll, query, this.stats)[0];
    if (!target) return { data: { updated: 0, doc: null } };
    const wait = this.blocked(db, c, [target._id]);
    if (wait) return wait;
    const { doc, changed } = applyUpdate(target, data, true);
    if (changed) db.apply([{ c, id: idKey(target._id), doc }], true);
    return { data: { updated: changed ? 1 : 0, doc: encodeReply(doc) } };
  }

  private remove(db: EnvDb, b: Record<string, any>): unknown {
    const c = collectionName(b);
    const coll = db.coll(c);
    const query = this.decodeQuery(b);
    const tx = this.transaction(db, b);
    if (tx) {
      const targets = this.txTargets(tx, db, c, b, query);
      for (const target of targets) this.transactions.write(tx, db, c, idKey(target._id), null);
      return { data: { deleted: targets.length } };
    }
    let targets = matchAll(coll, query, this.stats);
    if (b.multi === false) targets = targets.slice(0, 1);
    const wait = this.blocked(
      db,
      c,
      targets.map((t) => t._id),
    );
    if (wait) return wait;
    db.apply(targets.map((t) => ({ c, id: idKey(t._id), doc: null })));
    return { data: { deleted: targets.length } };
  }

  private aggregate(db: EnvDb, b: Record<string, any>): unknown {
    const coll = db.coll(collectionName(b));
    if (b.transactionId) throw notInTransaction('aggregate');
    const stages: Stage[] = (Array.isArray(b.stages) ? b.stages : []).map((s: any) => ({
      key: String(s.stageKey),
      value: resolveServerDates(decode(s.stageValue), this.now()),
    }));
    const geoKeys = coll.indexes.filter((i) => i.geo).map((i) => i.fields.find((f) => i.def.keys[f] === '2dsphere')!);
    const resolve = (name: string) => [...db.coll(name).docs.values()];
    const list = aggregate(coll, stages, resolve, this.stats, geoKeys);
    return { data: { list: list.map(encodeReply) } };
  }

  reset(): void {
    for (const db of this.envs.values()) db.log?.remove();
    this.envs.clear();
    this.transactions.clear();
    this.resetStats();
    if (this.dataDir) fs.rmSync(path.join(this.dataDir, 'db'), { recursive: true, force: true });
    this.loadDefaults();
  }

  close(): void {
    for (const db of this.envs.values()) {
      db.maybeCompact(true);
      db.log?.close();
    }
  }
}

function collectionName(b: Record<string, any>): string {
  const name = b.collectionName;
  if (typeof name !== 'string' || !name) throw new TcbError('INVALID_PARAM', 'collectionName is required');
  return name;
}
