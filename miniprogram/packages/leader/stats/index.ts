import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { commissionStore, type CommissionStore } from '../../../stores/commission';
import { formatFen } from '../../../lib/money';
import { statsChart } from '../../../lib/stats-chart';
import type { StatsGranularity } from '../../../../typings/commission';

const GRANULARITIES: Array<{ name: StatsGranularity; title: string }> = [
  { name: 'day', title: '按日' },
  { name: 'week', title: '按周' },
  { name: 'month', title: '按月' },
];

/** 销售统计: today (this week, this month) first, a column chart of the period, then the periods that sold. */
ComponentWithStore({
  data: { granularities: GRANULARITIES, selected: 0 },
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
      chart: (s: CommissionStore) => statsChart(s.stats),
    },
    actions: [],
  },
  observers: {
    // A new answer shows its latest period (today) first.
    chart(chart: ReturnType<typeof statsChart>) {
      if (chart) this.setData({ selected: chart.last });
    },
  },
  methods: {
    onLoad() {
      void commissionStore.loadStats();
    },
    onRetry() {
      void commissionStore.loadStats();
    },
    onSelect(event: WechatMiniprogram.CustomEvent<{ index: number }>) {
      this.setData({ selected: event.detail.index });
    },
    onGranularity(event: WechatMiniprogram.CustomEvent<{ name: StatsGranularity }>) {
      void commissionStore.loadStats(event.detail.name);
    },
  },
});
