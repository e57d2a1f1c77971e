import type { DeliveryRouteView, Paged, PackingListView, PurchaseOrderView } from '../../../../typings/admin';
import { fail } from '../../domain/errors';
import { C } from '../../repos/collections';
import { col, isMissingCollection, paged, type PageInput } from '../admin/common';

/** Reads of collections the first supply run creates: before it, there is simply nothing. */
async function orNothing<T>(read: () => Promise<T>, nothing: T): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (isMissingCollection(err)) return nothing;
    throw err;
  }
}

/** A supplier gets only its own purchase order (its supplierId comes from its users doc). */
export function listPurchaseOrders(batchId: string, supplierId?: string): Promise<PurchaseOrderView[]> {
  return orNothing(async () => {
    const where = supplierId ? { _id: `${batchId}_${supplierId}`, batchId } : { batchId };
    const res = await col(C.purchaseOrders).where(where).orderBy('supplierId', 'asc').limit(1000).get();
    return res.data as PurchaseOrderView[];
  }, []);
}

/** In route order (the order the van is loaded and the lists are sorted), then by point. */
export function listPackingLists(batchId: string, page: PageInput): Promise<Paged<PackingListView>> {
  return orNothing(
    () =>
      paged<PackingListView>(
        C.packingLists,
        { batchId },
        [
          ['routeSequence', 'asc'],
          ['pickupPointId', 'asc'],
        ],
        page,
      ),
    { items: [], page: page.page, pageSize: page.pageSize, total: 0 },
  );
}

export async function getPackingList(batchId: string, pickupPointId: string): Promise<PackingListView> {
  const list = await orNothing(
    async () =>
      (
        await col(C.packingLists)
          .where({ _id: `${batchId}_${pickupPointId}` })
          .limit(1)
          .get()
      ).data[0] as PackingListView | undefined,
    undefined,
  );
  if (!list) throw fail.notFound('分拣单');
  return list;
}

export async function getRoute(batchId: string): Promise<DeliveryRouteView> {
  const route = await orNothing(
    async () =>
      (await col(C.deliveryRoutes).where({ _id: batchId }).limit(1).get()).data[0] as DeliveryRouteView | undefined,
    undefined,
  );
  if (!route) throw fail.notFound('配送路线');
  return route;
}
