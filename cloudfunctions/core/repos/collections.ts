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

/** The rows of a query (the SDK's get() is typed for callback use too, hence the cast). */
export async function rows<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data: T[] };
  return res.data;
}
