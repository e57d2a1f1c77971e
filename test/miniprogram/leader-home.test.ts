import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { BATCHES, ME } from './fixtures/demo';
import { LEADER_ME, SUMMARY, eventually } from './fixtures/leader';
import { userStore } from '../../miniprogram/stores/user';
import { leaderStore } from '../../miniprogram/stores/leader';
import { commissionStore } from '../../miniprogram/stores/commission';

const ROUTES = { 'user.me': LEADER_ME, 'catalog.batches': BATCHES, 'commission.summary': SUMMARY };

beforeEach(() => {
  resetWx();
  userStore.me = null;
  leaderStore.batch = null;
  commissionStore.summary = null;
});

const open = () => openPage('pages/leader/index');

test("shows the leader, today's batch, the tools and the balance", async () => {
  stubApi(ROUTES);
  const page = await open();

  expect(textOf(find(page, '.head'))).toBe('王阿姨阳光花园东门自提点');
  expect(textOf(find(page, '.batch'))).toContain('5月20日今日团购');
  expect(textOf(find(page, '.batch'))).toContain('2024-05-21自提');
  expect(page.querySelectorAll('.link').map((l: any) => textOf(l))).toEqual([
    '取货清单',
    '到货确认',
    '核销取货',
    '分享团购',
    '我的佣金',
    '销售统计',
    '团长学堂',
  ]);
  expect(textOf(find(page, '.balance'))).toBe('¥123.45可提现¥46.00待结算¥219.45累计收益');
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

test('no open batch: says so', async () => {
  stubApi({ ...ROUTES, 'catalog.batches': { serverNow: new Date().toISOString(), open: [], upcoming: [] } });
  const page = await open();
  expect(textOf(find(page, '.batch-state'))).toBe('暂无进行中的团期');
});
