import type { SupplierSales, SupplierSalesFigures, SupplierSalesRow } from '../../../../typings/contracts/admin/supply';

const none = (): SupplierSalesFigures => ({ qty: 0, costFen: 0, costPending: 0 });

function add(to: SupplierSalesFigures, row: SupplierSalesFigures): void {
  to.qty += row.qty;
  to.costFen += row.costFen;
  to.costPending += row.costPending;
}

/**
 * 销售统计 from its rows (one per delivery day and item): the figures per day
 * (every day of `days`, zeros included), per product (best-selling first) and in
 * total; every figure is a sum of rows, so they agree to the fen.
 */
export function supplierSalesOf(
  supplier: { _id: string; name: string },
  days: readonly string[],
  rows: readonly SupplierSalesRow[],
): SupplierSales {
  const perDay = new Map(days.map((date) => [date, { date, ...none() }]));
  const perItem = new Map<string, SupplierSales['items'][number]>();
  const total = none();
  const sorted = [...rows].sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'zh'));
  for (const r of sorted) {
    const day = perDay.get(r.date);
    if (day) add(day, r);
    let item = perItem.get(r.productId);
    if (!item) perItem.set(r.productId, (item = { productId: r.productId, title: r.title, unit: r.unit, ...none() }));
    add(item, r);
    add(total, r);
  }
  return {
    supplierId: supplier._id,
    supplierName: supplier.name,
    from: days[0],
    to: days[days.length - 1],
    days: [...perDay.values()],
    items: [...perItem.values()].sort((a, b) => b.qty - a.qty || b.costFen - a.costFen),
    rows: sorted,
    total,
  };
}
