import type { ChecklistOrder, ChecklistResult, SkuTotalsResult } from '../../../../typings/leader';
import type { BatchItem, OrderStatus, User } from '../../../../typings/models';
import { pickupKey } from '../../domain/pickup-code';
import { _, db } from '../../infra/cloud';
import { LC, col, findById, phoneTail } from '../../repos/leader-store';
import { rows } from '../../repos/collections';
import type { LeaderCaller } from './context';

/** Orders a leader hands out: paid, arrived or picked up (whole-order refunds in flight or done are not). */
export const CHECKLIST_STATUSES: OrderStatus[] = ['paid', 'arrived', 'picked_up'];

interface Group {
  _id: string;
  first: Date;
  open: number;
  orders: Array<{ id: string; no: string; s: OrderStatus; c: Date; l: Array<[string, number, number, number]> }>;
  u?: Array<Pick<User, 'nickname' | 'phone'>>;
}

/**
 * 取货清单: the caller's point only, grouped by resident and paged by resident
 * (the resident whose first order is oldest first), compact: lines are tuples
 * and item titles are listed once per page. The grouping runs in the database
 * (one aggregation), and users are joined for the page's residents only. A
 * search narrows to one pickup code (6 digits, through the order's pickupKey)
 * or a phone tail (4 digits). The full phone never leaves the function.
 */
export async function checklist(
  caller: LeaderCaller,
  q: { batchId: string; page: number; pageSize: number; search?: string },
): Promise<ChecklistResult> {
  const $ = db.command.aggregate;
  const match: Record<string, unknown> = {
    batchId: q.batchId,
    pickupPointId: caller.pickupPointId,
    status: _.in(CHECKLIST_STATUSES),
  };
  const byCode = q.search && q.search.length === 6;
  const byTail = q.search && q.search.length === 4;
  if (byCode) match.pickupKey = pickupKey(q.batchId, caller.pickupPointId, q.search!);
  let pipeline = col('orders')
    .aggregate()
    .match(match)
    .project({
      openid: 1,
      orderNo: 1,
      status: 1,
      createdAt: 1,
      l: $.map({
        input: '$lines',
        as: 'x',
        in: ['$$x.batchItemId', '$$x.qty', '$$x.pickedQty', '$$x.refundedQty'],
      }),
    })
    .sort({ createdAt: 1, _id: 1 })
    .group({
      _id: '$openid',
      first: $.min('$createdAt'),
      open: $.sum($.cond({ if: $.eq(['$status', 'picked_up']), then: 0, else: 1 })),
      orders: $.push({ id: '$_id', no: '$orderNo', s: '$status', c: '$createdAt', l: '$l' }),
    });
  const lookup = { from: 'users', localField: '_id', foreignField: '_id', as: 'u' };
  if (byTail) {
    pipeline = pipeline.lookup(lookup).match({ 'u.phone': db.RegExp({ regexp: `${q.search}$` }) });
  }
  pipeline = pipeline
    .sort({ first: 1, _id: 1 })
    .skip((q.page - 1) * q.pageSize)
    .limit(q.pageSize + 1);
  if (!byTail) pipeline = pipeline.lookup(lookup);
  const groups = ((await pipeline.end()) as { list: Group[] }).list;
  const page = groups.slice(0, q.pageSize);

  const itemIds = [...new Set(page.flatMap((g) => g.orders.flatMap((o) => o.l.map((l) => l[0]))))];
  const items = itemIds.length
    ? await rows<Pick<BatchItem, '_id' | 'title' | 'unit'>>(
        col('batchItems')
          .where({ _id: _.in(itemIds) })
          .field({ _id: true, title: true, unit: true })
          .limit(1000),
      )
    : [];
  const byId = new Map(items.map((i) => [i._id, i]));
  const index = new Map(itemIds.map((id, i) => [id, i]));
  return {
    page: q.page,
    pageSize: q.pageSize,
    hasMore: groups.length > q.pageSize,
    it: itemIds.map((id) => [id, byId.get(id)?.title ?? '', byId.get(id)?.unit ?? '']),
    r: page.map((g) => {
      const user = g.u?.[0];
      const orders: ChecklistOrder[] = g.orders
        .sort((a, b) => new Date(a.c).getTime() - new Date(b.c).getTime())
        .map((o) => ({ id: o.id, no: o.no, s: o.s, l: o.l.map((l) => [index.get(l[0])!, l[1], l[2], l[3]]) }));
      return { n: user?.nickname ?? '', t: phoneTail(user?.phone), d: g.open === 0 ? 1 : 0, o: orders };
    }),
  };
}

/**
 * 收货汇总: units per item at the caller's point (paid orders, net of completed
 * refunds), grouped in the database: no order is loaded into the function.
 */
export async function skuTotals(caller: LeaderCaller, batchId: string): Promise<SkuTotalsResult> {
  const $ = db.command.aggregate;
  const [totals, items, arrival]: [
    Array<{ _id: string; qty: number; picked: number; orders: number }>,
    BatchItem[],
    unknown,
  ] = await Promise.all([
    col('orders')
      .aggregate()
      .match({ batchId, pickupPointId: caller.pickupPointId, status: _.in(CHECKLIST_STATUSES) })
      .unwind('$lines')
      .group({
        _id: '$lines.batchItemId',
        qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
        picked: $.sum('$lines.pickedQty'),
        orders: $.sum(1),
      })
      .limit(1000)
      .end()
      .then((r: any) => r.list as Array<{ _id: string; qty: number; picked: number; orders: number }>),
    rows<BatchItem>(
      col('batchItems').where({ batchId }).field({ _id: true, title: true, unit: true, sort: true }).limit(1000),
    ),
    findById(LC.arrivals, `${batchId}|${caller.pickupPointId}`),
  ]);
  const byId = new Map(totals.map((t) => [t._id, t]));
  return {
    batchId,
    arrivalConfirmed: Boolean(arrival),
    items: items
      .filter((i) => byId.has(i._id))
      .sort((a, b) => a.sort - b.sort)
      .map((i) => {
        const t = byId.get(i._id)!;
        return { batchItemId: i._id, title: i.title, unit: i.unit, qty: t.qty, picked: t.picked, orders: t.orders };
      }),
  };
}
