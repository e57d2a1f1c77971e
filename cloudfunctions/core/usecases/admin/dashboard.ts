import type { Dashboard, DashboardInput } from '../../../../typings/admin';
import type { BatchItem, Leader, OrderStatus } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { addDays, businessInstant } from '../../domain/time';
import { db, _ } from '../../infra/cloud';
import { C } from '../../repos/collections';
import { col } from './common';

/** Orders that were paid (money came in), whatever happened after. */
const PAID_ONCE: OrderStatus[] = ['paid', 'arrived', 'picked_up', 'refunding', 'refunded'];
const MAX_DAYS = 92;
const TOP = 10;

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let d = from; d <= to && days.length <= MAX_DAYS; d = addDays(d, 1)) days.push(d);
  return days;
}

/**
 * The console's front page over Shanghai days from..to: GMV, orders, average
 * order value, buyers, top products, leader ranking, a daily series for the
 * charts (every day present) and items of open batches running low. All
 * grouping happens in the database; only small result sets come back.
 */
export async function dashboard(input: DashboardInput): Promise<Dashboard> {
  if (input.from > input.to) throw fail.invalid('from: 开始日期不能晚于结束日期');
  const days = daysBetween(input.from, input.to);
  if (days.length > MAX_DAYS) throw fail.invalid(`to: 最多查询 ${MAX_DAYS} 天`);
  const start = businessInstant(input.from, '00:00');
  const end = businessInstant(addDays(input.to, 1), '00:00');
  const match = { paidAt: _.and(_.gte(start), _.lt(end)), status: _.in(PAID_ONCE) };
  const $ = db.command.aggregate;
  const orders = () => col(C.orders).aggregate().match(match);

  const [daily, buyers, skus, leaders, items] = await Promise.all([
    orders()
      .group({
        _id: $.dateToString({ date: '$paidAt', format: '%Y-%m-%d', timezone: '+08:00' }),
        gmvFen: $.sum('$paidFen'),
        refundedFen: $.sum('$refundedFen'),
        orders: $.sum(1),
      })
      .limit(MAX_DAYS + 2)
      .end(),
    orders()
      .group({ _id: '$openid' })
      .group({ _id: null, n: $.sum(1) })
      .limit(1)
      .end(),
    orders()
      .unwind('$lines')
      .group({
        _id: '$lines.productId',
        title: $.first('$lines.title'),
        qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
        amountFen: $.sum($.subtract(['$lines.amountFen', '$lines.refundedFen'])),
      })
      .sort({ amountFen: -1, _id: 1 })
      .limit(TOP)
      .end(),
    orders()
      .group({ _id: '$leaderId', orders: $.sum(1), gmvFen: $.sum('$paidFen') })
      .sort({ gmvFen: -1, _id: 1 })
      .limit(TOP)
      .end(),
    col(C.batchItems)
      .where({ batchStatus: 'open' })
      .field({ _id: true, batchId: true, title: true, stock: true, sold: true })
      .limit(1000)
      .get(),
  ]);

  const byDay = new Map(
    (daily.list as Array<{ _id: string; gmvFen: number; refundedFen: number; orders: number }>).map((d) => [d._id, d]),
  );
  const series = days.map((date) => {
    const d = byDay.get(date);
    return { date, gmvFen: d?.gmvFen ?? 0, orders: d?.orders ?? 0, refundedFen: d?.refundedFen ?? 0 };
  });
  const gmvFen = series.reduce((s, d) => s + d.gmvFen, 0);
  const orderCount = series.reduce((s, d) => s + d.orders, 0);

  const ranking = leaders.list as Array<{ _id: string; orders: number; gmvFen: number }>;
  const names = ranking.length
    ? ((
        await col(C.leaders)
          .where({ _id: _.in(ranking.map((r) => r._id)) })
          .field({ _id: true, name: true })
          .limit(TOP)
          .get()
      ).data as Leader[])
    : [];
  const nameOf = new Map(names.map((l) => [l._id, l.name]));

  const threshold = input.lowStockUnits ?? 5;
  const inventoryAlerts = (items.data as BatchItem[])
    .filter((i) => i.stock <= threshold || i.stock * 10 <= i.stock + i.sold)
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
    buyers: (buyers.list as Array<{ n: number }>)[0]?.n ?? 0,
    topSkus: (skus.list as Array<{ _id: string; title: string; qty: number; amountFen: number }>).map((s) => ({
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
    inventoryAlerts,
  };
}
