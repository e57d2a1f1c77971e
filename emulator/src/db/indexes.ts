import fs from 'node:fs';
import { z } from 'zod';
import { encode, type Doc } from './ejson';
import { getPath } from './paths';

/**
 * Index definitions. The same file is deployed to the cloud
 * (database/indexes.json):
 *
 *   {"collections": {"orders": {"indexes": [
 *     {"name": "openid_status", "keys": {"_openid": 1, "status": 1}},
 *     {"name": "outTradeNo", "keys": {"outTradeNo": 1}, "unique": true},
 *     {"name": "loc", "keys": {"loc": "2dsphere"}}]}}}
 */
export const indexDefSchema = z.object({
  name: z.string().min(1),
  keys: z.record(z.string(), z.union([z.literal(1), z.literal(-1), z.literal('2dsphere')])),
  unique: z.boolean().optional(),
});
export const indexFileSchema = z.object({
  collections: z.record(z.string(), z.object({ indexes: z.array(indexDefSchema) })),
});
export type IndexDef = z.infer<typeof indexDefSchema>;
export type IndexFile = z.infer<typeof indexFileSchema>;

/** Read and validate an index file; undefined when it does not exist. */
export function loadIndexFile(file: string): IndexFile | undefined {
  if (!fs.existsSync(file)) return undefined;
  const parsed = indexFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`invalid index file ${file}: ${parsed.error.message}`);
  return parsed.data;
}

/** Key of a value for equality lookups; numbers of any BSON type compare equal, as in MongoDB. */
export function valueKey(v: unknown): string {
  if (v === undefined || v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return `n${v}`;
    case 'string':
      return `s${v}`;
    case 'boolean':
      return `b${v}`;
    default:
      if (v instanceof Date) return `d${v.getTime()}`;
      return `o${encode({ v })}`;
  }
}

/**
 * Sort key of a value: [type rank, scalar]. Types rank as mingo's $sort (and
 * MongoDB) order them: null (or missing) < numbers < strings < booleans < dates.
 * Other values (objects, arrays, regexps, NaN) support equality only: rank
 * UNORDERED, keyed by their encoding.
 */
export type SortKey = [rank: number, value: number | string];
const UNORDERED = 99;

export function sortKey(v: unknown): SortKey {
  if (v === undefined || v === null) return [1, 0];
  if (typeof v === 'number' && !Number.isNaN(v)) return [3, v];
  if (typeof v === 'string') return [4, v];
  if (typeof v === 'boolean') return [9, v ? 1 : 0];
  if (v instanceof Date && !Number.isNaN(v.getTime())) return [10, v.getTime()];
  return [UNORDERED, valueKey(v)];
}

export function cmpKey(a: SortKey, b: SortKey): number {
  return a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);
}

/** Sort key for range lookups (numbers, strings, dates), or undefined when not range-indexable. */
export function rangeKey(v: unknown): SortKey | undefined {
  const k = sortKey(v);
  return k[0] === 3 || k[0] === 4 || k[0] === 10 ? k : undefined;
}

export interface RangeBounds {
  rank: number;
  lo?: { v: number | string; inclusive: boolean };
  hi?: { v: number | string; inclusive: boolean };
}

/** Keys wanted on one index field: `below`/`above` say a key sorts before/after all of them. */
export interface Bound {
  point?: SortKey;
  below(k: SortKey): boolean;
  above(k: SortKey): boolean;
}

export function pointBound(v: unknown): Bound {
  const p = sortKey(v);
  return { point: p, below: (k) => cmpKey(k, p) < 0, above: (k) => cmpKey(k, p) > 0 };
}

/** A range stays within its type (MongoDB's type bracketing). */
export function rangeBound(r: RangeBounds): Bound {
  const { rank, lo, hi } = r;
  return {
    below: (k) => k[0] < rank || (k[0] === rank && !!lo && (k[1] < lo.v || (k[1] === lo.v && !lo.inclusive))),
    above: (k) => k[0] > rank || (k[0] === rank && !!hi && (k[1] > hi.v || (k[1] === hi.v && !hi.inclusive))),
  };
}

/** Values a document has at a field: each element of an array (multikey) and the array itself. */
function valuesAt(doc: Doc, field: string): unknown[] {
  const v = getPath(doc, field);
  if (Array.isArray(v)) return v.length ? [...v, v] : [v, undefined];
  return [v];
}

/** One document's place in a bucket: the sort keys of the index's other fields. */
interface Entry {
  id: string;
  seq: number;
  /** The document's version when indexed; the entry is stale once that changes. */
  version: number;
  keys: SortKey[];
}

/** The entries sharing one value of the first field, sorted lazily by the other fields, then seq. */
interface Bucket {
  key: SortKey;
  entries: Entry[];
  live: number;
  sorted: boolean;
}

/** A contiguous part of a bucket's sorted entries. */
interface Slice {
  entries: Entry[];
  lo: number;
  hi: number;
}

/**
 * One index over a collection, as MongoDB walks a compound index: a Map from
 * the first field's values to buckets (points), a lazily sorted list of the
 * buckets (ranges and ordered walks), and in each bucket its entries sorted by
 * the remaining fields in the index's directions. Writes append and mark the
 * list unsorted; the next read re-sorts (nearly sorted input: TimSort merges in
 * about linear time) and drops stale entries. Unique indexes also keep a Map of
 * the full compound key.
 */
export class Index {
  readonly fields: string[];
  readonly dirs: number[];
  readonly geo: boolean;
  /** Some document has an array in an indexed field (several entries each). */
  multikey = false;
  /** Some indexed value has no mingo-compatible order (objects, NaN, ...): no ordered walks. */
  unordered = false;
  private readonly buckets = new Map<string, Bucket>();
  private bucketList: Bucket[] = [];
  private bucketsSorted = true;
  private size = 0;
  private readonly uniq = new Map<string, string>();

  constructor(
    readonly def: IndexDef,
    /** The collection's document versions (entries are live while their version is current). */
    private readonly versions: Map<string, number>,
  ) {
    this.fields = Object.keys(def.keys);
    this.dirs = this.fields.map((f) => (def.keys[f] === -1 ? -1 : 1));
    this.geo = Object.values(def.keys).includes('2dsphere');
  }

  uniqueKey(doc: Doc): string {
    return this.fields.map((f) => valueKey(getPath(doc, f))).join('\u0000');
  }

  /** Id of another document holding this unique key, if any. */
  conflict(doc: Doc, id: string): string | undefined {
    if (!this.def.unique) return undefined;
    const other = this.uniq.get(this.uniqueKey(doc));
    return other !== undefined && other !== id ? other : undefined;
  }

  /** Sort keys of the first field's values, and every combination of the others' (multikey: several). */
  private keysOf(doc: Doc): { first: SortKey[]; rest: SortKey[][] } {
    const [first, ...others] = this.fields.map((f) => valuesAt(doc, f).map(sortKey));
    // Arrays built at their final size: entries are many, and a pushed-to [] reserves room for 17.
    if (others.every((ks) => ks.length === 1)) return { first, rest: [others.map((ks) => ks[0])] };
    const rest = others.reduce<SortKey[][]>((acc, ks) => acc.flatMap((p) => ks.map((k) => [...p, k])), [[]]);
    return { first, rest };
  }

  add(id: string, doc: Doc, seq: number): void {
    if (this.def.unique) this.uniq.set(this.uniqueKey(doc), id);
    if (this.geo) return;
    const { first, rest } = this.keysOf(doc);
    if (first.length > 1 || rest.length > 1) this.multikey = true;
    if (first.some((k) => k[0] === UNORDERED) || rest.some((ks) => ks.some((k) => k[0] === UNORDERED))) {
      this.unordered = true;
    }
    const version = this.versions.get(id) ?? 0;
    for (const key of first) {
      const name = `${key[0]}:${key[1]}`;
      const entries = rest.map((keys) => ({ id, seq, version, keys }));
      const bucket = this.buckets.get(name);
      if (bucket) {
        bucket.entries.push(...entries);
        bucket.live += entries.length;
        bucket.sorted = false;
      } else {
        const created = { key, entries, live: entries.length, sorted: entries.length < 2 };
        this.buckets.set(name, created);
        this.bucketList.push(created);
        this.bucketsSorted = false;
      }
      this.size += entries.length;
    }
  }

  /** Forget a document as indexed (call before its version changes or it is deleted). */
  remove(id: string, doc: Doc): void {
    if (this.def.unique && this.uniq.get(this.uniqueKey(doc)) === id) this.uniq.delete(this.uniqueKey(doc));
    if (this.geo) return;
    const { first, rest } = this.keysOf(doc);
    for (const key of first) {
      const name = `${key[0]}:${key[1]}`;
      const bucket = this.buckets.get(name);
      if (!bucket) continue;
      bucket.live -= rest.length;
      this.size -= rest.length;
      if (bucket.live <= 0) {
        this.buckets.delete(name);
        this.bucketsSorted = false;
      }
    }
  }

  /** Estimated entries within the bounds (exact below a point on the first field). */
  estimate(bounds: Bound[]): number {
    if (bounds[0]?.point) {
      let n = 0;
      for (const s of this.slices(bounds, false)) n += s.hi - s.lo;
      return n;
    }
    const [lo, hi] = this.bucketRange(bounds[0]);
    return this.buckets.size ? Math.ceil(((hi - lo) * this.size) / this.buckets.size) : 0;
  }

  /**
   * Entries within the bounds (bounds[i] constrains fields[i]; only the last may
   * be a range). With `ties` > 0 they come in index order (or backward), entries
   * equal on the first `ties` fields in insertion order, as a stable sort of the
   * natural order would give them.
   */
  *scan(bounds: Bound[], backward = false, ties = 0): Generator<Entry> {
    for (const { entries, lo, hi } of this.slices(bounds, backward)) {
      if (!ties) {
        for (let i = lo; i < hi; i++) yield entries[i];
        continue;
      }
      const step = backward ? -1 : 1;
      for (let i = backward ? hi - 1 : lo; i >= lo && i < hi;) {
        const run = [entries[i]];
        for (i += step; i >= lo && i < hi && sameKeys(entries[i], run[0], ties - 1); i += step) run.push(entries[i]);
        if (run.length > 1) run.sort((a, b) => a.seq - b.seq);
        yield* run;
      }
    }
  }

  private *slices(bounds: Bound[], backward: boolean): Generator<Slice> {
    const [first, ...rest] = bounds;
    let buckets: Iterable<Bucket>;
    if (first?.point) {
      const bucket = this.buckets.get(`${first.point[0]}:${first.point[1]}`);
      buckets = bucket ? [bucket] : [];
    } else {
      const [lo, hi] = this.bucketRange(first);
      buckets = walk(this.bucketList, lo, hi, backward);
    }
    for (const bucket of buckets) {
      const entries = this.entries(bucket);
      let lo = 0;
      let hi = entries.length;
      rest.forEach((bound, i) => ([lo, hi] = narrow(lo, hi, (j) => entries[j].keys[i], this.dirs[i + 1], bound)));
      if (lo < hi) yield { entries, lo, hi };
    }
  }

  /** Positions in the sorted bucket list within a bound on the first field (all without one). */
  private bucketRange(bound: Bound | undefined): [number, number] {
    if (!this.bucketsSorted) {
      // A bucket emptied is dropped (a new one replaces it if its value comes back).
      this.bucketList = this.bucketList.filter((b) => b.live > 0);
      this.bucketList.sort((a, b) => this.dirs[0] * cmpKey(a.key, b.key));
      this.bucketsSorted = true;
    }
    const list = this.bucketList;
    return bound ? narrow(0, list.length, (i) => list[i].key, this.dirs[0], bound) : [0, list.length];
  }

  /** A bucket's live entries, sorted. */
  private entries(bucket: Bucket): Entry[] {
    if (bucket.entries.length > bucket.live) {
      bucket.entries = bucket.entries.filter((e) => this.versions.get(e.id) === e.version);
    }
    if (!bucket.sorted) {
      bucket.entries.sort((a, b) => {
        for (let i = 0; i < a.keys.length; i++) {
          const c = this.dirs[i + 1] * cmpKey(a.keys[i], b.keys[i]);
          if (c) return c;
        }
        return a.seq - b.seq;
      });
      bucket.sorted = true;
    }
    return bucket.entries;
  }
}

function sameKeys(a: Entry, b: Entry, n: number): boolean {
  for (let i = 0; i < n; i++) if (cmpKey(a.keys[i], b.keys[i])) return false;
  return true;
}

function* walk<T>(list: T[], lo: number, hi: number, backward: boolean): Generator<T> {
  if (backward) for (let i = hi - 1; i >= lo; i--) yield list[i];
  else for (let i = lo; i < hi; i++) yield list[i];
}

/** Narrow [lo, hi) of a list sorted in direction `dir` by key(i) to the keys within the bound. */
function narrow(lo: number, hi: number, key: (i: number) => SortKey, dir: number, bound: Bound): [number, number] {
  const [before, after] = dir > 0 ? [bound.below, bound.above] : [bound.above, bound.below];
  const start = firstWhere(lo, hi, (i) => !before(key(i)));
  return [start, firstWhere(start, hi, (i) => after(key(i)))];
}

/** First i in [lo, hi) where pred holds (pred is false, then true), or hi. */
function firstWhere(lo: number, hi: number, pred: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
