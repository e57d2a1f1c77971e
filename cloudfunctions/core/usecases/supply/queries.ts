import type { BatchAdminView } from '../../../../typings/contracts/admin/batches';
import type { Paged } from '../../../../typings/contracts/admin/common';
import type { DeliveryRouteView, PackingListView, PurchaseOrderView } from '../../../../typings/contracts/admin/supply';
import { fail } from '../../domain/errors';
import { batchIdsSupplying } from '../../repos/batch-items';
import { batchesByIds, batchesPage } from '../../repos/batches';
import { routeOf } from '../../repos/delivery-routes';
import { packingListOf, packingListsPage } from '../../repos/packing-lists';
import { purchaseOrdersOf } from '../../repos/purchase-orders';
import { batchAdminView } from '../admin/batches';
import { paged, type PageInput } from '../admin/common';

const PICKER_BATCHES = 50;

/** The batch picker of the purchase-order page: a supplier's batches are the published ones carrying its items. */
export async function purchaseOrderBatches(supplierId?: string): Promise<BatchAdminView[]> {
  if (!supplierId)
    return (await batchesPage(undefined, { page: 1, pageSize: PICKER_BATCHES })).items.map((b) => batchAdminView(b));
  const ids = await batchIdsSupplying(supplierId, PICKER_BATCHES);
  const found = await batchesByIds(ids);
  return ids.flatMap((id) => {
    const b = found.get(id);
    return b && b.status !== 'draft' ? [batchAdminView(b)] : [];
  });
}

/** A supplier gets only its own purchase order (its supplierId comes from its users doc). */
export const listPurchaseOrders = (batchId: string, supplierId?: string): Promise<PurchaseOrderView[]> =>
  purchaseOrdersOf(batchId, supplierId);

/** In route order (the order the van is loaded and the lists are sorted), then by point. */
export async function listPackingLists(batchId: string, page: PageInput): Promise<Paged<PackingListView>> {
  return paged(await packingListsPage(batchId, page), page);
}

export async function getPackingList(batchId: string, pickupPointId: string): Promise<PackingListView> {
  const list = await packingListOf(batchId, pickupPointId);
  if (!list) throw fail.notFound('分拣单');
  return list;
}

export async function getRoute(batchId: string): Promise<DeliveryRouteView> {
  const route = await routeOf(batchId);
  if (!route) throw fail.notFound('配送路线');
  return route;
}
