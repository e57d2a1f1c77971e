import { dbErrors } from '../errors';
import type { Doc } from './ejson';
import { Index, pointBound, rangeBound, rangeKey, type Bound, type IndexDef, type RangeBounds } from './indexes';

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
    const built = defs.map((d) => new Index(d, this.versions));
    for (const index of built) {
      for (const [id, doc] of this.docs) {
        if (index.conflict(doc, id) !== undefined) throw dbErrors.duplicateKey(`${this.name}.${index.def.name}`);
        index.add(id, doc, this.seq.get(id) ?? 0);
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
    const seq = this.seq.get(id) ?? 0;
    for (const index of this.indexes) index.add(id, doc, seq);
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
   * Candidate documents for a query (a superset of the matches; the caller
   * filters), lazily: an _id lookup, the cheapest index plan, or every
   * document. An index plan uses, as MongoDB does, equality ($in: several
   * points) on the index's first k fields and a range on field k+1. Candidates
   * come in natural (insertion) order, or — `ordered` — already in `order`
   * when that is the index order after the equality prefix (forward or
   * backward), so the caller can stop after `want` matches.
   */
  candidates(query: Doc, order?: Doc, want = Infinity): { docs: Iterable<Doc>; ordered: boolean } {
    const fields = fieldPlans(query);
    const ids = fields.get('_id')?.eq;
    if (ids) {
      const keys = ids.map(idKey).filter((k) => this.docs.has(k));
      return { docs: this.inNaturalOrder(keys), ordered: false };
    }
    let best: IndexPlan | undefined;
    for (const index of this.indexes) {
      const plan = index.geo ? undefined : planIndex(index, fields, order, want);
      if (plan && (!best || plan.cost < best.cost || (plan.cost === best.cost && plan.used > best.used))) best = plan;
    }
    if (!best) return { docs: this.docs.values(), ordered: false };
    const { index, points, ties, backward } = best;
    if (ties) return { docs: this.lookup(index.scan(points[0], backward, ties)), ordered: true };
    return { docs: this.inNaturalOrder(points.flatMap((p) => [...index.scan(p)].map((e) => e.id))), ordered: false };
  }

  private *lookup(entries: Iterable<{ id: string }>): Generator<Doc> {
    for (const { id } of entries) {
      const doc = this.docs.get(id);
      if (doc) yield doc;
    }
  }

  private inNaturalOrder(ids: string[]): Doc[] {
    const unique = [...new Set(ids)];
    if (unique.length > 1) unique.sort((a, b) => (this.seq.get(a) ?? 0) - (this.seq.get(b) ?? 0));
    return [...this.lookup(unique.map((id) => ({ id })))];
  }
}

interface IndexPlan {
  index: Index;
  /** Bounds per point (a combination of equality values), one per index field used. */
  points: Bound[][];
  /** Index fields constrained. */
  used: number;
  /** > 0 for an ordered walk: entries equal on the first `ties` fields are ties. */
  ties: number;
  backward: boolean;
  /** Estimated documents examined. */
  cost: number;
}

/** More points than this (the product of $in sizes) stop the equality prefix. */
const MAX_POINTS = 1000;

/**
 * What an index can do for a query: equality on its first k fields, then a
 * range on the next; an ordered walk when `order` names the fields after the
 * prefix in index order (or all reversed) and the prefix is a single point.
 * An ordered walk is costed at `want` matches at most.
 */
function planIndex(index: Index, fields: Map<string, FieldPlan>, order: Doc | undefined, want: number) {
  const n = index.fields.length;
  let points: Bound[][] = [[]];
  let k = 0;
  for (; k < n; k++) {
    const eq = fields.get(index.fields[k])?.eq;
    const bounds = eq?.map(pointBound);
    if (!bounds || points.length * bounds.length > MAX_POINTS) break;
    points = points.flatMap((p) => bounds.map((b) => [...p, b]));
  }
  let range = k < n ? fields.get(index.fields[k])?.range : undefined;
  // A multikey index cannot intersect both bounds on one element: use one bound.
  if (range && index.multikey && range.lo && range.hi) range = { rank: range.rank, lo: range.lo };
  if (range) for (const p of points) p.push(rangeBound(range));
  const used = k + (range ? 1 : 0);

  let ties = 0;
  let backward = false;
  const keys = Object.keys(order ?? {});
  if (keys.length && points.length === 1 && !index.multikey && !index.unordered && k + keys.length <= n) {
    const sign = order![keys[0]] === index.dirs[k] ? 1 : order![keys[0]] === -index.dirs[k] ? -1 : 0;
    if (sign && keys.every((f, i) => index.fields[k + i] === f && order![f] === sign * index.dirs[k + i])) {
      ties = k + keys.length;
      backward = sign < 0;
    }
  }
  if (!used && !ties) return undefined;
  const estimate = points.reduce((sum, p) => sum + index.estimate(p), 0);
  return { index, points, used, ties, backward, cost: ties ? Math.min(estimate, want) : estimate };
}

interface FieldPlan {
  eq?: unknown[];
  range?: RangeBounds;
}

/** Per field, what an index can use: equality values, or range bounds (several on one field intersected). */
function fieldPlans(query: Doc): Map<string, FieldPlan> {
  const out = new Map<string, FieldPlan>();
  for (const [field, cond] of topLevelConditions(query)) {
    const plan = planCondition(cond);
    const seen = out.get(field);
    if (!plan) continue;
    if (!seen) out.set(field, plan);
    else if (plan.eq) seen.eq ??= plan.eq;
    else if (!seen.range) seen.range = plan.range;
    else if (seen.range.rank === plan.range!.rank) seen.range = intersect(seen.range, plan.range!);
  }
  return out;
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
function planCondition(cond: unknown): FieldPlan | undefined {
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
