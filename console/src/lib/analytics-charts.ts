import type { Funnel } from '../../../typings/contracts/admin/analytics';

/** The funnel's steps as the admin reads them, top to bottom. */
export const FUNNEL_STEPS = [
  ['viewed', '浏览商品'],
  ['carted', '加入购物车'],
  ['checkout', '去结算'],
  ['ordered', '支付下单'],
  ['pickedUp', '到点取货'],
] as const;

/** Each step's residents (resident-days) and its share of the first step. */
export function funnelRows(total: Funnel['total']) {
  const top = total.viewed;
  return FUNNEL_STEPS.map(([key, name]) => ({
    key,
    name,
    residents: total[key],
    share: top ? `${Math.round((total[key] / top) * 1000) / 10}%` : '—',
  }));
}

/** An ECharts funnel of the range's totals (sorted as the steps are, not by size: a later step can exceed an earlier one). */
export function funnelOption(total: Funnel['total']) {
  const rows = funnelRows(total);
  return {
    tooltip: { trigger: 'item', formatter: '{b}：{c} 人次' },
    series: [
      {
        type: 'funnel',
        sort: 'none',
        left: '10%',
        width: '80%',
        minSize: '10%',
        label: { show: true, position: 'inside', formatter: '{b} {c}' },
        data: rows.map((r) => ({ name: r.name, value: r.residents })),
      },
    ],
  };
}
