import { dbErrors } from '../errors';
import type { Doc } from './ejson';
import { Index, rangeKey, type IndexDef, type RangeBounds } from './indexes';

/** Map key of an _id (ids are usually strings; other types get a typed prefix). */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  return `\u0000${typeof id}:${id instanceof Date ? id.getTime() : JSON.stringify(id)}`;
}

/** Query stats, so tests can check that an index was used (documents examined, not time). */
export interface ScanStats {
  scanned: number;
}

/**
 * One collection: documents by _id (O(1) lookups), a version per document
 * (bumped on every committed write, used for transaction conflict detection),
 * an insertion sequence (natural order) and its indexes.
 */
export class Collection {
  readonly docs = new Map<string, Doc>();
  readonly versions = new Map<string, number>();
  private readonly seq = new Map<string, number>();
  private nextSeq = 0;
  indexes: Index[] = [];

  constructor(readonly name: string) {}

  get(id: string): Doc | undefined {
    return this.docs.get(id);
  }

  /** Replace the index set (existing documents are indexed; a unique violation rejects the change). */
  setIndexes(defs: IndexDef[]): void {
    const built = defs.map((d) => new Index(d));
    for (const index of built) {
      for (const [id, doc] of this.docs) {
        if (index.conflict(doc, id) !== undefined) throw dbErrors.duplicateKey(`${this.name}.${index.def.name}`);
        index.add(id, doc);
      }
    }
    this.indexes = built;
  }

  /** Throw DATABASE_DUPLICATE_WRITE when the document would break a unique index. */
  checkUnique(id: string, doc: Doc, ignore?: Set<string>): void {
    for (const index of this.indexes) {
      const other = index.conflict(doc, id);
      if (other !== undefined && !ignore?.has(other)) throw dbErrors.duplicateKey(`${this.name}.${index.def.name}`);
    }
  }

  /** Store a document (insert or replace) with a new version. Caller has checked uniqueness. */
  put(id: string, doc: Doc, version: number): void {
    const old = this.docs.get(id);
    if (old) for (const index of this.indexes) index.remove(id, old);
    else this.seq.set(id, this.nextSeq++);
    this.docs.set(id, doc);
    this.versions.set(id, version);
    for (const index of this.indexes) index.add(id, doc);
  }

  delete(id: string): boolean {
    const old = this.docs.get(id);
    if (!old) return false;
    for (const index of this.indexes) index.remove(id, old);
    this.docs.delete(id);
    this.versions.delete(id);
    this.seq.delete(id);
    return true;
  }

  /**
   * Candidate documents for a query, in natural (insertion) order: an _id
   * lookup, the smallest index lookup on a leading key (equality, $in or
   * range), or every document. Candidates are a superset; the caller filters.
   */
  candidates(query: Doc): Doc[] {
    const conds = topLevelConditions(query);
    let best: { size: number; ids: () => Iterable<string> } | undefined;
    const consider = (size: number, ids: () => Iterable<string>) => {
      if (!best || size < best.size) best = { size, ids };
    };
    // Range bounds on one field from several conditions ($and of $gte and $lt) are intersected.
    const plans: Array<[string, NonNullable<ReturnType<typeof planCondition>>]> = [];
    for (const [field, cond] of conds) {
      const plan = planCondition(cond);
      if (!plan) continue;
      const same = plan.range && plans.find(([f, p]) => f === field && p.range && p.range.rank === plan.range!.rank);
      if (same) same[1].range = intersect(same[1].range!, plan.range!);
      else plans.push([field, plan]);
    }
    for (const [field, plan] of plans) {
      if (field === '_id' && plan.eq) {
        const keys = plan.eq.map(idKey).filter((k) => this.docs.has(k));
        consider(keys.length, () => keys);
        continue;
      }
      for (const index of this.indexes) {
        if (index.geo || index.leading !== field) continue;
        if (plan.eq) {
          const values = plan.eq;
          consider(index.countEq(values), () => index.lookupEq(values));
        } else if (plan.range) {
          let range = plan.range;
          // A multikey index cannot intersect both bounds on one element: use one bound.
          if (index.multikey && range.lo && range.hi) range = { rank: range.rank, lo: range.lo };
          const ids = index.lookupRange(range);
          consider(ids.length, () => ids);
        }
      }
    }
    if (!best) return [...this.docs.values()];
    const ids = [...best.ids()];
    if (ids.length > 1) ids.sort((a, b) => (this.seq.get(a) ?? 0) - (this.seq.get(b) ?? 0));
    const out: Doc[] = [];
    for (const id of ids) {
      const doc = this.docs.get(id);
      if (doc) out.push(doc);
    }
    return out;
  }
}

function intersect(a: RangeBounds, b: RangeBounds): RangeBounds {
  const out: RangeBounds = { rank: a.rank, lo: a.lo, hi: a.hi };
  if (b.lo && (!out.lo || b.lo.v > out.lo.v || (b.lo.v === out.lo.v && !b.lo.inclusive))) out.lo = b.lo;
  if (b.hi && (!out.hi || b.hi.v < out.hi.v || (b.hi.v === out.hi.v && !b.hi.inclusive))) out.hi = b.hi;
  return out;
}

/** Field conditions that every match must satisfy: top-level fields and those inside $and. */
function topLevelConditions(query: Doc): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [key, value] of Object.entries(query)) {
    if (key === '$and' && Array.isArray(value)) {
      for (const sub of value) if (sub && typeof sub === 'object') out.push(...topLevelConditions(sub));
    } else if (!key.startsWith('$')) out.push([key, value]);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v as any)._bsontype
  );
}

/** What an index can do for one condition: equality values, or range bounds. */
function planCondition(cond: unknown): { eq?: unknown[]; range?: RangeBounds } | undefined {
  if (cond instanceof RegExp) return undefined;
  if (!isPlainObject(cond)) return { eq: [cond] };
  const keys = Object.keys(cond);
  if (!keys.length || !keys.every((k) => k.startsWith('$'))) return undefined;
  if ('$eq' in cond && !(cond.$eq instanceof RegExp) && !isPlainObject(cond.$eq)) return { eq: [cond.$eq] };
  if (Array.isArray(cond.$in) && cond.$in.every((v) => !(v instanceof RegExp) && !isPlainObject(v)))
    return { eq: cond.$in };
  let range: RangeBounds | undefined;
  for (const [op, inclusive, side] of [
    ['$gt', false, 'lo'],
    ['$gte', true, 'lo'],
    ['$lt', false, 'hi'],
    ['$lte', true, 'hi'],
  ] as const) {
    if (!(op in cond)) continue;
    const rk = rangeKey(cond[op]);
    if (!rk) return undefined;
    if (range && range.rank !== rk[0]) return undefined;
    range ??= { rank: rk[0] };
    range[side] = { v: rk[1], inclusive };
  }
  return range ? { range } : undefined;
}
