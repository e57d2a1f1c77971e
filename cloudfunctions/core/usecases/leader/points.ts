import type { LeaderSummary, NearbyPoint } from '../../../../typings/leader';
import { fail } from '../../domain/errors';
import { leadersNewestFirst } from '../../repos/leaders';
import { salesOfLeaders } from '../../repos/orders';
import {
  nearestActivePoints,
  pickupPointById,
  pointsByIds,
  setPointActive as setActive,
} from '../../repos/pickup-points';
import { lngLat } from './apply';

/** 附近自提点: active points nearest first with their distance in meters. */
export async function nearbyPoints(q: { lat: number; lng: number; limit: number }): Promise<NearbyPoint[]> {
  const points = await nearestActivePoints(q.lng, q.lat, q.limit);
  return points.map((p) => ({
    _id: p._id,
    name: p.name,
    address: p.address,
    hours: p.hours,
    leaderId: p.leaderId,
    location: lngLat(p.location),
    distanceM: Math.round(p.distance),
  }));
}

/** Opens or closes a point for new orders; orders already placed there are still handled by its leader. */
export async function setPointActive(
  pickupPointId: string,
  active: boolean,
): Promise<{ pickupPointId: string; active: boolean; changed: boolean }> {
  if (!(await pickupPointById(pickupPointId))) throw fail.notFound('自提点');
  return { pickupPointId, active, changed: await setActive(pickupPointId, active) };
}

/**
 * Leaders with their points and a performance summary (orders that were paid,
 * picked up, sales net of refunds), one aggregation for the page's leaders.
 */
export async function listLeaders(q: {
  page: number;
  pageSize: number;
  batchId?: string;
}): Promise<{ items: LeaderSummary[]; page: number; pageSize: number; hasMore: boolean }> {
  const docs = await leadersNewestFirst((q.page - 1) * q.pageSize, q.pageSize + 1);
  const leaders = docs.slice(0, q.pageSize);
  const ids = leaders.map((l) => l._id);
  const [points, stats] = ids.length
    ? await Promise.all([pointsByIds(leaders.map((l) => l.pickupPointId)), salesOfLeaders(ids, q.batchId)])
    : [[], []];
  const pointById = new Map(points.map((p) => [p._id, p]));
  const statById = new Map(stats.map((s) => [s._id, s]));
  return {
    items: leaders.map((l) => {
      const p = pointById.get(l.pickupPointId);
      const s = statById.get(l._id);
      return {
        _id: l._id,
        name: l.name,
        ...(l.phone ? { phone: l.phone } : {}),
        status: l.status,
        pickupPointId: l.pickupPointId,
        pointName: p?.name ?? '',
        pointActive: Boolean(p?.active),
        orders: s?.orders ?? 0,
        pickedUp: s?.pickedUp ?? 0,
        salesFen: (s?.paidFen ?? 0) - (s?.refundedFen ?? 0),
        refundedFen: s?.refundedFen ?? 0,
      };
    }),
    page: q.page,
    pageSize: q.pageSize,
    hasMore: docs.length > q.pageSize,
  };
}
