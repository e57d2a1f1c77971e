import type { LeaderSummary, NearbyPoint } from '../../../../typings/leader';
import type { Leader, PickupPoint } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { _, db } from '../../infra/cloud';
import { col } from '../../repos/leader-store';
import { rows } from '../../repos/collections';
import { lngLat } from './apply';

/**
 * 附近自提点: active points nearest first with their distance in meters, by the
 * database's $geoNear (needs the 2dsphere index on pickupPoints.location,
 * database/indexes.json). https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.geoNear.html
 */
export async function nearbyPoints(q: { lat: number; lng: number; limit: number }): Promise<NearbyPoint[]> {
  const res = await col('pickupPoints')
    .aggregate()
    .geoNear({
      near: db.Geo.Point(q.lng, q.lat),
      distanceField: 'distance',
      spherical: true,
      query: { active: true },
      key: 'location',
    })
    .limit(q.limit)
    .end();
  return (res.list as Array<PickupPoint & { distance: number }>).map((p) => ({
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
  const point = (await rows<PickupPoint>(col('pickupPoints').where({ _id: pickupPointId }).limit(1)))[0];
  if (!point) throw fail.notFound('自提点');
  const res = await col('pickupPoints').where({ _id: pickupPointId, active: !active }).update({ data: { active } });
  return { pickupPointId, active, changed: Number(res?.stats?.updated ?? 0) === 1 };
}

interface LeaderStat {
  _id: string;
  orders: number;
  pickedUp: number;
  paidFen: number;
  refundedFen: number;
}

const MONEY_STATUSES = ['paid', 'arrived', 'picked_up', 'refunding', 'refunded'];

/**
 * Leaders with their points and a performance summary (orders that were paid,
 * picked up, sales net of refunds), one aggregation for the page's leaders.
 */
export async function listLeaders(q: {
  page: number;
  pageSize: number;
  batchId?: string;
}): Promise<{ items: LeaderSummary[]; page: number; pageSize: number; hasMore: boolean }> {
  const docs = await rows<Leader>(
    col('leaders')
      .where({})
      .orderBy('createdAt', 'desc')
      .skip((q.page - 1) * q.pageSize)
      .limit(q.pageSize + 1),
  );
  const leaders = docs.slice(0, q.pageSize);
  const ids = leaders.map((l) => l._id);
  const $ = db.command.aggregate;
  const [points, stats]: [PickupPoint[], LeaderStat[]] = ids.length
    ? await Promise.all([
        rows<PickupPoint>(
          col('pickupPoints')
            .where({ _id: _.in(leaders.map((l) => l.pickupPointId)) })
            .field({ location: false })
            .limit(1000),
        ),
        col('orders')
          .aggregate()
          .match({ leaderId: _.in(ids), status: _.in(MONEY_STATUSES), ...(q.batchId ? { batchId: q.batchId } : {}) })
          .group({
            _id: '$leaderId',
            orders: $.sum(1),
            pickedUp: $.sum($.cond({ if: $.eq(['$status', 'picked_up']), then: 1, else: 0 })),
            paidFen: $.sum('$paidFen'),
            refundedFen: $.sum('$refundedFen'),
          })
          .limit(1000)
          .end()
          .then((r: any) => r.list as LeaderStat[]),
      ])
    : [[] as PickupPoint[], [] as LeaderStat[]];
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
