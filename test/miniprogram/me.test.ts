import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME } from './fixtures/demo';
import { orderStore } from '../../miniprogram/stores/order';
import { userStore } from '../../miniprogram/stores/user';

beforeEach(() => {
  resetWx();
  userStore.me = null;
  orderStore.tab = 'all';
});

test('shows my name, my pickup point with 更换, order shortcuts and 成为团长', async () => {
  stubApi({ 'user.me': ME });
  const page = await openPage('pages/me/index');

  expect(textOf(find(page, '.profile'))).toBe('小明');
  expect(textOf(find(page, '.pickup-point'))).toBe('阳光花园东门自提点阳光花园3号楼底商更换');
  expect(page.querySelectorAll('.shortcut').map((s) => textOf(s))).toEqual(['待付款', '待取货', '已完成', '售后']);
  expect(textOf(find(page, '.become-leader'))).toContain('成为团长');
  // In its own spaced block (.more), not glued under the 自提点 card.
  expect(textOf(find(page, '.more'))).toBe('成为团长开一个自提点，为邻居团购赚佣金');
});

test('a shortcut opens the orders tab on that status', async () => {
  stubApi({ 'user.me': ME });
  const page = await openPage('pages/me/index');

  await tap(page, '.shortcut', '.van-grid-item');

  expect(orderStore.tab).toBe('pending_payment');
  expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/orders/index' });
});

test('更换 links to the pickup points page; 成为团长 to the leader application', async () => {
  stubApi({ 'user.me': ME });
  const page = await openPage('pages/me/index');

  await tap(page, '.pickup-point', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: '/packages/user/pickup-points/index' }),
  );
  await tap(page, '.become-leader', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/packages/leader/apply/index' }));
});

test('a leader sees the role and no 成为团长', async () => {
  stubApi({
    'user.me': {
      ...ME,
      roles: ['resident', 'leader'],
      leader: { _id: 'leader-1', name: '王姐', status: 'active', pickupPointId: 'pp-1' },
    },
  });
  const page = await openPage('pages/me/index');
  expect(textOf(find(page, '.profile'))).toBe('小明团长');
  expect(page.querySelector('.become-leader')).toBeUndefined();
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'user.me': answer });
  const page = await openPage('pages/me/index');
  expect(textOf(page)).toContain(message);

  api.set({ 'user.me': ME });
  await tapRetry(page);
  expect(textOf(find(page, '.profile'))).toBe('小明');
});
