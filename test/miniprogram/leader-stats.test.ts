import { resetWx } from './setup';
import { openPage, textOf, find, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { STATS, eventually } from './fixtures/leader';
import { commissionStore, statsRange } from '../../miniprogram/stores/commission';
import { axisTopFen } from '../../miniprogram/lib/stats-chart';
import type { StatsResult } from '../../typings/commission';

beforeEach(() => {
  resetWx();
  commissionStore.granularity = 'day';
  commissionStore.stats = null;
});

const open = () => openPage('packages/leader/stats/index');

/** A fortnight as the server answers it (every day present, most of them without sales). */
const FORTNIGHT: StatsResult = {
  granularity: 'day',
  from: '2024-05-07',
  to: '2024-05-20',
  rows: Array.from({ length: 14 }, (_, i): StatsResult['rows'][number] => {
    const key = `2024-05-${String(7 + i).padStart(2, '0')}`;
    return key === '2024-05-19' ? [key, 10000, 4, 1000] : key === '2024-05-20' ? [key, 5000, 2, 500] : [key, 0, 0, 0];
  }),
  totals: { salesFen: 15000, orders: 6, commissionFen: 1500 },
};
const chartOf = (page: any) => find(page, '.chart') as any;
const heights = (page: any) =>
  chartOf(page)
    .querySelectorAll('.column__bar')
    .map((b: any) => /height: (\d+)%/.exec(b.dom.getAttribute('style'))?.[1]);

test('today first: its figures on top, a column per day up to a whole-yuan axis, only the days that sold listed', async () => {
  const api = stubApi({ 'commission.stats': FORTNIGHT });
  const page = await open();

  expect(api.calls('commission.stats')).toEqual([{ granularity: 'day', ...statsRange('day') }]);
  expect(textOf(find(page, '.period'))).toBe('今天05-20¥50.00销售额2订单数¥5.00佣金');
  // The best day (¥100) reaches the top of a ¥100 axis; days without sales have no column.
  expect(heights(page)).toEqual([...Array(12).fill('0'), '100', '50']);
  expect(textOf(chartOf(page).querySelector('.axis'))).toBe('¥100¥500');
  expect(
    chartOf(page)
      .querySelectorAll('.column__label')
      .map((l: any) => textOf(l))
      .filter(Boolean),
  ).toEqual(['05-08', '05-11', '05-14', '05-17', '今天']);
  expect(
    chartOf(page)
      .querySelectorAll('.column--selected')
      .map((c: any) => textOf(c)),
  ).toEqual(['今天']);
  expect(textOf(find(page, '.totals'))).toBe('2024-05-07至2024-05-20合计¥150.00·6单·佣金¥15.00');
  expect(page.querySelectorAll('.row').map((r: any) => textOf(r))).toEqual([
    '今天05-20¥50.00·2单·佣金¥5.00',
    '05-19¥100.00·4单·佣金¥10.00',
  ]);
});

test('tapping a column shows that day on top', async () => {
  stubApi({ 'commission.stats': FORTNIGHT });
  const page = await open();
  chartOf(page).querySelectorAll('.column')[12].dispatchEvent('tap');
  await flush();
  expect(textOf(find(page, '.period'))).toBe('05-19¥100.00销售额4订单数¥10.00佣金');
  expect(chartOf(page).querySelectorAll('.column--selected')).toHaveLength(1);
  expect(heights(page)[12]).toBe('100');
});

test('the axis top is 2, 4 or 10 × 10ⁿ yuan at or above the best period, so no label has a fraction', () => {
  expect([0, 1, 150, 201, 399, 401, 16135, 57990, 100000, 100001].map(axisTopFen)).toEqual([
    200, 200, 200, 400, 400, 1000, 20000, 100000, 100000, 200000,
  ]);
  for (let fen = 0; fen < 2_000_000; fen += 997) {
    const top = axisTopFen(fen);
    expect(top >= fen && top % 200 === 0).toBe(true);
  }
});

test('按月 asks for months and labels them so', async () => {
  const api = stubApi({
    'commission.stats': (input: { granularity: string }) =>
      input.granularity === 'month' ? { ...STATS, granularity: 'month', rows: [['2024-05', 15000, 6, 1500]] } : STATS,
  });
  const page = await open();

  const tabs = (find(page, '.tabs') as any).querySelectorAll('.van-tab');
  expect(tabs.map((t: any) => textOf(t))).toEqual(['按日', '按周', '按月']);
  tabs[2].dispatchEvent('tap');
  await flush();
  await flush();

  expect(api.calls('commission.stats')[1]).toEqual({ granularity: 'month', ...statsRange('month') });
  await eventually(() => expect(textOf(find(page, '.period'))).toBe('本月2024年5月¥150.00销售额6订单数¥15.00佣金'));
  expect(page.querySelectorAll('.row').map((r: any) => textOf(r))).toEqual(['本月2024年5月¥150.00·6单·佣金¥15.00']);
});

test('the ranges stay within what the server allows (≤ 92 days, weeks from a Monday)', () => {
  const days = (r: { from: string; to: string }) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 + 1;
  for (const now of [Date.UTC(2024, 4, 20, 2), Date.UTC(2024, 11, 31, 20), Date.UTC(2025, 2, 1, 1)]) {
    for (const g of ['day', 'week', 'month'] as const) expect(days(statsRange(g, now))).toBeLessThanOrEqual(92);
    expect(new Date(`${statsRange('week', now).from}T00:00:00Z`).getUTCDay()).toBe(1);
  }
  expect(statsRange('month', Date.UTC(2024, 4, 20, 2))).toEqual({ from: '2024-03-01', to: '2024-05-20' });
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'commission.stats': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'commission.stats': STATS });
  await tapRetry(page);
  await eventually(() => expect(page.querySelectorAll('.row')).toHaveLength(2));
});
