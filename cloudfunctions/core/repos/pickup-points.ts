import type { PickupPoint } from '../../../typings/models';
import { collection } from './db';

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
