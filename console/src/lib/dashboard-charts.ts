import type { Dashboard, DailyPoint } from '../../../typings/contracts/admin/dashboard';
import type { SupplierSales } from '../../../typings/contracts/admin/supply';
/** The dashboard's ECharts options, built from the dashboard answer (test/unit/dashboard-charts renders them). */
const fenToYuan = (fen: number) => Math.round(fen) / 100;

export function trendOption(daily: DailyPoint[]) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['GMV（元）', '订单数'], top: 0 },
    grid: { left: 50, right: 50, bottom: 30, top: 50 },
    xAxis: { type: 'category', data: daily.map((x) => x.date) },
    yAxis: [
      { type: 'value', name: '元' },
      // Orders are whole: no 0.5 单 ticks.
      { type: 'value', name: '单', minInterval: 1 },
    ],
    series: [
      {
        name: 'GMV（元）',
        type: 'line',
        smooth: true,
        data: daily.map((x) => fenToYuan(x.gmvFen)),
        areaStyle: { opacity: 0.1 },
      },
      { name: '订单数', type: 'line', yAxisIndex: 1, data: daily.map((x) => x.orders) },
    ],
  };
}

/** Best seller first, read top-down (a category axis draws its first entry at the bottom unless inverse). */
export function topItemsOption(skus: Dashboard['topSkus']) {
  const d = [...skus].sort((a, b) => b.amountFen - a.amountFen).slice(0, 10);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 160, right: 60, bottom: 20, top: 20 },
    xAxis: { type: 'value', name: '元' },
    yAxis: { type: 'category', inverse: true, data: d.map((x) => x.title) },
    series: [
      {
        name: '销售额（元）',
        type: 'bar',
        data: d.map((x) => fenToYuan(x.amountFen)),
        label: {
          show: true,
          position: 'right',
          formatter: ({ dataIndex }: { dataIndex: number }) => `${d[dataIndex].qty} 件`,
        },
        itemStyle: { color: '#67c23a' },
      },
    ],
  };
}

export function rankingOption(leaders: Dashboard['leaderRanking']) {
  const d = [...leaders].sort((a, b) => b.gmvFen - a.gmvFen).slice(0, 10);
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 100, right: 30, bottom: 20, top: 20 },
    xAxis: { type: 'value', name: '元' },
    yAxis: { type: 'category', inverse: true, data: d.map((x) => x.name) },
    series: [
      { name: 'GMV（元）', type: 'bar', data: d.map((x) => fenToYuan(x.gmvFen)), itemStyle: { color: '#e6a23c' } },
    ],
  };
}

/** 销售统计 of a supplier: units per delivery day (bars) and what they come to at cost (line). */
export function supplierSalesOption(days: SupplierSales['days']) {
  return {
    tooltip: { trigger: 'axis' },
    legend: { data: ['销量（件）', '供货额（元）'], top: 0 },
    grid: { left: 50, right: 60, bottom: 30, top: 50 },
    xAxis: { type: 'category', data: days.map((d) => d.date) },
    yAxis: [
      { type: 'value', name: '件', minInterval: 1 },
      { type: 'value', name: '元' },
    ],
    series: [
      { name: '销量（件）', type: 'bar', data: days.map((d) => d.qty) },
      { name: '供货额（元）', type: 'line', yAxisIndex: 1, data: days.map((d) => fenToYuan(d.costFen)) },
    ],
  };
}
