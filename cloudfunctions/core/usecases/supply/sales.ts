import type { SupplierSales } from '../../../../typings/contracts/admin/supply';
import { fail } from '../../domain/errors';
import { costLine } from '../../domain/supply/purchase-cost';
import { supplierSalesOf } from '../../domain/supply/sales';
import { addDays, datesBetween } from '../../domain/time';
import { itemsByIds } from '../../repos/batch-items';
import { batchesPickedUpBetween } from '../../repos/batches';
import { supplierUnitsSold } from '../../repos/orders';
import { supplierById } from '../../repos/suppliers';
import type { ConsoleUser } from '../admin/access';

const MAX_DAYS = 92;

/**
 * 销售统计 of one supplier by delivery day (the batch's pickup day): what its
 * goods sold, net of refunds, at its cost price. A supplier sees only its own.
 */
export async function supplierSales(
  who: ConsoleUser,
  input: { from: string; to: string; supplierId?: string },
): Promise<SupplierSales> {
  const supplierId = who.supplierId ?? input.supplierId;
  if (!supplierId) throw fail.invalid('supplierId: 请选择供应商');
  if (input.from > input.to) throw fail.invalid('from: 开始日期不能晚于结束日期');
  const days = datesBetween(input.from, input.to, MAX_DAYS);
  if (days.length > MAX_DAYS) throw fail.invalid(`to: 最多查询 ${MAX_DAYS} 天`);
  const supplier = await supplierById(supplierId);
  if (!supplier) throw fail.notFound('供应商');

  const batches = await batchesPickedUpBetween(input.from, addDays(input.to, 1));
  const dateOf = new Map(batches.map((b) => [b._id, b.pickupDate]));
  const sold = batches.length ? await supplierUnitsSold([...dateOf.keys()], supplierId) : [];
  const costs = new Map((await itemsByIds(sold.map((s) => s._id.batchItemId))).map((i) => [i._id, i.costFen]));
  const rows = sold
    .filter((s) => s.qty > 0)
    .map((s) => {
      const cost = costLine(s.qty, costs.get(s._id.batchItemId));
      return {
        date: dateOf.get(s._id.batchId)!,
        batchId: s._id.batchId,
        batchItemId: s._id.batchItemId,
        productId: s.productId,
        title: s.title,
        unit: s.unit,
        qty: s.qty,
        ...cost,
        costPending: cost.unitCostFen === null ? 1 : 0,
      };
    });
  return supplierSalesOf(supplier, days, rows);
}
