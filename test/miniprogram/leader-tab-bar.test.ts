import { resetWx, wxMock } from './setup';
import { renderPage, flush, textOf, find } from './helpers';
import { stubApi } from './api';
import { ME } from './fixtures/demo';
import { LEADER_ME } from './fixtures/leader';
import { userStore } from '../../miniprogram/stores/user';
import { cartStore } from '../../miniprogram/stores/cart';

beforeEach(() => {
  resetWx();
  userStore.me = null;
  userStore.meLoad.reset();
  cartStore.clear();
});

const tabs = (bar: ReturnType<typeof renderPage>) => bar.querySelectorAll('.tab').map((t) => textOf(t));

test('a resident sees 首页/购物车/订单/我的 and no 团长 tab', async () => {
  const api = stubApi({ 'user.me': ME });
  const bar = renderPage('custom-tab-bar/index');
  await flush();

  expect(api.calls('user.me')).toHaveLength(1);
  expect(tabs(bar)).toEqual(['首页', '购物车', '订单', '我的']);
});

test('a leader also sees 团长, before 我的; tapping it switches to the leader tab', async () => {
  stubApi({ 'user.me': LEADER_ME });
  const bar = renderPage('custom-tab-bar/index');
  await flush();

  expect(tabs(bar)).toEqual(['首页', '购物车', '订单', '团长', '我的']);
  find(bar, '.tab--leader', '.van-tabbar-item').dispatchEvent('tap');
  await flush();
  expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/leader/index' });
});

test('the tab disappears when the user is no longer a leader, and the cart count is the badge', async () => {
  stubApi({ 'user.me': LEADER_ME });
  const bar = renderPage('custom-tab-bar/index');
  await flush();
  expect(tabs(bar)).toContain('团长');

  userStore.me = ME;
  cartStore.add({ batchItemId: 'bi-eggs', batchId: 'batch-1', title: '散养土鸡蛋 30枚', priceFen: 2580 }, 3);
  await flush();
  // The badge sits on the icon, before the text.
  expect(tabs(bar)).toEqual(['首页', '3购物车', '订单', '我的']);
});

test('the page on top is the selected tab', async () => {
  stubApi({ 'user.me': ME });
  (globalThis as any).getCurrentPages.mockReturnValue([{ route: 'pages/orders/index' }]);
  const bar = renderPage('custom-tab-bar/index');
  await flush();
  expect(bar.data.selected).toBe('pages/orders/index');
  const active = bar.querySelectorAll('.tab').filter((t: any) => t.querySelector('.van-tabbar-item--active'));
  expect(active.map((t) => textOf(t))).toEqual(['订单']);
  (globalThis as any).getCurrentPages.mockReturnValue([]);
});
