import type { ChecklistOrder, ChecklistResult, SkuTotalsResult } from '../../../../typings/leader';
import { pickupKey } from '../../domain/pickup-code';
import { arrivalById, arrivalId } from '../../repos/arrivals';
import { briefItemsOf, itemLabels } from '../../repos/batch-items';
import { checklistGroups, itemTotalsAt } from '../../repos/orders';
import type { LeaderCaller } from './context';
import { phoneTail } from './notices';

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
  const byCode = q.search?.length === 6;
  const byTail = q.search?.length === 4;
  const groups = await checklistGroups({
    batchId: q.batchId,
    pickupPointId: caller.pickupPointId,
    ...(byCode ? { pickupKey: pickupKey(q.batchId, caller.pickupPointId, q.search!) } : {}),
    ...(byTail ? { phoneTail: q.search } : {}),
    skip: (q.page - 1) * q.pageSize,
    limit: q.pageSize + 1,
  });
  const page = groups.slice(0, q.pageSize);

  const itemIds = [...new Set(page.flatMap((g) => g.orders.flatMap((o) => o.l.map((l) => l[0]))))];
  const items = await itemLabels(itemIds);
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
  const [totals, items, arrival] = await Promise.all([
    itemTotalsAt(batchId, caller.pickupPointId),
    briefItemsOf(batchId),
    arrivalById(arrivalId(batchId, caller.pickupPointId)),
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
