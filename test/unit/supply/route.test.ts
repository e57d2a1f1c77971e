import fc from 'fast-check';
import { haversineKm, planRoute, type RouteStopInput } from '../../../cloudfunctions/core/domain/supply/route';

const depot: RouteStopInput = { id: 'warehouse', location: { lat: 31.23, lng: 121.47 } };

/** Pickup points scattered within ~20 km of the warehouse (Shanghai). */
const stopsArb = (max: number) =>
  fc
    .uniqueArray(
      fc.record({
        id: fc.integer({ min: 0, max: 9999 }),
        dLat: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
        dLng: fc.double({ min: -0.2, max: 0.2, noNaN: true }),
      }),
      { selector: (s) => s.id, maxLength: max, size: 'max' },
    )
    .map((raw) =>
      raw.map(({ id, dLat, dLng }) => ({ id: `pp-${id}`, location: { lat: 31.23 + dLat, lng: 121.47 + dLng } })),
    );

function seededStops(n: number, seed: number): RouteStopInput[] {
  let a = seed;
  const random = () => {
    a = (a * 1103515245 + 12345) % 2147483648;
    return a / 2147483648;
  };
  return Array.from({ length: n }, (_, i) => ({
    id: `pp-${String(i).padStart(4, '0')}`,
    location: { type: 'Point' as const, coordinates: [121.2 + random() * 0.6, 31.0 + random() * 0.5] },
  }));
}

describe('haversineKm', () => {
  it('matches known distances and accepts every point shape', () => {
    // One degree of latitude ≈ 111.2 km; Shanghai People's Square → Beijing Tiananmen ≈ 1067 km.
    expect(haversineKm({ lat: 0, lng: 0 }, { lat: 1, lng: 0 })).toBeCloseTo(111.195, 2);
    expect(haversineKm({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9075, lng: 116.3972 })).toBeGreaterThan(1060);
    expect(haversineKm({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9075, lng: 116.3972 })).toBeLessThan(1075);
    const geo = { type: 'Point' as const, coordinates: [121.4737, 31.2304] };
    const sdk = { latitude: 31.2304, longitude: 121.4737 };
    expect(haversineKm(geo, sdk)).toBe(0);
    expect(haversineKm(geo, { lat: 39.9075, lng: 116.3972 })).toBeCloseTo(
      haversineKm(sdk, { lat: 39.9075, lng: 116.3972 }),
      9,
    );
    expect(() => haversineKm({ lat: 91, lng: 0 }, geo)).toThrow(RangeError);
  });
});

describe('planRoute', () => {
  it('visits every stop exactly once, legs add up, and improvement never loses to nearest neighbour', () => {
    fc.assert(
      fc.property(stopsArb(40), fc.boolean(), (stops, returnToDepot) => {
        const route = planRoute(depot, stops, { returnToDepot });
        expect(route.stops.map((s) => s.id).sort()).toEqual(stops.map((s) => s.id).sort());
        expect(route.stops.map((s) => s.sequence)).toEqual(stops.map((_, i) => i + 1));
        const legs = route.stops.reduce((sum, s) => sum + s.legKm, 0) + route.returnLegKm;
        expect(route.totalKm).toBeCloseTo(legs, 9);
        // Legs are real distances between consecutive stops.
        const byId = new Map(stops.map((s) => [s.id, s.location]));
        route.stops.forEach((s, i) => {
          const from = i === 0 ? depot.location : byId.get(route.stops[i - 1].id)!;
          expect(s.legKm).toBeCloseTo(haversineKm(from, byId.get(s.id)!), 9);
        });
        if (!returnToDepot) expect(route.returnLegKm).toBe(0);
        expect(route.totalKm).toBeLessThanOrEqual(route.nearestNeighbourKm + 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it('finds the perimeter of a square, not a crossing diagonal', () => {
    // Depot at one corner of a ~1.1 km square; the corners listed so that input order would cross.
    const corners: RouteStopInput[] = [
      { id: 'c', location: { lat: 31.01, lng: 121.01 } },
      { id: 'b', location: { lat: 31.0, lng: 121.01 } },
      { id: 'd', location: { lat: 31.01, lng: 121.0 } },
    ];
    const route = planRoute({ id: 'a', location: { lat: 31.0, lng: 121.0 } }, corners);
    const side = haversineKm({ lat: 31.0, lng: 121.0 }, { lat: 31.01, lng: 121.0 });
    const perimeter =
      2 * side +
      haversineKm({ lat: 31.0, lng: 121.0 }, { lat: 31.0, lng: 121.01 }) +
      haversineKm({ lat: 31.01, lng: 121.0 }, { lat: 31.01, lng: 121.01 });
    expect(route.totalKm).toBeCloseTo(perimeter, 9);
    expect(['b,c,d', 'd,c,b']).toContain(route.stops.map((s) => s.id).join(','));
  });

  it('is optimal on small cases (brute force over all orders)', () => {
    const permutations = <T>(xs: T[]): T[][] =>
      xs.length <= 1
        ? [xs]
        : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
    for (let seed = 1; seed <= 15; seed++) {
      const stops = seededStops(6, seed);
      for (const returnToDepot of [true, false]) {
        let best = Infinity;
        for (const order of permutations(stops)) {
          let km = 0;
          let at = depot.location;
          for (const s of order) {
            km += haversineKm(at, s.location);
            at = s.location;
          }
          if (returnToDepot) km += haversineKm(at, depot.location);
          best = Math.min(best, km);
        }
        const route = planRoute(depot, stops, { returnToDepot });
        // 2-opt + Or-opt is a heuristic; on 6 stops it should be at or within 2 % of the optimum.
        expect(route.totalKm).toBeLessThanOrEqual(best * 1.02 + 1e-9);
      }
    }
  });

  // Speed is for benchmarks (bench/), not tests: this only checks 500 stops come out right.
  it('is deterministic whatever the input order, with 500 stops', () => {
    const stops = seededStops(500, 42);
    const route = planRoute(depot, stops);
    expect(new Set(route.stops.map((s) => s.id)).size).toBe(500);
    expect(route.totalKm).toBeLessThan(route.nearestNeighbourKm);
    const shuffled = stops.slice().reverse();
    expect(planRoute(depot, shuffled)).toEqual(route);
  });

  it('handles no stops, one stop, and rejects duplicate ids', () => {
    expect(planRoute(depot, [])).toMatchObject({ stops: [], totalKm: 0, returnLegKm: 0 });
    const one = planRoute(depot, [{ id: 'x', location: { lat: 31.24, lng: 121.47 } }]);
    expect(one.totalKm).toBeCloseTo(2 * one.stops[0].legKm, 12);
    expect(() =>
      planRoute(depot, [
        { id: 'x', location: { lat: 31.24, lng: 121.47 } },
        { id: 'x', location: { lat: 31.25, lng: 121.47 } },
      ]),
    ).toThrow(RangeError);
  });
});
