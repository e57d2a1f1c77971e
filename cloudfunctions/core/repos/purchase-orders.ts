import type { PurchaseOrderView } from '../../../typings/contracts/admin/supply';
import { collection } from './db';

const purchaseOrders = () => collection('purchaseOrders');

/** A batch's purchase orders become exactly these (one per supplier, `<batchId>_<supplierId>`). */
export const replacePurchaseOrders = (batchId: string, docs: PurchaseOrderView[]) =>
  purchaseOrders().creating(() => purchaseOrders().replaceAll({ batchId }, docs));

/** A batch's purchase orders by supplier; only its own for a supplier. Before the first run there are none. */
export function purchaseOrdersOf(batchId: string, supplierId?: string): Promise<PurchaseOrderView[]> {
  const where = supplierId ? { _id: `${batchId}_${supplierId}`, batchId } : { batchId };
  return purchaseOrders().orNothing(() => purchaseOrders().find(where, { orderBy: [['supplierId', 'asc']] }), []);
}
