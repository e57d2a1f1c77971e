import { TcbError } from '../errors';
import { getPath } from './paths';

/**
 * Geo queries, which mingo does not evaluate: $nearSphere / $near (GeoJSON
 * $geometry, $maxDistance / $minDistance in meters, results sorted by
 * distance), $geoWithin ($geometry Polygon / MultiPolygon, $centerSphere) and
 * $geoIntersects (points only). Distances are spherical (haversine) on
 * MongoDB's earth radius; polygons are tested in planar lng/lat.
 */
export const EARTH_RADIUS_M = 6378100;

type LngLat = [number, number];

export interface NearPredicate {
  kind: 'near';
  field: string;
  center: LngLat;
  max?: number;
  min?: number;
}
export interface FilterPredicate {
  kind: 'filter';
  field: string;
  test(point: LngLat): boolean;
}
export type GeoPredicate = NearPredicate | FilterPredicate;

const GEO_OPS = ['$near', '$nearSphere', '$geoWithin', '$geoIntersects'];

function invalid(message: string): TcbError {
  return new TcbError('DATABASE_INVALID_OPERRATOR', message);
}

/** GeoJSON Point or legacy [lng, lat] pair. */
export function toLngLat(value: any): LngLat | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (value.type === 'Point' && Array.isArray(value.coordinates)) {
    const [lng, lat] = value.coordinates;
    if (typeof lng === 'number' && typeof lat === 'number') return [lng, lat];
  }
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'number') {
    return [value[0], value[1]];
  }
  return undefined;
}

/** Points stored at a field: one point, or an array of points (multikey). */
export function pointsAt(doc: any, field: string): LngLat[] {
  const value = getPath(doc, field);
  const single = toLngLat(value);
  if (single) return [single];
  if (Array.isArray(value)) return value.map(toLngLat).filter((p): p is LngLat => !!p);
  return [];
}

export function haversineMeters(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLng = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

function inRing(p: LngLat, ring: LngLat[]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > p[1] !== yj > p[1] && p[0] < ((xj - xi) * (p[1] - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygon(p: LngLat, rings: LngLat[][]): boolean {
  if (!rings.length || !inRing(p, rings[0])) return false;
  return !rings.slice(1).some((hole) => inRing(p, hole));
}

function geometryTest(geometry: any): (p: LngLat) => boolean {
  switch (geometry?.type) {
    case 'Polygon':
      return (p) => inPolygon(p, geometry.coordinates);
    case 'MultiPolygon':
      return (p) => geometry.coordinates.some((poly: LngLat[][]) => inPolygon(p, poly));
    case 'Point': {
      const q = toLngLat(geometry)!;
      return (p) => p[0] === q[0] && p[1] === q[1];
    }
    default:
      throw invalid(`geo geometry not supported by localcloud: ${geometry?.type}`);
  }
}

function predicateFor(field: string, op: string, arg: any, siblings: Record<string, any>): GeoPredicate {
  if (op === '$near' || op === '$nearSphere') {
    const center = toLngLat(arg?.$geometry ?? arg);
    if (!center) throw invalid(`${op} needs a GeoJSON point`);
    const max = arg?.$maxDistance ?? siblings.$maxDistance;
    const min = arg?.$minDistance ?? siblings.$minDistance;
    return { kind: 'near', field, center, max: max ?? undefined, min: min ?? undefined };
  }
  if (op === '$geoWithin') {
    if (arg?.$centerSphere) {
      const [c, radius] = arg.$centerSphere;
      const center = toLngLat(c);
      if (!center || typeof radius !== 'number') throw invalid('$centerSphere needs [[lng, lat], radians]');
      return { kind: 'filter', field, test: (p) => haversineMeters(p, center) <= radius * EARTH_RADIUS_M };
    }
    return { kind: 'filter', field, test: geometryTest(arg?.$geometry) };
  }
  // $geoIntersects: stored values are points, so intersecting means lying inside / on the geometry.
  return { kind: 'filter', field, test: geometryTest(arg?.$geometry) };
}

function hasGeo(value: any): boolean {
  if (!value || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasGeo);
  return Object.keys(value).some((k) => GEO_OPS.includes(k) || hasGeo(value[k]));
}

/**
 * Split a query into geo predicates (top level and inside $and) and the rest,
 * which mingo evaluates. Geo operators under $or / $nor / $not are rejected.
 */
export function extractGeo(query: Record<string, any>): { rest: Record<string, any>; geo: GeoPredicate[] } {
  const geo: GeoPredicate[] = [];
  const walk = (q: Record<string, any>): Record<string, any> => {
    const rest: Record<string, any> = {};
    for (const [key, value] of Object.entries(q)) {
      if (key === '$and' && Array.isArray(value)) {
        rest.$and = value.map(walk).filter((c) => Object.keys(c).length > 0);
        if (!rest.$and.length) delete rest.$and;
        continue;
      }
      if (key.startsWith('$')) {
        if (hasGeo(value)) throw invalid(`geo operators inside ${key} are not supported`);
        rest[key] = value;
        continue;
      }
      if (
        value &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        !(value instanceof Date) &&
        !(value instanceof RegExp)
      ) {
        const ops = Object.keys(value).filter((k) => GEO_OPS.includes(k));
        if (ops.length) {
          const remaining: Record<string, any> = {};
          for (const [k, v] of Object.entries(value)) {
            if (ops.includes(k)) geo.push(predicateFor(key, k, v, value));
            else if (k !== '$maxDistance' && k !== '$minDistance') remaining[k] = v;
          }
          if (Object.keys(remaining).length) rest[key] = remaining;
          continue;
        }
      }
      rest[key] = value;
    }
    return rest;
  };
  const rest = walk(query);
  if (geo.filter((g) => g.kind === 'near').length > 1) throw invalid('only one $near / $nearSphere per query');
  return { rest, geo };
}

/** Distance (m) from a document to a near predicate's center, or undefined when it has no point. */
export function nearestDistance(doc: any, field: string, center: LngLat): number | undefined {
  let best: number | undefined;
  for (const p of pointsAt(doc, field)) {
    const d = haversineMeters(p, center);
    if (best === undefined || d < best) best = d;
  }
  return best;
}

/** Apply geo predicates; when one is a $near, return documents sorted by distance with it. */
export function applyGeo<T>(docs: T[], geo: GeoPredicate[]): { docs: T[]; distances?: Map<T, number> } {
  let out = docs;
  for (const g of geo) {
    if (g.kind === 'filter') out = out.filter((d) => pointsAt(d, g.field).some(g.test));
  }
  const near = geo.find((g): g is NearPredicate => g.kind === 'near');
  if (!near) return { docs: out };
  const distances = new Map<T, number>();
  for (const d of out) {
    const dist = nearestDistance(d, near.field, near.center);
    if (dist === undefined) continue;
    if (near.max !== undefined && dist > near.max) continue;
    if (near.min !== undefined && dist < near.min) continue;
    distances.set(d, dist);
  }
  const sorted = [...distances.keys()].sort((a, b) => distances.get(a)! - distances.get(b)!);
  return { docs: sorted, distances };
}
