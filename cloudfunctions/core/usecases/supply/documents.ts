import type { DeliveryRouteView, PackingListView, PurchaseOrderView } from '../../../../typings/contracts/admin/supply';
import type { Batch, BatchItem } from '../../../../typings/models';
import type { CutoffResult } from '../../domain/supply/cutoff';
import { costLine, costTotals } from '../../domain/supply/purchase-cost';
import { planRoute, type PlannedRoute } from '../../domain/supply/route';
import { saveRoute } from '../../repos/delivery-routes';
import { replacePackingLists } from '../../repos/packing-lists';
import { pointsForDocuments } from '../../repos/pickup-points';
import { replacePurchaseOrders } from '../../repos/purchase-orders';
import { suppliersByIds } from '../../repos/suppliers';
import { lngLatOf, warehouse } from '../admin/settings';

/** Improvement passes of the route; a few thousand stops get fewer so one run stays inside its budget. */
const routePasses = (stops: number) => (stops > 1000 ? 10 : 200);

const km = (x: number) => Math.round(x * 1000) / 1000;

export interface WrittenDocuments {
  purchaseOrders: number;
  packingLists: number;
  route: PlannedRoute;
}

/**
 * Turns the cut-off aggregate into the documents people work from: a purchase
 * order per supplier (`<batchId>_<supplierId>`, priced at the items' cost), a packing list per pickup
 * point (`<batchId>_<pickupPointId>`) and the delivery route (`<batchId>`).
 * Nothing time-dependent goes into them, so a rerun over the same orders
 * writes identical documents; documents an earlier run wrote that are no
 * longer part of the set (e.g. after refunds) are removed.
 */
export async function writeSupplyDocuments(batch: Batch, items: BatchItem[], result: CutoffResult) {
  const itemById = new Map(items.map((i) => [i._id, i]));
  const itemOf = (id: string) => itemById.get(id);
  const pointIds = result.packingLists.map((l) => l.pickupPointId);
  const [suppliers, points, depotSetting] = await Promise.all([
    suppliersByIds(result.purchaseOrders.map((p) => p.supplierId)),
    pointsForDocuments(pointIds),
    warehouse(),
  ]);

  // Route first: packing lists carry their stop number for the sorting floor.
  const located = pointIds.filter((id) => points.get(id)?.location);
  const stops = located.map((id) => ({
    id,
    location: { type: 'Point' as const, coordinates: lngLatOf(points.get(id)!.location) },
  }));
  const centre: [number, number] = stops.length
    ? [
        stops.reduce((s, p) => s + p.location.coordinates[0], 0) / stops.length,
        stops.reduce((s, p) => s + p.location.coordinates[1], 0) / stops.length,
      ]
    : [0, 0];
  const depot = depotSetting
    ? { id: 'warehouse', name: depotSetting.name, location: depotSetting.location }
    : { id: 'centre', name: '未设置仓库（各自提点中心）', location: centre };
  const route = planRoute({ id: depot.id, location: { type: 'Point', coordinates: depot.location } }, stops, {
    maxPasses: routePasses(stops.length),
  });
  const sequenceOf = new Map(route.stops.map((s) => [s.id, s.sequence]));

  const purchaseOrders: PurchaseOrderView[] = result.purchaseOrders.map((po) => {
    const lines = po.lines.map((l) => ({
      batchItemId: l.batchItemId,
      productId: itemOf(l.batchItemId)?.productId ?? '',
      title: itemOf(l.batchItemId)?.title ?? l.batchItemId,
      unit: itemOf(l.batchItemId)?.unit ?? '',
      qty: l.qty,
      ...costLine(l.qty, itemOf(l.batchItemId)?.costFen),
      lineCount: l.lineCount,
    }));
    return {
      _id: `${batch._id}_${po.supplierId}`,
      batchId: batch._id,
      supplierId: po.supplierId,
      supplierName: suppliers.get(po.supplierId)?.name ?? po.supplierId,
      pickupDate: batch.pickupDate,
      lines,
      totalQty: po.totalQty,
      ...costTotals(lines),
    };
  });

  const packingLists: PackingListView[] = result.packingLists.map((list) => {
    const point = points.get(list.pickupPointId);
    const doc: PackingListView = {
      _id: `${batch._id}_${list.pickupPointId}`,
      batchId: batch._id,
      pickupPointId: list.pickupPointId,
      pointName: point?.name ?? list.pickupPointId,
      address: point?.address ?? '',
      leaderId: point?.leaderId ?? '',
      pickupDate: batch.pickupDate,
      lines: list.batchItemIds.map((id, k) => ({
        batchItemId: id,
        title: itemOf(id)?.title ?? id,
        unit: itemOf(id)?.unit ?? '',
        qty: list.quantities[k],
      })),
      totalQty: list.totalQty,
      amountFen: list.amountFen,
      lineCount: list.lineCount,
    };
    const sequence = sequenceOf.get(list.pickupPointId);
    if (sequence !== undefined) doc.routeSequence = sequence;
    return doc;
  });

  const routeDoc: DeliveryRouteView = {
    _id: batch._id,
    batchId: batch._id,
    pickupDate: batch.pickupDate,
    depot: { id: depot.id, name: depot.name, location: depot.location },
    stops: route.stops.map((s) => {
      const p = points.get(s.id)!;
      return {
        sequence: s.sequence,
        pickupPointId: s.id,
        name: p.name,
        address: p.address,
        location: lngLatOf(p.location),
        legKm: km(s.legKm),
        cumulativeKm: km(s.cumulativeKm),
      };
    }),
    returnLegKm: km(route.returnLegKm),
    totalKm: km(route.totalKm),
  };

  await replacePurchaseOrders(batch._id, purchaseOrders);
  await replacePackingLists(batch._id, packingLists);
  await saveRoute(routeDoc);
  return { purchaseOrders: purchaseOrders.length, packingLists: packingLists.length, route };
}
