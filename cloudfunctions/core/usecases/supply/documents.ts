import type { DeliveryRouteView, PackingListView, PurchaseOrderView } from '../../../../typings/admin';
import type { Batch, BatchItem, PickupPoint, Supplier } from '../../../../typings/models';
import type { CutoffResult } from '../../domain/supply/cutoff';
import { planRoute, type PlannedRoute } from '../../domain/supply/route';
import { _ } from '../../infra/cloud';
import { isDuplicateKey } from '../../infra/db-errors';
import { C } from '../../repos/collections';
import { col, eachLimit, withCollection } from '../admin/common';
import { lngLatOf, warehouse } from '../admin/settings';

const IN_CHUNK = 1000;
const WRITES_IN_FLIGHT = 16;
/** Improvement passes of the route; a few thousand stops get fewer so one run stays inside its budget. */
const routePasses = (stops: number) => (stops > 1000 ? 10 : 200);

const km = (x: number) => Math.round(x * 1000) / 1000;

async function byIds<T extends { _id: string }>(name: string, ids: string[], field?: Record<string, boolean>) {
  const out = new Map<string, T>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const chunk = ids.slice(i, i + IN_CHUNK);
    let q = col(name)
      .where({ _id: _.in(chunk) })
      .limit(IN_CHUNK);
    if (field) q = q.field(field);
    for (const d of (await q.get()).data as T[]) out.set(d._id, d);
  }
  return out;
}

/** The _ids a batch has in a collection, paging by _id. */
async function idsOfBatch(name: string, batchId: string): Promise<string[]> {
  const ids: string[] = [];
  let after = '';
  for (;;) {
    const page = (
      await col(name)
        .where({ batchId, _id: _.gt(after) })
        .orderBy('_id', 'asc')
        .limit(IN_CHUNK)
        .field({ _id: true })
        .get()
    ).data as Array<{ _id: string }>;
    ids.push(...page.map((d) => d._id));
    if (page.length < IN_CHUNK) return ids;
    after = page[page.length - 1]._id;
  }
}

/**
 * Writes the batch's set of documents so it equals `docs`, each under its
 * deterministic _id (a rerun writes the same bytes): documents new to the batch
 * go in 1000 per insert (a first run of thousands of packing lists is a few
 * requests, not thousands), existing ones are replaced with set(), and the ones
 * an earlier run wrote that are no longer part of it (e.g. after refunds) are
 * removed. A chunk that collides with a concurrent run falls back to set().
 */
async function replaceSet(name: string, batchId: string, docs: Array<{ _id: string }>): Promise<void> {
  const setOne = async (doc: { _id: string }) => {
    const { _id, ...data } = doc;
    await col(name).doc(_id).set({ data });
  };
  await withCollection(name, async () => {
    const existing = new Set(await idsOfBatch(name, batchId));
    const fresh = docs.filter((d) => !existing.has(d._id));
    for (let i = 0; i < fresh.length; i += IN_CHUNK) {
      const chunk = fresh.slice(i, i + IN_CHUNK);
      try {
        await col(name).add({ data: chunk });
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
        await eachLimit(chunk, WRITES_IN_FLIGHT, setOne);
      }
    }
    await eachLimit(
      docs.filter((d) => existing.has(d._id)),
      WRITES_IN_FLIGHT,
      setOne,
    );
    const keep = new Set(docs.map((d) => d._id));
    const stale = [...existing].filter((id) => !keep.has(id));
    for (let i = 0; i < stale.length; i += IN_CHUNK)
      await col(name)
        .where({ _id: _.in(stale.slice(i, i + IN_CHUNK)) })
        .remove();
  });
}

export interface WrittenDocuments {
  purchaseOrders: number;
  packingLists: number;
  route: PlannedRoute;
}

/**
 * Turns the cut-off aggregate into the documents people work from: a purchase
 * order per supplier (`<batchId>_<supplierId>`), a packing list per pickup
 * point (`<batchId>_<pickupPointId>`) and the delivery route (`<batchId>`).
 * Nothing time-dependent goes into them, so a rerun over the same orders
 * writes identical documents.
 */
export async function writeSupplyDocuments(batch: Batch, items: BatchItem[], result: CutoffResult) {
  const itemById = new Map(items.map((i) => [i._id, i]));
  const itemOf = (id: string) => itemById.get(id);
  const pointIds = result.packingLists.map((l) => l.pickupPointId);
  const [suppliers, points, depotSetting] = await Promise.all([
    byIds<Supplier>(
      C.suppliers,
      result.purchaseOrders.map((p) => p.supplierId),
    ),
    byIds<PickupPoint>(C.pickupPoints, pointIds, {
      _id: true,
      name: true,
      address: true,
      location: true,
      leaderId: true,
    }),
    warehouse(),
  ]);

  // Route first: packing lists carry their stop number for the sorting floor.
  const located = pointIds.filter((id) => points.get(id)?.location);
  const stops = located.map((id) => ({
    id,
    location: { type: 'Point' as const, coordinates: lngLatOf(points.get(id)!.location as any) },
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

  const purchaseOrders: PurchaseOrderView[] = result.purchaseOrders.map((po) => ({
    _id: `${batch._id}_${po.supplierId}`,
    batchId: batch._id,
    supplierId: po.supplierId,
    supplierName: suppliers.get(po.supplierId)?.name ?? po.supplierId,
    pickupDate: batch.pickupDate,
    lines: po.lines.map((l) => ({
      batchItemId: l.batchItemId,
      productId: itemOf(l.batchItemId)?.productId ?? '',
      title: itemOf(l.batchItemId)?.title ?? l.batchItemId,
      unit: itemOf(l.batchItemId)?.unit ?? '',
      qty: l.qty,
      amountFen: l.amountFen,
      lineCount: l.lineCount,
    })),
    totalQty: po.totalQty,
    totalAmountFen: po.totalAmountFen,
  }));

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
      const p = points.get(s.id) as PickupPoint;
      return {
        sequence: s.sequence,
        pickupPointId: s.id,
        name: p.name,
        address: p.address,
        location: lngLatOf(p.location as any),
        legKm: km(s.legKm),
        cumulativeKm: km(s.cumulativeKm),
      };
    }),
    returnLegKm: km(route.returnLegKm),
    totalKm: km(route.totalKm),
  };

  await replaceSet(C.purchaseOrders, batch._id, purchaseOrders);
  await replaceSet(C.packingLists, batch._id, packingLists);
  await withCollection(C.deliveryRoutes, async () => {
    const { _id, ...data } = routeDoc;
    await col(C.deliveryRoutes).doc(_id).set({ data });
  });
  return { purchaseOrders: purchaseOrders.length, packingLists: packingLists.length, route };
}
