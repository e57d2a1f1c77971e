import type { Dashboard, DashboardInput, Margin } from '../../../../typings/contracts/admin/dashboard';
import { fail } from '../../domain/errors';
import { isLowStock, LOW_STOCK_UNITS } from '../../domain/low-stock';
import { addDays, businessInstant, datesBetween } from '../../domain/time';
import { marginOf, sumMargins, type SoldAtCost } from '../../domain/margin';
import { itemsByIds, sellingItems } from '../../repos/batch-items';
import { allCategories } from '../../repos/categories';
import { commissionPerDay, commissionPerLeader } from '../../repos/commission-orders';
import { leaderNames } from '../../repos/leaders';
import { buyerCount, dailyTotals, leaderTotals, netSalesPerItem, topProducts } from '../../repos/orders';

const MAX_DAYS = 92;
const TOP = 10;

/**
 * The console's front page over Shanghai days from..to: GMV, orders, average
 * order value, buyers, top products, leader ranking, a daily series for the
 * charts (every day present) and items of open batches running low. All
 * grouping happens in the database; only small result sets come back.
 */
export async function dashboard(input: DashboardInput): Promise<Dashboard> {
  if (input.from > input.to) throw fail.invalid('from: 开始日期不能晚于结束日期');
  const days = datesBetween(input.from, input.to, MAX_DAYS);
  if (days.length > MAX_DAYS) throw fail.invalid(`to: 最多查询 ${MAX_DAYS} 天`);
  const start = businessInstant(input.from, '00:00');
  const end = businessInstant(addDays(input.to, 1), '00:00');
  const [daily, buyers, skus, ranking, items] = await Promise.all([
    dailyTotals(start, end, MAX_DAYS),
    buyerCount(start, end),
    topProducts(start, end, TOP),
    leaderTotals(start, end, TOP),
    sellingItems(),
  ]);

  const byDay = new Map(daily.map((d) => [d._id, d]));
  const series = days.map((date) => {
    const d = byDay.get(date);
    return { date, gmvFen: d?.gmvFen ?? 0, orders: d?.orders ?? 0, refundedFen: d?.refundedFen ?? 0 };
  });
  const gmvFen = series.reduce((s, d) => s + d.gmvFen, 0);
  const orderCount = series.reduce((s, d) => s + d.orders, 0);

  const nameOf = await leaderNames(ranking.map((r) => r._id));
  const margin = await marginFigures(
    days,
    start,
    end,
    ranking.map((r) => ({ id: r._id, name: nameOf.get(r._id) ?? r._id })),
  );

  const threshold = input.lowStockUnits ?? LOW_STOCK_UNITS;
  const inventoryAlerts = items
    .filter((i) => isLowStock(i, threshold))
    .sort((a, b) => a.stock - b.stock || (a._id < b._id ? -1 : 1))
    .slice(0, 100)
    .map((i) => ({ batchItemId: i._id, batchId: i.batchId, title: i.title, stock: i.stock, sold: i.sold }));

  return {
    from: input.from,
    to: input.to,
    gmvFen,
    refundedFen: series.reduce((s, d) => s + d.refundedFen, 0),
    orders: orderCount,
    avgOrderFen: orderCount ? Math.round(gmvFen / orderCount) : 0,
    buyers,
    topSkus: skus.map((s) => ({
      productId: s._id,
      title: s.title,
      qty: s.qty,
      amountFen: s.amountFen,
    })),
    leaderRanking: ranking.map((r) => ({
      leaderId: r._id,
      name: nameOf.get(r._id) ?? r._id,
      orders: r.orders,
      gmvFen: r.gmvFen,
    })),
    daily: series,
    margin,
    inventoryAlerts,
  };
}

/** Revenue − cost − commission − coupons per day, per category and per ranked leader, over the same paid orders. */
async function marginFigures(
  days: string[],
  start: Date,
  end: Date,
  leaders: Array<{ id: string; name: string }>,
): Promise<Margin> {
  const leaderIds = leaders.map((l) => l.id);
  const [sales, leaderSales, commissionByDay, commissionByLeader, categories] = await Promise.all([
    netSalesPerItem(start, end),
    netSalesPerItem(start, end, { byLeader: leaderIds }),
    commissionPerDay(start, end),
    commissionPerLeader(start, end, leaderIds),
    allCategories(),
  ]);
  const items = new Map((await itemsByIds([...new Set(sales.map((s) => s._id.batchItemId))])).map((i) => [i._id, i]));
  const atCost = (r: {
    _id: { batchItemId: string };
    qty: number;
    amountFen: number;
    couponFen: number;
  }): SoldAtCost => ({
    qty: r.qty,
    amountFen: r.amountFen,
    couponFen: r.couponFen,
    unitCostFen: items.get(r._id.batchItemId)?.costFen,
  });
  const daily = days.map((date) => ({
    date,
    ...marginOf(sales.filter((s) => s._id.date === date).map(atCost), commissionByDay.get(date) ?? 0),
  }));
  const categoryIds = [...new Set(sales.map((s) => s.categoryId))].sort();
  const nameOfCategory = new Map(categories.map((c) => [c._id, c.name]));
  return {
    total: sumMargins(daily),
    daily,
    categories: categoryIds
      .map((categoryId) => ({
        categoryId,
        name: nameOfCategory.get(categoryId) ?? categoryId,
        ...marginOf(sales.filter((s) => s.categoryId === categoryId).map(atCost)),
      }))
      .sort((a, b) => b.marginFen - a.marginFen || a.categoryId.localeCompare(b.categoryId)),
    leaders: leaders.map((l) => ({
      leaderId: l.id,
      name: l.name,
      ...marginOf(leaderSales.filter((s) => s._id.leaderId === l.id).map(atCost), commissionByLeader.get(l.id) ?? 0),
    })),
  };
}
