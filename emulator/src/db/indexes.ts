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

/** Sortable scalar for range lookups: [type rank, value] or undefined when not range-indexable. */
export function rangeKey(v: unknown): [number, number | string] | undefined {
  if (typeof v === 'number' && !Number.isNaN(v)) return [1, v];
  if (typeof v === 'string') return [2, v];
  if (v instanceof Date) return [3, v.getTime()];
  return undefined;
}

interface RangeEntry {
  rank: number;
  v: number | string;
  id: string;
}

export interface RangeBounds {
  rank: number;
  lo?: { v: number | string; inclusive: boolean };
  hi?: { v: number | string; inclusive: boolean };
}

/** Values a document has at a field: each element of an array (multikey) and the array itself. */
function valuesAt(doc: Doc, field: string): { values: unknown[]; multikey: boolean } {
  const v = getPath(doc, field);
  if (Array.isArray(v)) return { values: v.length ? [...v, v] : [v, undefined], multikey: true };
  return { values: [v], multikey: false };
}

/**
 * One index over a collection: a Map from the leading key's values to document
 * ids (equality and $in), a lazily sorted array of them (ranges), and, for
 * unique indexes, a Map of the full compound key.
 */
export class Index {
  readonly fields: string[];
  readonly leading: string;
  readonly geo: boolean;
  multikey = false;
  private readonly eq = new Map<string, Set<string>>();
  private sorted: RangeEntry[] | null = null;
  private readonly uniq = new Map<string, string>();
  /** The typed value behind each equality key (for the sorted range list). */
  private readonly typed = new Map<string, unknown>();

  constructor(readonly def: IndexDef) {
    this.fields = Object.keys(def.keys);
    this.leading = this.fields[0];
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

  add(id: string, doc: Doc): void {
    if (this.def.unique) this.uniq.set(this.uniqueKey(doc), id);
    if (this.geo) return;
    const { values, multikey } = valuesAt(doc, this.leading);
    if (multikey) this.multikey = true;
    for (const v of values) {
      const key = valueKey(v);
      let set = this.eq.get(key);
      if (!set) {
        this.eq.set(key, (set = new Set()));
        this.typed.set(key, v);
      }
      set.add(id);
    }
    this.sorted = null;
  }

  remove(id: string, doc: Doc): void {
    if (this.def.unique && this.uniq.get(this.uniqueKey(doc)) === id) this.uniq.delete(this.uniqueKey(doc));
    if (this.geo) return;
    for (const v of valuesAt(doc, this.leading).values) {
      const key = valueKey(v);
      const set = this.eq.get(key);
      if (!set) continue;
      set.delete(id);
      if (!set.size) {
        this.eq.delete(key);
        this.typed.delete(key);
      }
    }
    this.sorted = null;
  }

  /** Ids whose leading key equals one of the values. */
  lookupEq(values: unknown[]): Set<string> {
    const out = new Set<string>();
    for (const v of values) for (const id of this.eq.get(valueKey(v)) ?? []) out.add(id);
    return out;
  }

  /** Size estimate of an equality lookup without materializing it. */
  countEq(values: unknown[]): number {
    let n = 0;
    for (const v of values) n += this.eq.get(valueKey(v))?.size ?? 0;
    return n;
  }

  /** Ids whose leading key lies within the bounds (same BSON type bracket). */
  lookupRange(b: RangeBounds): string[] {
    const list = this.rangeList();
    const cmp = (e: RangeEntry, v: number | string) =>
      e.rank !== b.rank ? e.rank - b.rank : e.v < v ? -1 : e.v > v ? 1 : 0;
    // First entry >= lower bound.
    let lo = 0;
    let hi = list.length;
    const lower = b.lo;
    if (lower) {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const c = cmp(list[mid], lower.v);
        if (c < 0 || (c === 0 && !lower.inclusive)) lo = mid + 1;
        else hi = mid;
      }
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (list[mid].rank < b.rank) lo = mid + 1;
        else hi = mid;
      }
    }
    const out: string[] = [];
    for (let i = lo; i < list.length; i++) {
      const e = list[i];
      if (e.rank !== b.rank) break;
      if (b.hi) {
        const c = e.v < b.hi.v ? -1 : e.v > b.hi.v ? 1 : 0;
        if (c > 0 || (c === 0 && !b.hi.inclusive)) break;
      }
      out.push(e.id);
    }
    return out;
  }

  private rangeList(): RangeEntry[] {
    if (this.sorted) return this.sorted;
    const list: RangeEntry[] = [];
    for (const [key, ids] of this.eq) {
      const rk = rangeKey(this.typed.get(key));
      if (!rk) continue;
      for (const id of ids) list.push({ rank: rk[0], v: rk[1], id });
    }
    list.sort((a, b) => a.rank - b.rank || (a.v < b.v ? -1 : a.v > b.v ? 1 : 0));
    this.sorted = list;
    return list;
  }
}
