import type { PurchaseOrderView } from '../../../typings/contracts/admin/supply';
import { costLine, costTotals } from '../domain/supply/purchase-cost';
import { cmd, collection, inTransaction, txGet, txUpdate } from './db';

const purchaseOrders = () => collection('purchaseOrders');

/**
 * A batch's purchase orders become exactly these (one per supplier, `<batchId>_<supplierId>`);
 * a supplier's dispatch recorded on an earlier run stays with its order.
 */
export async function replacePurchaseOrders(batchId: string, docs: PurchaseOrderView[]) {
  const dispatched = new Map((await purchaseOrdersOf(batchId)).map((p) => [p._id, p.dispatchedAt]));
  const kept = docs.map((d) => (dispatched.get(d._id) ? { ...d, dispatchedAt: dispatched.get(d._id) } : d));
  return purchaseOrders().creating(() => purchaseOrders().replaceAll({ batchId }, kept));
}

/** 确认发货, once: false when the order does not exist or was dispatched before. */
export async function markDispatched(id: string, at: Date): Promise<boolean> {
  return (
    (await purchaseOrders().update({ _id: id, dispatchedAt: cmd.exists(false) }, { dispatchedAt: at.toISOString() })) >
    0
  );
}

/** A batch's purchase orders by supplier; only its own for a supplier. Before the first run there are none. */
export function purchaseOrdersOf(batchId: string, supplierId?: string): Promise<PurchaseOrderView[]> {
  const where = supplierId ? { _id: `${batchId}_${supplierId}`, batchId } : { batchId };
  return purchaseOrders().orNothing(() => purchaseOrders().find(where, { orderBy: [['supplierId', 'asc']] }), []);
}

/**
 * A cost price changed after the purchase orders were written: the lines of that
 * item in the batch's orders are repriced, in one transaction per order so two
 * changes on one supplier's order never lose each other. Answers how many orders moved.
 */
export async function repriceItem(batchId: string, batchItemId: string, unitCostFen: number): Promise<number> {
  const docs = await purchaseOrdersOf(batchId);
  let moved = 0;
  for (const po of docs.filter((d) => d.lines.some((l) => l.batchItemId === batchItemId))) {
    await inTransaction(async (tx) => {
      const doc = await txGet<PurchaseOrderView>(tx, 'purchaseOrders', po._id);
      if (!doc) return;
      const lines = doc.lines.map((l) =>
        l.batchItemId === batchItemId ? { ...l, ...costLine(l.qty, unitCostFen) } : l,
      );
      await txUpdate(tx, 'purchaseOrders', po._id, { lines, ...costTotals(lines) });
    });
    moved++;
  }
  return moved;
}

/** Every supplier's purchase orders for pickup days in [start, end] (a settlement period: a few hundred at most). */
export const purchaseOrdersForPickup = (start: string, end: string): Promise<PurchaseOrderView[]> =>
  purchaseOrders().orNothing(
    () => purchaseOrders().all(cmd.and([{ pickupDate: cmd.gte(start) }, { pickupDate: cmd.lte(end) }])),
    [],
  );
