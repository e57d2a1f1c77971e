/**
 * Delivery route: from the warehouse through every pickup point of a batch, and
 * back (closed) or ending at the last point (open). Nearest-neighbour builds a
 * tour, then 2-opt and Or-opt improve it until no move helps or the pass cap is
 * reached. Every move strictly shortens the route, so the result is never worse
 * than nearest-neighbour. Stops are sorted by id before anything else and all
 * ties break by position, so the same set of stops always yields the same route.
 */

/** {lat, lng}, the cloud database Geo.Point shape {latitude, longitude}, or GeoJSON (coordinates are [lng, lat]). */
export type GeoPoint =
  | { readonly lat: number; readonly lng: number }
  | { readonly latitude: number; readonly longitude: number }
  | { readonly type: 'Point'; readonly coordinates: readonly [number, number] | readonly number[] };

export interface LatLng {
  lat: number;
  lng: number;
}

export interface RouteStopInput {
  readonly id: string;
  readonly location: GeoPoint;
}

export interface RouteOptions {
  /** true (default): the van comes back to the warehouse; false: the route ends at the last pickup point. */
  readonly returnToDepot?: boolean;
  /** Cap on improvement passes (each pass = one 2-opt sweep + one Or-opt sweep). Default 200. */
  readonly maxPasses?: number;
}

export interface RouteStop {
  id: string;
  /** 1-based position in the route. */
  sequence: number;
  /** Distance from the previous stop (the warehouse for the first). */
  legKm: number;
  cumulativeKm: number;
}

export interface PlannedRoute {
  depotId: string;
  stops: RouteStop[];
  /** Leg from the last stop back to the warehouse; 0 for an open route. */
  returnLegKm: number;
  /** Sum of the legs (plus the return leg when closed). */
  totalKm: number;
  /** Length of the nearest-neighbour route before improvement. */
  nearestNeighbourKm: number;
  passes: number;
  returnToDepot: boolean;
}

/** Mean Earth radius (IUGG), km. */
export const EARTH_RADIUS_KM = 6371.0088;
const EPSILON_KM = 1e-9;
/** Above this many nodes the distance matrix (n² doubles) would be too big; distances are then computed on demand. */
const MATRIX_MAX_NODES = 2500;
/** Candidate insertion points per run end in Or-opt. */
const OR_OPT_NEIGHBOURS = 10;

export function toLatLng(point: GeoPoint): LatLng {
  let lat: number;
  let lng: number;
  if ('coordinates' in point) {
    lng = point.coordinates[0];
    lat = point.coordinates[1];
  } else if ('latitude' in point) {
    lat = point.latitude;
    lng = point.longitude;
  } else {
    lat = point.lat;
    lng = point.lng;
  }
  if (!(Number.isFinite(lat) && Number.isFinite(lng) && Math.abs(lat) <= 90 && Math.abs(lng) <= 180)) {
    throw new RangeError(`not a coordinate: lat ${lat}, lng ${lng}`);
  }
  return { lat, lng };
}

const RAD = Math.PI / 180;

function haversineRad(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const sinLat = Math.sin((lat2 - lat1) / 2);
  const sinLng = Math.sin((lng2 - lng1) / 2);
  const h = sinLat * sinLat + Math.cos(lat1) * Math.cos(lat2) * sinLng * sinLng;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Great-circle distance in km. */
export function haversineKm(a: GeoPoint, b: GeoPoint): number {
  const p = toLatLng(a);
  const q = toLatLng(b);
  return haversineRad(p.lat * RAD, p.lng * RAD, q.lat * RAD, q.lng * RAD);
}

/**
 * Plans the route. Node 0 is the depot; the working tour is
 * [depot, stop…, end] where end is the depot again (closed) or a virtual node at
 * distance 0 from everything (open), so both kinds are one fixed-ends path problem.
 */
export function planRoute(
  depot: RouteStopInput,
  stops: readonly RouteStopInput[],
  options: RouteOptions = {},
): PlannedRoute {
  const returnToDepot = options.returnToDepot ?? true;
  const maxPasses = options.maxPasses ?? 200;
  const sorted = stops.slice().sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].id === sorted[i - 1].id) throw new RangeError(`stop ${sorted[i].id} appears twice`);
  }
  const k = sorted.length;
  const nodes = [depot, ...sorted].map((s) => toLatLng(s.location));
  const n = k + 1;
  const end = returnToDepot ? 0 : n; // virtual end node index n when open
  const lat = new Float64Array(n);
  const lng = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lat[i] = nodes[i].lat * RAD;
    lng[i] = nodes[i].lng * RAD;
  }

  let dist: (i: number, j: number) => number;
  if (n <= MATRIX_MAX_NODES) {
    const m = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) m[i * n + j] = m[j * n + i] = haversineRad(lat[i], lng[i], lat[j], lng[j]);
    }
    dist = (i, j) => (i === n || j === n ? 0 : m[i * n + j]);
  } else {
    dist = (i, j) => (i === n || j === n ? 0 : haversineRad(lat[i], lng[i], lat[j], lng[j]));
  }

  // Nearest neighbour from the depot; ties go to the lower index (lower id).
  const tour: number[] = [0];
  const visited = new Uint8Array(n);
  visited[0] = 1;
  let current = 0;
  for (let step = 0; step < k; step++) {
    let best = -1;
    let bestKm = Infinity;
    for (let j = 1; j < n; j++) {
      if (visited[j]) continue;
      const d = dist(current, j);
      if (d < bestKm) {
        bestKm = d;
        best = j;
      }
    }
    visited[best] = 1;
    tour.push(best);
    current = best;
  }
  tour.push(end);
  const pathKm = (t: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i + 1 < t.length; i++) sum += dist(t[i], t[i + 1]);
    return sum;
  };
  const nearestNeighbourKm = pathKm(tour);

  const neighbours = nearestNeighbours(n, OR_OPT_NEIGHBOURS, dist);
  let passes = 0;
  let improved = true;
  while (improved && passes < maxPasses) {
    passes += 1;
    const a = twoOptPass(tour, dist);
    const b = orOptPass(tour, dist, neighbours);
    improved = a || b;
  }

  const routeStops: RouteStop[] = [];
  let cumulativeKm = 0;
  for (let i = 1; i <= k; i++) {
    const legKm = dist(tour[i - 1], tour[i]);
    cumulativeKm += legKm;
    routeStops.push({ id: sorted[tour[i] - 1].id, sequence: i, legKm, cumulativeKm });
  }
  const returnLegKm = returnToDepot && k > 0 ? dist(tour[k], 0) : 0;
  return {
    depotId: depot.id,
    stops: routeStops,
    returnLegKm,
    totalKm: cumulativeKm + returnLegKm,
    nearestNeighbourKm,
    passes,
    returnToDepot,
  };
}

/** One sweep of 2-opt over the inner positions 1..len-2 (the ends stay fixed); true if anything improved. */
function twoOptPass(t: number[], dist: (i: number, j: number) => number): boolean {
  const last = t.length - 2;
  let improved = false;
  for (let i = 1; i < last; i++) {
    for (let j = i + 1; j <= last; j++) {
      const a = t[i - 1];
      const b = t[i];
      const c = t[j];
      const d = t[j + 1];
      const delta = dist(a, c) + dist(b, d) - dist(a, b) - dist(c, d);
      if (delta < -EPSILON_KM) {
        for (let x = i, y = j; x < y; x++, y--) {
          const tmp = t[x];
          t[x] = t[y];
          t[y] = tmp;
        }
        improved = true;
      }
    }
  }
  return improved;
}

/**
 * One sweep of Or-opt: moves runs of 1–3 stops, forwards or reversed, to a better
 * edge. Only edges next to one of the run's nearest neighbours (plus both ends of
 * the route) are tried - the usual neighbour-list pruning, which keeps a sweep near
 * linear instead of quadratic. True if anything improved.
 */
function orOptPass(t: number[], dist: (i: number, j: number) => number, neighbours: readonly Int32Array[]): boolean {
  const last = t.length - 2;
  const pos = new Int32Array(t.length + 1);
  const reindex = () => {
    for (let q = 1; q <= last; q++) pos[t[q]] = q;
  };
  reindex();
  const candidates: number[] = [];
  let improved = false;
  for (let len = 1; len <= 3; len++) {
    for (let i = 1; i + len - 1 <= last; i++) {
      const first = t[i];
      const tail = t[i + len - 1];
      const prev = t[i - 1];
      const next = t[i + len];
      const removeGain = dist(prev, first) + dist(tail, next) - dist(prev, next);
      candidates.length = 0;
      candidates.push(0, last);
      for (const end of [first, tail]) {
        for (const w of neighbours[end]) {
          const q = w === 0 ? 0 : pos[w];
          candidates.push(q, q - 1);
        }
      }
      let bestDelta = -EPSILON_KM;
      let bestEdge = -1;
      let bestReversed = false;
      for (const p of candidates) {
        if (p < 0 || p > last || (p >= i - 1 && p <= i + len - 1)) continue; // edges touching the run
        const u = t[p];
        const v = t[p + 1];
        const base = dist(u, v);
        const forward = dist(u, first) + dist(tail, v) - base - removeGain;
        if (forward < bestDelta) {
          bestDelta = forward;
          bestEdge = p;
          bestReversed = false;
        }
        const reversed = dist(u, tail) + dist(first, v) - base - removeGain;
        if (reversed < bestDelta) {
          bestDelta = reversed;
          bestEdge = p;
          bestReversed = true;
        }
      }
      if (bestEdge < 0) continue;
      const run = t.splice(i, len);
      if (bestReversed) run.reverse();
      const at = bestEdge < i ? bestEdge + 1 : bestEdge + 1 - len;
      t.splice(at, 0, ...run);
      reindex();
      improved = true;
    }
  }
  return improved;
}

/** The k nearest other nodes of each node (ties by index), for Or-opt's candidate edges. */
function nearestNeighbours(n: number, k: number, dist: (i: number, j: number) => number): Int32Array[] {
  const lists: Int32Array[] = [];
  const size = Math.min(k, n - 1);
  const bestNode = new Int32Array(size);
  const bestKm = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    // Insertion into a short sorted top-k; a later node with an equal distance goes after.
    let m = 0;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = dist(i, j);
      if (m === size && d >= bestKm[size - 1]) continue;
      let at = m < size ? m++ : size - 1;
      while (at > 0 && bestKm[at - 1] > d) {
        bestKm[at] = bestKm[at - 1];
        bestNode[at] = bestNode[at - 1];
        at--;
      }
      bestKm[at] = d;
      bestNode[at] = j;
    }
    lists.push(bestNode.slice(0, m));
  }
  return lists;
}
