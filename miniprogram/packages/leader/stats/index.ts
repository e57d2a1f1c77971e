import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { commissionStore, type CommissionStore } from '../../../stores/commission';
import { formatFen } from '../../../lib/money';
import type { StatsGranularity, StatsResult } from '../../../../typings/commission';

const GRANULARITIES: Array<{ name: StatsGranularity; title: string }> = [
  { name: 'day', title: '按日' },
  { name: 'week', title: '按周' },
  { name: 'month', title: '按月' },
];

/** 'YYYY-MM-DD' → '05-20'; a week shows its Monday '05-20起'; 'YYYY-MM' → '2024年5月'. */
function periodLabel(key: string, granularity: StatsGranularity): string {
  if (granularity === 'month') {
    const [y, m] = key.split('-');
    return `${y}年${Number(m)}月`;
  }
  const short = key.slice(5);
  return granularity === 'week' ? `${short}起` : short;
}

/** Bars as plain views: each row's width is its share of the best period's sales. */
function bars(stats: StatsResult | null) {
  if (!stats) return [];
  const max = Math.max(1, ...stats.rows.map((r) => r[1]));
  return stats.rows.map(([key, salesFen, orders, commissionFen]) => ({
    key,
    label: periodLabel(key, stats.granularity),
    width: Math.max(salesFen > 0 ? 2 : 0, Math.round((salesFen / max) * 100)),
    sales: formatFen(salesFen),
    orders,
    commission: formatFen(commissionFen),
  }));
}

/** 销售统计: sales, orders and commission per day, week or month, drawn as simple bars. */
ComponentWithStore({
  data: { granularities: GRANULARITIES },
  storeBindings: {
    store: commissionStore,
    fields: {
      granularity: (s: CommissionStore) => s.granularity,
      state: (s: CommissionStore) => s.statsLoad.state,
      error: (s: CommissionStore) => s.statsLoad.error,
      empty: (s: CommissionStore) => s.statsLoad.empty,
      range: (s: CommissionStore) => (s.stats ? `${s.stats.from} 至 ${s.stats.to}` : ''),
      totals: (s: CommissionStore) =>
        s.stats
          ? {
              sales: formatFen(s.stats.totals.salesFen),
              orders: s.stats.totals.orders,
              commission: formatFen(s.stats.totals.commissionFen),
            }
          : null,
      bars: (s: CommissionStore) => bars(s.stats),
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void commissionStore.loadStats();
    },
    onRetry() {
      void commissionStore.loadStats();
    },
    onGranularity(event: WechatMiniprogram.CustomEvent<{ name: StatsGranularity }>) {
      void commissionStore.loadStats(event.detail.name);
    },
  },
});
