import type {
  Cohort,
  CohortsInput,
  Funnel,
  FunnelDay,
  FunnelInput,
  PointActivity,
} from '../../../../typings/contracts/admin/analytics';
import { fail } from '../../domain/errors';
import { addDays, businessDate, businessInstant, datesBetween, mondayOf } from '../../domain/time';
import { residentsPerDayAndType, shareOpensPerLeader } from '../../repos/events';
import { orderDaysPerResident, orderingResidentsPerDay, orderingResidentsPerPoint } from '../../repos/orders';
import { activePickupPoints } from '../../repos/pickup-points';
import { residentsPerPoint } from '../../repos/users';

const MAX_FUNNEL_DAYS = 31;
/** Residents read for cohorts; past this the oldest cohorts would be cut short (said in the contract's doc). */
const COHORT_RESIDENTS = 50_000;

/**
 * 用户行为漏斗 per Shanghai day: residents who viewed an item, added to cart and
 * opened checkout (events), then paid an order that went ahead and picked it up
 * (orders, which events cannot fake).
 */
export async function funnel(input: FunnelInput): Promise<Funnel> {
  if (input.from > input.to) throw fail.invalid('from: 开始日期不能晚于结束日期');
  const dates = datesBetween(input.from, input.to, MAX_FUNNEL_DAYS);
  if (dates.length > MAX_FUNNEL_DAYS) throw fail.invalid(`to: 最多查询 ${MAX_FUNNEL_DAYS} 天`);
  const start = businessInstant(input.from, '00:00');
  const end = businessInstant(addDays(input.to, 1), '00:00');
  const [events, orders] = await Promise.all([
    residentsPerDayAndType(input.from, input.to, input.batchId),
    orderingResidentsPerDay(start, end, input.batchId),
  ]);
  const byDay = new Map<string, FunnelDay>();
  const series = dates.map((date) => {
    const d: FunnelDay = { date, viewed: 0, carted: 0, checkout: 0, ordered: 0, pickedUp: 0 };
    byDay.set(date, d);
    return d;
  });
  const step = { view: 'viewed', cart: 'carted', checkout: 'checkout' } as const;
  for (const e of events) {
    const d = byDay.get(e.day);
    const key = step[e.type as keyof typeof step];
    if (d && key) d[key] += e.residents;
  }
  for (const o of orders) {
    const d = byDay.get(o._id);
    if (d) Object.assign(d, { ordered: o.ordered, pickedUp: o.pickedUp });
  }
  const total = { viewed: 0, carted: 0, checkout: 0, ordered: 0, pickedUp: 0 };
  for (const d of series) for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += d[k];
  return { from: input.from, to: input.to, ...(input.batchId ? { batchId: input.batchId } : {}), days: series, total };
}

/**
 * 留存 by first-order week: for each of the last `weeks` weeks, the residents
 * whose first paid order (that went ahead) fell in it, and how many of them
 * paid again in each later week. Residents whose first order is older than
 * the window are left out, not counted as new.
 */
export async function cohorts(input: CohortsInput, now: Date): Promise<{ cohorts: Cohort[] }> {
  const weeks = input.weeks ?? 8;
  const lastMonday = mondayOf(input.day ?? businessDate(now));
  const firstMonday = addDays(lastMonday, -7 * (weeks - 1));
  // A year back finds who had ordered before the window.
  const rows = await orderDaysPerResident(
    businessInstant(addDays(firstMonday, -364), '00:00'),
    businessInstant(addDays(lastMonday, 7), '00:00'),
    COHORT_RESIDENTS,
  );
  const mondays = Array.from({ length: weeks }, (_, k) => addDays(firstMonday, 7 * k));
  const index = new Map(mondays.map((m, k) => [m, k]));
  const table = mondays.map((week, k) => ({ week, residents: 0, retained: new Array<number>(weeks - 1 - k).fill(0) }));
  for (const r of rows) {
    const active = [...new Set(r.days.map(mondayOf))].sort();
    const first = index.get(active[0]);
    if (first === undefined) continue;
    table[first].residents += 1;
    for (const m of active.slice(1)) {
      const k = index.get(m);
      if (k !== undefined) table[first].retained[k - first - 1] += 1;
    }
  }
  return { cohorts: table };
}

/** 社区活跃度: per active pickup point, the share of its residents who ordered this week, and share opens. */
export async function pointActivity(day: string | undefined, now: Date): Promise<PointActivity> {
  const from = mondayOf(day ?? businessDate(now));
  const to = addDays(from, 6);
  const [points, residents, ordering, opens] = await Promise.all([
    activePickupPoints(now),
    residentsPerPoint(),
    orderingResidentsPerPoint(businessInstant(from, '00:00'), businessInstant(addDays(to, 1), '00:00')),
    shareOpensPerLeader(from, to),
  ]);
  const orderingAt = new Map(ordering.map((o) => [o._id, o.residents]));
  const rows = [...points.values()].map((p) => {
    const n = residents.get(p._id) ?? 0;
    const active = orderingAt.get(p._id) ?? 0;
    return {
      pickupPointId: p._id,
      name: p.name,
      leaderId: p.leaderId,
      residents: n,
      ordering: active,
      activeRate: n ? Math.round((Math.min(active, n) / n) * 1000) / 1000 : 0,
      shareOpens: opens.get(p.leaderId) ?? 0,
    };
  });
  rows.sort((a, b) => b.activeRate - a.activeRate || b.ordering - a.ordering || (a.name < b.name ? -1 : 1));
  return { from, to, points: rows };
}
