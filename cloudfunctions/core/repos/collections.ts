import { db } from '../infra/cloud';

/** Collection names, once (database/collections.json lists the same). */
export const C = {
  users: 'users',
  leaders: 'leaders',
  pickupPoints: 'pickupPoints',
  categories: 'categories',
  suppliers: 'suppliers',
  products: 'products',
  batches: 'batches',
  batchItems: 'batchItems',
  purchases: 'purchases',
  orders: 'orders',
  afterSales: 'afterSales',
  notices: 'notices',
  purchaseOrders: 'purchaseOrders',
  packingLists: 'packingLists',
  deliveryRoutes: 'deliveryRoutes',
  /** Resumable long jobs (supply runs): checkpoint per job. */
  jobs: 'jobs',
  /** Platform settings, one doc per area (templates, warehouse, ...). */
  settings: 'settings',
} as const;

export const coll = (name: (typeof C)[keyof typeof C]) => db.collection(name);

/** Rows changed by a where().update(): the guard held only if this is 1. */
export function updatedCount(res: unknown): number {
  return Number((res as { stats?: { updated?: number } })?.stats?.updated ?? 0);
}

/** The rows of a query (the SDK's get() is typed for callback use too, hence the cast). */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: T[] };
  return res.data;
}

/** One document by a query (a missing doc is undefined, not an error as with doc().get()). */
export async function findOne<T>(
  name: (typeof C)[keyof typeof C],
  where: Record<string, unknown>,
): Promise<T | undefined> {
  return (await rows<T>(coll(name).where(where).limit(1)))[0];
}
