import { TcbError } from '../errors';
import { deepClone } from './clone';
import type { Collection, ScanStats } from './collection';
import type { Doc } from './ejson';
import { applyGeo, extractGeo } from './geo';
import { compileQuery, runPipeline } from './mongo/context';

/**
 * Rows per get: without a limit the cloud answers 100 rows from a cloud
 * function and at most 1000 with one (larger limits are capped).
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/collection/Collection.get.html
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloudservice/wxcloud/reference-sdk-api/database/collection/Collection.limit.md
 */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface FindOptions {
  order?: Doc;
  offset?: number;
  limit?: number;
  projection?: Doc;
}

function invalid(message: string): TcbError {
  return new TcbError('DATABASE_INVALID_OPERRATOR', message);
}

/** A matcher (MongoDB 4.0 query operators), or null when the query is empty (everything matches). */
export function matcher(query: Doc): ((doc: Doc) => boolean) | null {
  if (!Object.keys(query).length) return null;
  let q: ReturnType<typeof compileQuery>;
  try {
    q = compileQuery(query);
  } catch (err) {
    throw invalid(`invalid query: ${(err as Error).message}`);
  }
  return (doc) => {
    try {
      return q.test(doc);
    } catch (err) {
      throw invalid(`query failed: ${(err as Error).message}`);
    }
  };
}

/**
 * Documents matching a query (not cloned): in natural order, by distance for
 * $nearSphere, or — `ordered` — already in `order` and at most `want` of them
 * (the planner walked an index in that order and stopped early).
 */
function search(coll: Collection, query: Doc, stats: ScanStats, order?: Doc, want = Infinity) {
  const { rest, geo } = extractGeo(query);
  for (const g of geo) {
    // As in MongoDB (and the WeChat docs' 索引要求), $near/$nearSphere need a 2dsphere index.
    if (g.kind === 'near' && !coll.indexes.some((i) => i.geo && i.def.keys[g.field] === '2dsphere')) {
      throw invalid(`unable to find index for $geoNear query on ${coll.name}.${g.field} (declare a 2dsphere index)`);
    }
  }
  const test = matcher(rest);
  const { docs, ordered } = coll.candidates(rest, geo.length ? undefined : order, want);
  const matched: Doc[] = [];
  for (const doc of docs) {
    stats.scanned++;
    if (test && !test(doc)) continue;
    matched.push(doc);
    if (ordered && matched.length >= want) break;
  }
  return { docs: geo.length ? applyGeo(matched, geo).docs : matched, ordered };
}

/** Documents matching a query (not cloned), in natural order or by distance for $nearSphere. */
export function matchAll(coll: Collection, query: Doc, stats: ScanStats): Doc[] {
  return search(coll, query, stats).docs;
}

/** Sort with MongoDB ordering rules (stable, so $nearSphere distance order survives ties). */
export function sortDocs(docs: Doc[], order: Doc | undefined): Doc[] {
  if (!order || !Object.keys(order).length) return docs;
  for (const v of Object.values(order)) if (v !== 1 && v !== -1) throw invalid(`invalid order direction: ${v}`);
  return runPipeline([{ $sort: order }], docs);
}

export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || !Object.keys(projection).length) return docs;
  try {
    return runPipeline([{ $project: projection }], docs);
  } catch (err) {
    throw invalid(`invalid projection: ${(err as Error).message}`);
  }
}

export function clampLimit(limit: unknown): number {
  const n = Number(limit);
  if (limit === undefined || limit === null || !Number.isFinite(n) || n <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(n), MAX_LIMIT);
}

/** Documents of `docs` (not cloned) matching a query, geo operators included; no index is used. */
export function filterList(coll: Collection, docs: Doc[], query: Doc): Doc[] {
  const { rest, geo } = extractGeo(query);
  for (const g of geo) {
    if (g.kind === 'near' && !coll.indexes.some((i) => i.geo && i.def.keys[g.field] === '2dsphere')) {
      throw invalid(`unable to find index for $geoNear query on ${coll.name}.${g.field} (declare a 2dsphere index)`);
    }
  }
  const test = matcher(rest);
  const matched = test ? docs.filter(test) : docs;
  return geo.length ? applyGeo(matched, geo).docs : matched;
}

/** getDocument over a given list (a transaction's view): filter, sort, skip, limit, copy, project. */
export function findInList(coll: Collection, docs: Doc[], query: Doc, options: FindOptions): Doc[] {
  const offset = Math.max(0, Math.floor(Number(options.offset ?? 0)) || 0);
  const limit = clampLimit(options.limit);
  const matched = sortDocs(filterList(coll, docs, query), options.order);
  return project(matched.slice(offset, offset + limit).map(deepClone), options.projection);
}

/** getDocument WHERE: filter, sort, skip, limit, then copy and project the page. */
export function find(coll: Collection, query: Doc, options: FindOptions, stats: ScanStats): Doc[] {
  const offset = Math.max(0, Math.floor(Number(options.offset ?? 0)) || 0);
  const limit = clampLimit(options.limit);
  const { docs, ordered } = search(coll, query, stats, options.order, offset + limit);
  const matched = ordered ? docs : sortDocs(docs, options.order);
  const page = matched.slice(offset, offset + limit).map(deepClone);
  return project(page, options.projection);
}
