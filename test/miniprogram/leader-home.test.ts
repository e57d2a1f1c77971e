import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME } from './fixtures/demo';
import {
  CHECKLIST,
  LEADER_BATCHES,
  LEADER_ME,
  LEDGER,
  SUMMARY,
  eventually,
  resetLeaderBatches,
} from './fixtures/leader';
import { userStore } from '../../miniprogram/stores/user';
import { commissionStore } from '../../miniprogram/stores/commission';
import { leaderReviewStore } from '../../miniprogram/stores/leader/reviews';

const ROUTES = { 'user.me': LEADER_ME, 'leader.batches': LEADER_BATCHES, 'commission.summary': SUMMARY };

beforeEach(() => {
  resetWx();
  userStore.me = null;
  resetLeaderBatches();
  commissionStore.summary = null;
  leaderReviewStore.rating = null;
});

const open = () => openPage('pages/leader/index');

test('shows the leader, the working (cut-off) batch, the tools and the balance', async () => {
  const api = stubApi(ROUTES);
  const page = await open();

  expect(api.calls('leader.batches')).toEqual([{}]);
  expect(textOf(find(page, '.head'))).toBe('王阿姨阳光花园东门自提点');
  // Not tomorrow's batch that is still selling: today's pickup, cut off last night.
  expect(textOf(find(page, '.batch'))).toBe('5月20日今日团购2024-05-21自提·已截单·12单');
  expect(textOf(find(page, '.switch'))).toBe('切换团期共3期');
  expect(page.querySelectorAll('.link').map((l: any) => textOf(l))).toEqual([
    '取货清单',
    '到货确认',
    '核销取货',
    '分享团购',
    '我的佣金',
    '销售统计',
    '团长学堂',
    '团长券',
  ]);
  expect(textOf(find(page, '.balance'))).toBe('¥123.45可提现¥12.00待取货¥34.00待结算¥219.45累计收益');
  // van-cell-group paints no white: the tools sit in .tools, which does, or the grid's empty cell shows grey.
  expect(textOf(find(page, '.tools'))).toBe('取货清单到货确认核销取货分享团购我的佣金销售统计团长学堂团长券');
});

test('the tools open with the batch; the balance opens the commission page', async () => {
  stubApi(ROUTES);
  const page = await open();

  await tap(page, '.link--verify', '.van-grid-item');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/leader/verify/index?batchId=batch-1' });
  await tap(page, '.link--stats', '.van-grid-item');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/leader/stats/index' });
  await tap(page, '.balance');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/leader/commission/index' });
});

test('a resident who is not a leader is offered the application, and nothing leader-only is asked', async () => {
  const api = stubApi({ 'user.me': ME });
  const page = await open();
  expect(textOf(find(page, '.not-leader'))).toContain('申请成为团长');
  expect(api.calls('commission.summary')).toEqual([]);
  await tap(page, '.apply', '.van-button');
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/leader/apply/index' });
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('the balance fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ ...ROUTES, 'commission.summary': answer });
  const page = await open();
  expect(textOf(find(page, '.summary-state'))).toContain(message);
  expect(textOf(find(page, '.batch'))).toContain('5月20日今日团购');

  api.set({ 'commission.summary': SUMMARY });
  await tapRetry(page, '.summary-state');
  await eventually(() => expect(textOf(find(page, '.balance'))).toContain('¥123.45可提现'));
});

test('no batch to work on: says so, and offers no switcher', async () => {
  stubApi({ ...ROUTES, 'leader.batches': { serverNow: LEADER_BATCHES.serverNow, batches: [], workingBatchId: '' } });
  const page = await open();
  expect(textOf(find(page, '.batch-state'))).toBe('暂无团期');
  expect(page.querySelector('.switch')).toBeFalsy();
});

test('the batches fail to load: the error and 重试 show; 重试 loads them', async () => {
  const api = stubApi({ ...ROUTES, 'leader.batches': failWith('UNAVAILABLE') });
  const page = await open();
  expect(textOf(find(page, '.batch-state'))).toContain('服务繁忙，请稍后重试');

  api.set({ 'leader.batches': LEADER_BATCHES });
  await tapRetry(page, '.batch-state');
  await eventually(() => expect(textOf(find(page, '.batch'))).toContain('5月20日今日团购'));
});

test('switching to another batch: the home shows it and the checklist loads it', async () => {
  const checklists: Record<string, typeof CHECKLIST> = {
    'batch-1': CHECKLIST,
    'batch-0': { ...CHECKLIST, r: [{ ...CHECKLIST.r[0], n: '赵六', t: '4321' }] },
  };
  const api = stubApi({ ...ROUTES, 'leader.checklist': (input: { batchId: string }) => checklists[input.batchId] });
  const home = await open();

  await tap(home, '.switch', '.van-cell');
  const sheet = find(home, '.batch-sheet');
  expect(sheet.querySelectorAll('.sheet-item').map((i: any) => textOf(i))).toEqual([
    '5月21日今日团购2024-05-22自提·05-2123:00截单·3单',
    '5月20日今日团购2024-05-21自提·已截单·12单',
    '5月19日今日团购2024-05-20自提·已结束·8单·已到货',
  ]);
  // Yesterday's batch: a resident comes late for their goods.
  find(home, '.batch-sheet', '.sheet-item--2').dispatchEvent('tap');
  await flush();

  await eventually(() => expect(textOf(find(home, '.batch'))).toBe('5月19日今日团购2024-05-20自提·已结束·8单·已到货'));
  await tap(home, '.batch', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/leader/checklist/index?batchId=batch-0' });

  const checklist = await openPage('packages/leader/checklist/index', { batchId: 'batch-0' });
  expect(api.calls('leader.checklist')).toEqual([{ batchId: 'batch-0', page: 1, pageSize: 20 }]);
  expect(textOf(find(checklist, '.batch'))).toBe('5月19日今日团购2024-05-20自提·已结束·8单·已到货');
  expect(textOf(find(checklist, '.resident'))).toContain('赵六尾号4321');

  // A tool opened without a batch in its query uses the chosen batch too, and a reload keeps it.
  await openPage('packages/leader/checklist/index', {});
  expect(api.calls('leader.checklist')[1]).toEqual({ batchId: 'batch-0', page: 1, pageSize: 20 });
  await (home.instance as any).onShow();
  await flush();
  expect(api.calls('leader.batches')).toHaveLength(2);
  expect(textOf(find(home, '.batch'))).toContain('5月19日今日团购');
});

/** label → amount as a page shows them: each item is its value, then its label. */
function amountsByLabel(page: any, item: string): Record<string, string> {
  return Object.fromEntries(
    page.querySelectorAll(item).map((i: any) => {
      const [value, label] = Array.from(i.dom.children as HTMLCollection);
      return [textOf(label), textOf(value)];
    }),
  );
}

test('团长中心 and 我的佣金 use one set of names: each label shows the same amount on both', async () => {
  stubApi({ ...ROUTES, 'commission.ledger': LEDGER, 'commission.withdrawals': { items: [], page: 1, pageSize: 20 } });
  const home = amountsByLabel(await open(), '.balance__item');
  const mine = amountsByLabel(await openPage('packages/leader/commission/index'), '.bucket');
  const shared = Object.keys(home).filter((label) => label in mine);
  expect(shared).toEqual(['待取货', '待结算', '累计收益']);
  for (const label of shared) expect(home[label]).toBe(mine[label]);
});

test('服务评分: the header shows residents’ average rating of the service and how many rated it', async () => {
  const rating = { count: 12, average: 4.8, items: [], page: 1, pageSize: 3, hasMore: true };
  const api = stubApi({ ...ROUTES, 'leader.reviews': rating });
  const page = await open();
  expect(api.calls('leader.reviews')).toEqual([{ page: 1, pageSize: 3 }]);
  expect(textOf(find(page, '.head__rating'))).toBe('服务评分4.8·12条评价');

  leaderReviewStore.rating = null;
  stubApi({ ...ROUTES, 'leader.reviews': { ...rating, count: 0, average: 0, hasMore: false } });
  expect(textOf(find(await open(), '.head__rating'))).toBe('还没有服务评价');
});

test('服务评分 that fails to load leaves the header as it is', async () => {
  stubApi({ ...ROUTES, 'leader.reviews': failWith('UNAVAILABLE') });
  const page = await open();
  expect(page.querySelector('.head__rating')).toBeFalsy();
  expect(textOf(find(page, '.head'))).toBe('王阿姨阳光花园东门自提点');
});
