import type { StatsGranularity, StatsResult } from '../../typings/commission';
import { formatFen } from './money';

/** 'YYYY-MM-DD' → '05-20'; a week shows its Monday '05-20起'; 'YYYY-MM' → '2024年5月'. */
export function periodLabel(key: string, granularity: StatsGranularity): string {
  if (granularity === 'month') {
    const [y, m] = key.split('-');
    return `${y}年${Number(m)}月`;
  }
  const short = key.slice(5);
  return granularity === 'week' ? `${short}起` : short;
}

const LATEST: Record<StatsGranularity, string> = { day: '今天', week: '本周', month: '本月' };
const MAX_LABELS = 5;

/** The axis top in fen: the smallest 2, 4 or 10 × 10^k yuan at or above the best period, so no axis label has a fraction. */
export function axisTopFen(bestFen: number): number {
  const yuan = Math.max(1, Math.ceil(bestFen / 100));
  for (let scale = 1; ; scale *= 10) for (const m of [2, 4, 10]) if (m * scale >= yuan) return m * scale * 100;
}

/**
 * The chart and the list of a stats answer: columns oldest to newest (the latest, today, is
 * labelled and selected first), at most five axis labels counted back from the latest, and
 * the periods that sold something, newest first.
 */
export function statsChart(stats: StatsResult | null) {
  if (!stats || stats.rows.length === 0) return null;
  const rows = stats.rows;
  const top = axisTopFen(Math.max(0, ...rows.map((r) => r[1])));
  const every = Math.ceil(rows.length / MAX_LABELS);
  const last = rows.length - 1;
  const periods = rows.map(([key, salesFen, orders, commissionFen], i) => ({
    key,
    title:
      i === last
        ? `${LATEST[stats.granularity]} ${periodLabel(key, stats.granularity)}`
        : periodLabel(key, stats.granularity),
    salesFen,
    sales: formatFen(salesFen),
    orders,
    commission: formatFen(commissionFen),
  }));
  return {
    last,
    maxLabel: `¥${top / 100}`,
    midLabel: `¥${top / 200}`,
    columns: rows.map(([key, salesFen], i) => ({
      key,
      label:
        (last - i) % every === 0 ? (i === last ? LATEST[stats.granularity] : periodLabel(key, stats.granularity)) : '',
      height: salesFen > 0 ? Math.max(1, Math.round((salesFen / top) * 100)) : 0,
    })),
    periods,
    sold: periods.filter((p) => p.salesFen > 0).reverse(),
  };
}
