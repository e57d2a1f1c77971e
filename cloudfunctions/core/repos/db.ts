import registry from '../../../database/collections.json';
import { ErrorCodes } from '../../../typings/envelope';
import { AppError } from '../domain/errors';
import { _, db } from '../infra/cloud';
import type { Docs } from './registry';

/**
 * The one door to the cloud database: a typed collection per name of
 * database/collections.json. Repositories (core/repos/*) are its only users;
 * use cases call repositories. The SDK's own typings are loose (get() may be a
 * callback, update() may return void), so the shapes it answers are set here once.
 */
export type CollectionName = keyof Docs;
/** A query condition: a plain object of fields and operators (cmd), or a cmd.and/or of them. */
export type Where = object;
export type Fields = Record<string, boolean>;
export interface FindOptions {
  orderBy?: [field: string, dir: 'asc' | 'desc'][];
  skip?: number;
  /** At most 1000 (the cloud's cap per get()). */
  limit?: number;
  fields?: Fields;
}

const NAMES = new Set<string>(registry.collections);

/** Query and update operators (db.command), for repositories building conditions. */
export const cmd = _;
/** The server's clock for a stored time, as the cloud sets it. */
export const serverDate = () => db.serverDate();
/** A regular-expression condition on a string field. */
export const regex = (regexp: string, options?: string) => db.RegExp({ regexp, ...(options ? { options } : {}) });
/** A point to store, longitude first: the SDK's Geo.Point, GeoJSON on the wire and when read back. */
export const geoPoint = (lng: number, lat: number): { longitude: number; latitude: number } => db.Geo.Point(lng, lat);

/** A collection's documents as T: reads, guarded updates, inserts, pages by _id. */
export class Collection<T extends { _id: string }> {
  constructor(readonly name: CollectionName) {
    if (!NAMES.has(name)) throw new Error(`collection ${name} is not listed in database/collections.json`);
  }

  /** The SDK collection, for what this class does not wrap (aggregate, geo, doc().set). */
  get raw(): any {
    return db.collection(this.name);
  }

  async find(where: Where, opts: FindOptions = {}): Promise<T[]> {
    let q = this.raw.where(where);
    for (const [key, dir] of opts.orderBy ?? []) q = q.orderBy(key, dir);
    if (opts.skip) q = q.skip(opts.skip);
    q = q.limit(opts.limit ?? 1000);
    if (opts.fields) q = q.field(opts.fields);
    return ((await q.get()) as { data: T[] }).data;
  }

  /** One document by a query; a missing one is undefined (doc().get() would throw). */
  async findOne(where: Where, fields?: Fields): Promise<T | undefined> {
    return (await this.find(where, { limit: 1, fields }))[0];
  }

  byId(id: string, fields?: Fields): Promise<T | undefined> {
    return this.findOne({ _id: id }, fields);
  }

  async count(where: Where): Promise<number> {
    return Number(((await this.raw.where(where).count()) as { total?: number }).total ?? 0);
  }

  async insert(doc: T | Omit<T, '_id'>): Promise<string> {
    return ((await this.raw.add({ data: doc })) as { _id: string })._id;
  }

  /** Inserts a document with a chosen _id; false when one with that _id exists already. */
  async insertOnce(doc: T): Promise<boolean> {
    try {
      await this.raw.add({ data: doc });
      return true;
    } catch (err) {
      if (isDuplicate(err)) return false;
      throw err;
    }
  }

  /** Rows changed by a conditional update: a guard held only if this is > 0. */
  async update(where: Where, data: Record<string, unknown>): Promise<number> {
    return updatedCount(await this.raw.where(where).update({ data }));
  }

  /** Writes the whole document under its _id (insert or replace). */
  async set(doc: T): Promise<void> {
    const { _id, ...data } = doc;
    await this.raw.doc(_id).set({ data });
  }

  async remove(where: Where): Promise<number> {
    const res = (await this.raw.where(where).remove()) as { stats?: { removed?: number } };
    return Number(res?.stats?.removed ?? 0);
  }

  /**
   * Every document matching `where`, a page of `pageSize` (≤ 1000) at a time, by
   * _id: later pages cost no more than the first, and a job can resume from the
   * last _id it saw (`after`).
   */
  async *pages(where: Where, opts: { pageSize?: number; after?: string; fields?: Fields } = {}): AsyncGenerator<T[]> {
    const pageSize = opts.pageSize ?? 1000;
    let after = opts.after;
    for (;;) {
      const cond = after === undefined ? where : afterId(where, after);
      const fields = opts.fields ? { ...opts.fields, _id: true } : undefined;
      const page = await this.find(cond, { orderBy: [['_id', 'asc']], limit: pageSize, fields });
      if (page.length) yield page;
      if (page.length < pageSize) return;
      after = page[page.length - 1]._id;
    }
  }

  /** Documents by _id (any number: 1000 per query), keyed by _id. */
  async byIds(ids: readonly string[], fields?: Fields): Promise<Map<string, T>> {
    const out = new Map<string, T>();
    const unique = [...new Set(ids)];
    for (let i = 0; i < unique.length; i += 1000) {
      const chunk = unique.slice(i, i + 1000);
      for (const d of await this.find({ _id: _.in(chunk) }, { limit: chunk.length, fields })) out.set(d._id, d);
    }
    return out;
  }

  /** One page (1-based) of a sorted query and the exact count of all matches, for a console's pager. */
  async page(
    where: Where,
    opts: { orderBy: [string, 'asc' | 'desc'][]; page: number; pageSize: number; fields?: Fields },
  ): Promise<{ items: T[]; total: number }> {
    const [items, total] = await Promise.all([
      this.find(where, { ...opts, skip: (opts.page - 1) * opts.pageSize, limit: opts.pageSize }),
      this.count(where),
    ]);
    return { items, total };
  }

  /**
   * Makes the documents matching `where` equal `docs`, each under its own _id (a
   * rerun writes the same bytes): new ones go in 1000 per insert, existing ones
   * are replaced with set(), and the ones no longer in `docs` are removed. A chunk
   * that collides with a concurrent writer falls back to set().
   */
  async replaceAll(where: Where, docs: readonly T[]): Promise<void> {
    const existing = new Set<string>();
    for await (const page of this.pages(where, { fields: { _id: true } })) for (const d of page) existing.add(d._id);
    const setEach = (list: readonly T[]) => inFlight(list, 16, (d) => this.set(d));
    const fresh = docs.filter((d) => !existing.has(d._id));
    for (let i = 0; i < fresh.length; i += 1000) {
      const chunk = fresh.slice(i, i + 1000);
      try {
        await this.raw.add({ data: chunk });
      } catch (err) {
        if (!isDuplicate(err)) throw err;
        await setEach(chunk);
      }
    }
    await setEach(docs.filter((d) => existing.has(d._id)));
    const keep = new Set(docs.map((d) => d._id));
    const stale = [...existing].filter((id) => !keep.has(id));
    for (let i = 0; i < stale.length; i += 1000) await this.remove({ _id: _.in(stale.slice(i, i + 1000)) });
  }

  /** Runs a write, creating the collection first when a fresh environment has not got it yet. */
  async creating<R>(write: () => Promise<R>): Promise<R> {
    try {
      return await write();
    } catch (err) {
      if (!isMissingCollection(err)) throw err;
      await db.createCollection(this.name).catch(() => undefined);
      return write();
    }
  }

  /** Runs a read of a collection that a first write creates: before it, the answer is `nothing`. */
  async orNothing<R>(read: () => Promise<R>, nothing: R): Promise<R> {
    try {
      return await read();
    } catch (err) {
      if (isMissingCollection(err)) return nothing;
      throw err;
    }
  }

  /** All of `pages()` in one array, for sets known to be small enough to hold. */
  async all(where: Where, opts: { fields?: Fields } = {}): Promise<T[]> {
    const out: T[] = [];
    for await (const page of this.pages(where, opts)) out.push(...page);
    return out;
  }
}

const isDuplicate = (err: unknown) =>
  /DUPLICATE|duplicate key|E11000/i.test(`${(err as Error)?.message ?? err} ${(err as { errMsg?: string })?.errMsg}`);

/** Runs fn over the items with at most `limit` in flight (bulk writes without flooding the database). */
async function inFlight<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** `where` and _id > after; flat when it can be, so the database can plan it on an index. */
function afterId(where: Where, after: string): Where {
  const plain = Object.getPrototypeOf(where) === Object.prototype && !('_id' in where);
  return plain ? { ...where, _id: _.gt(after) } : _.and([where, { _id: _.gt(after) }]);
}

const cache = new Map<string, Collection<any>>();

/** The typed collection of a registered name. */
export function collection<K extends CollectionName>(name: K): Collection<Docs[K]> {
  let c = cache.get(name);
  if (!c) cache.set(name, (c = new Collection<Docs[K]>(name)));
  return c as Collection<Docs[K]>;
}

/** The database answers DATABASE_COLLECTION_NOT_EXIST (-502005) for a collection nobody created yet. */
export function isMissingCollection(err: unknown): boolean {
  const e = err as { errCode?: number; message?: string; errMsg?: string };
  return e?.errCode === -502005 || /COLLECTION_NOT_EXIST|collection not exist/i.test(`${e?.message} ${e?.errMsg}`);
}

/** Rows changed by a where().update(). */
export function updatedCount(res: unknown): number {
  return Number((res as { stats?: { updated?: number } })?.stats?.updated ?? 0);
}

/** A transaction's view of the database: the same names, documents by _id. */
export interface Tx {
  collection(name: CollectionName): any;
}

/** Attempts of one transaction before it answers UNAVAILABLE (the cloud's guide: 3-5 retries solve most conflicts). */
export const TX_ATTEMPTS = 6;
/** The message a caller sees when every attempt met a concurrent writer: nothing was written, try again. */
export const TX_BUSY_TEXT = '同时操作的人较多，请稍后重试';

/**
 * Snapshot transaction, retried on a write conflict. The cloud fails the
 * second writer of a document at once (or at commit) with
 * DATABASE_TRANSACTION_CONFLICT and has already aborted it; wx-server-sdk's
 * own runTransaction retries only a conflict at commit, and at once. So each
 * attempt runs with no SDK retry, and a conflict at any step is run again from
 * the start after a short jittered backoff (the cloud's advice for this code:
 * https://docs.cloudbase.net/error-code/DATABASE_TRANSACTION_CONFLICT); the
 * reads-then-writes inside stay exact. After `attempts` conflicts it answers
 * UNAVAILABLE, with nothing written.
 */
export async function inTransaction<T>(run: (tx: Tx) => Promise<T>, attempts = TX_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await db.runTransaction(run as any, 0)) as T;
    } catch (err) {
      if (!isTransactionConflict(err)) throw err;
      if (attempt >= attempts) throw new AppError(ErrorCodes.UNAVAILABLE, TX_BUSY_TEXT);
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}

/** Full jitter over 10 ms × 2^attempt, capped at 160 ms: losers of one race spread out instead of colliding again. */
const backoffMs = (attempt: number) => Math.random() * Math.min(160, 10 * 2 ** attempt);

/**
 * The cloud's write conflict, in both shapes the SDK gives it: a commit answers
 * `code: 'DATABASE_TRANSACTION_CONFLICT'`; a write inside the transaction is
 * rewrapped by wx-server-sdk as errCode -501001 with the cloud's
 * `[ResourceUnavailable.TransactionConflict] …` in errMsg (no code).
 */
export function isTransactionConflict(err: unknown): boolean {
  const e = err as { code?: string; errMsg?: string; message?: string };
  if (e?.code === 'DATABASE_TRANSACTION_CONFLICT') return true;
  return /ResourceUnavailable\.TransactionConflict/.test(`${e?.errMsg ?? ''} ${e?.message ?? ''}`);
}

/** Writes a whole document under its _id inside a transaction (insert or replace). */
export async function txSet<K extends CollectionName>(tx: Tx, name: K, doc: Docs[K]): Promise<void> {
  const { _id, ...data } = doc;
  await tx.collection(name).doc(_id).set({ data });
}

/** Changes fields of one document inside a transaction. */
export async function txUpdate(tx: Tx, name: CollectionName, id: string, data: Record<string, unknown>): Promise<void> {
  await tx.collection(name).doc(id).update({ data });
}

/** One document inside a transaction, or null (the SDK throws "does not exist" for a missing one). */
export async function txGet<T>(tx: Tx, name: CollectionName, id: string): Promise<T | null> {
  try {
    const res = await tx.collection(name).doc(id).get();
    return (res?.data as T) ?? null;
  } catch (err) {
    if (/does not exist/.test(String((err as { errMsg?: string })?.errMsg ?? (err as Error)?.message))) return null;
    throw err;
  }
}
