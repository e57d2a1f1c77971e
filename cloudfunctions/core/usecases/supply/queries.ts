import type { BatchAdminView } from '../../../../typings/contracts/admin/batches';
import type { Paged } from '../../../../typings/contracts/admin/common';
import type { DeliveryRouteView, PackingListView, PurchaseOrderView } from '../../../../typings/contracts/admin/supply';
import { fail } from '../../domain/errors';
import { batchIdsSupplying } from '../../repos/batch-items';
import { batchesByIds, batchesPage } from '../../repos/batches';
import { routeOf } from '../../repos/delivery-routes';
import { packingListCount, packingListOf, packingListsPage } from '../../repos/packing-lists';
import { arrivedCount } from '../../repos/arrivals';
import { markDispatched, purchaseOrdersOf } from '../../repos/purchase-orders';
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

/**
 * A supplier gets only its own purchase order (its supplierId comes from its users doc),
 * each with how far the batch's delivery has got (points arrived of points on the route).
 */
export async function listPurchaseOrders(batchId: string, supplierId?: string): Promise<PurchaseOrderView[]> {
  const [orders, points, arrived] = await Promise.all([
    purchaseOrdersOf(batchId, supplierId),
    packingListCount(batchId),
    arrivedCount(batchId),
  ]);
  return orders.map((po) => ({ ...po, delivery: { points, arrived } }));
}

/** 确认发货 by the order's supplier; a repeat answers the order as it is. */
export async function dispatchPurchaseOrder(batchId: string, supplierId: string | undefined, at: Date) {
  if (!supplierId) throw fail.forbidden('由供应商确认发货');
  const id = `${batchId}_${supplierId}`;
  if (!(await purchaseOrdersOf(batchId, supplierId)).length) throw fail.notFound('采购单');
  await markDispatched(id, at);
  return (await listPurchaseOrders(batchId, supplierId))[0];
}

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
