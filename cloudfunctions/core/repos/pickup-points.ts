import type { PickupPoint } from '../../../typings/models';
import { cmd, collection, geoPoint, type Tx } from './db';

const pickupPoints = () => collection('pickupPoints');

/**
 * Active pickup points change rarely (a leader opens or closes one), and every
 * order needs its point's leader. A warm instance keeps them for a minute to
 * save a database round trip per order; a point missing from the cache is
 * read directly, so a newly opened point works at once.
 */
const CACHE_MS = 60_000;
let cache: { at: number; points: Map<string, PickupPoint> } | undefined;

export async function activePickupPoints(now: Date): Promise<Map<string, PickupPoint>> {
  if (cache && now.getTime() - cache.at < CACHE_MS) return cache.points;
  const list = await pickupPoints().find({ active: true });
  cache = { at: now.getTime(), points: new Map(list.map((p) => [p._id, p])) };
  return cache.points;
}

/** An active point, from the warm cache when possible. */
export async function activePickupPoint(id: string, now: Date, fresh = false): Promise<PickupPoint | undefined> {
  if (!fresh) {
    const cached = (await activePickupPoints(now)).get(id);
    if (cached) return cached;
  }
  return pickupPoints().findOne({ _id: id, active: true });
}

export async function pickupPointById(id: string): Promise<PickupPoint | undefined> {
  return pickupPoints().byId(id);
}

/** Points by _id with what the cut-off documents show of them (name, address, location, leader). */
export const pointsForDocuments = (ids: readonly string[]) =>
  pickupPoints().byIds(ids, { _id: true, name: true, address: true, location: true, leaderId: true });

/**
 * Active points nearest first with their distance in meters, by the database's
 * $geoNear (needs the 2dsphere index on pickupPoints.location, database/indexes.json).
 * https://developers.weixin.qq.com/miniprogram/dev/wxcloud/reference-sdk-api/database/aggregate/Aggregate.geoNear.html
 */
export async function nearestActivePoints(
  lng: number,
  lat: number,
  limit: number,
): Promise<Array<PickupPoint & { distance: number }>> {
  const res = await collection('pickupPoints')
    .raw.aggregate()
    .geoNear({
      near: geoPoint(lng, lat),
      distanceField: 'distance',
      spherical: true,
      query: { active: true },
      key: 'location',
    })
    .limit(limit)
    .end();
  return res.list as Array<PickupPoint & { distance: number }>;
}

/** Opens or closes a point; false when it already was so. */
export async function setPointActive(pickupPointId: string, active: boolean): Promise<boolean> {
  return (await collection('pickupPoints').update({ _id: pickupPointId, active: !active }, { active })) > 0;
}

/** These points without their location (lists). */
export const pointsByIds = (ids: string[]): Promise<PickupPoint[]> =>
  collection('pickupPoints').find({ _id: cmd.in(ids) }, { limit: 1000, fields: { location: false } });

/** Writes a new point inside a transaction, its GeoJSON location stored as the database's geo point. */
export async function putPointIn(tx: Tx, point: PickupPoint): Promise<void> {
  const { _id, location, ...data } = point;
  const [lng, lat] = location.coordinates;
  await tx
    .collection('pickupPoints')
    .doc(_id)
    .set({ data: { ...data, location: geoPoint(lng, lat) } });
}
