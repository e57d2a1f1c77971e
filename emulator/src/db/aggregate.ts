import { TcbError } from '../errors';
import { deepClone } from './clone';
import type { ScanStats } from './collection';
import type { Collection } from './collection';
import type { Doc } from './ejson';
import { nearestDistance, toLngLat } from './geo';
import { runPipeline } from './mongo/context';
import { getPath, setPath } from './paths';
import { matchAll, matcher } from './query';

/**
 * Without a $limit stage, aggregate().end() answers at most 20 rows in the
 * cloud (community-verified, not in the reference docs):
 * https://developers.weixin.qq.com/community/develop/article/doc/000624c67c8b48611dba2b12058c13
 */
export const AGGREGATE_DEFAULT_LIMIT = 20;

function invalid(message: string): TcbError {
  return new TcbError('DATABASE_INVALID_OPERRATOR', message);
}

export interface Stage {
  key: string;
  value: any;
}

/** $geoNear (first stage only): GeoJSON near point, distances in meters, sorted nearest first. */
function geoNear(coll: Collection, spec: Doc, stats: ScanStats, geoKeys: string[]): Doc[] {
  const center = toLngLat(spec.near);
  if (!center) throw invalid('$geoNear needs near: GeoJSON Point');
  if (!spec.distanceField) throw invalid('$geoNear needs distanceField');
  const source = spec.query ? matchAll(coll, spec.query, stats) : [...coll.docs.values()];
  if (!spec.query) stats.scanned += source.length;
  // The cloud requires a geo index (Aggregate.geoNear: 必须有地理位置索引), and `key` when there are several.
  if (!geoKeys.length)
    throw invalid(`unable to find index for $geoNear query on ${coll.name} (declare a 2dsphere index)`);
  if (!spec.key && geoKeys.length > 1) throw invalid('$geoNear: more than one 2dsphere index, specify key');
  const key: string = spec.key ?? geoKeys[0];
  if (!geoKeys.includes(key)) throw invalid(`$geoNear: no 2dsphere index on ${coll.name}.${key}`);
  const multiplier = typeof spec.distanceMultiplier === 'number' ? spec.distanceMultiplier : 1;
  const rows: Array<{ doc: Doc; d: number }> = [];
  for (const doc of source) {
    const d = nearestDistance(doc, key, center);
    if (d === undefined) continue;
    if (spec.maxDistance !== undefined && d > spec.maxDistance) continue;
    if (spec.minDistance !== undefined && d < spec.minDistance) continue;
    rows.push({ doc, d });
  }
  rows.sort((a, b) => a.d - b.d);
  return rows.map(({ doc, d }) => {
    const out = deepClone(doc);
    setPath(out, spec.distanceField, d * multiplier);
    if (spec.includeLocs) setPath(out, spec.includeLocs, deepClone(getPath(doc, key)));
    return out;
  });
}

/**
 * Run a pipeline: $geoNear (ours) or a leading $match (through the index
 * planner) first, then mingo's Aggregator (MongoDB 4.0 operators) for the rest, with $lookup's `from`
 * resolved to another collection of the same environment.
 */
export function aggregate(
  coll: Collection,
  stages: Stage[],
  resolve: (name: string) => Doc[],
  stats: ScanStats,
  geoKeys: string[],
): Doc[] {
  const pipeline = stages.map((s) => ({ [s.key]: s.value }));
  for (let i = 1; i < stages.length; i++) {
    if (stages[i].key === '$geoNear') throw invalid('$geoNear is only valid as the first stage');
  }
  let input: Doc[];
  let rest = pipeline;
  if (stages[0]?.key === '$geoNear') {
    input = geoNear(coll, stages[0].value, stats, geoKeys);
    rest = pipeline.slice(1);
  } else if (stages[0]?.key === '$match') {
    // Validate with mingo first so a bad query gets the same error as elsewhere.
    matcher(stages[0].value ?? {});
    input = matchAll(coll, stages[0].value ?? {}, stats).map(deepClone);
    rest = pipeline.slice(1);
  } else {
    input = [...coll.docs.values()].map(deepClone);
    stats.scanned += input.length;
  }
  let out: Doc[];
  try {
    out = rest.length ? runPipeline(rest, input, (name) => resolve(name).map(deepClone)) : input;
  } catch (err) {
    if (err instanceof TcbError) throw err;
    throw invalid(`aggregate failed: ${(err as Error).message}`);
  }
  if (!stages.some((s) => s.key === '$limit')) out = out.slice(0, AGGREGATE_DEFAULT_LIMIT);
  return out;
}
