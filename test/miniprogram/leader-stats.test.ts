import { resetWx } from './setup';
import { openPage, textOf, find, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { STATS, eventually } from './fixtures/leader';
import { commissionStore, statsRange } from '../../miniprogram/stores/commission';

beforeEach(() => {
  resetWx();
  commissionStore.granularity = 'day';
  commissionStore.stats = null;
});

const open = () => openPage('packages/leader/stats/index');

test('shows the totals and one bar per day, the best day full width', async () => {
  const api = stubApi({ 'commission.stats': STATS });
  const page = await open();

  expect(api.calls('commission.stats')).toEqual([{ granularity: 'day', ...statsRange('day') }]);
  expect(textOf(find(page, '.totals'))).toBe('¥150.00销售额6订单数¥15.00佣金');
  expect(page.querySelectorAll('.bar').map((b: any) => textOf(b))).toEqual([
    '05-19¥100.00·4单·佣金¥10.00',
    '05-20¥50.00·2单·佣金¥5.00',
  ]);
  expect(page.querySelectorAll('.bar__fill').map((f: any) => f.dom.getAttribute('style'))).toEqual([
    expect.stringContaining('width: 100%'),
    expect.stringContaining('width: 50%'),
  ]);
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
  await eventually(() =>
    expect(page.querySelectorAll('.bar').map((b: any) => textOf(b))).toEqual(['2024年5月¥150.00·6单·佣金¥15.00']),
  );
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
  await eventually(() => expect(page.querySelectorAll('.bar')).toHaveLength(2));
});
