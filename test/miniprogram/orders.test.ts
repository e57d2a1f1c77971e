import { resetWx, wxMock } from './setup';
import { openPage, renderPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { order } from './fixtures/demo';
import { orderStore } from '../../miniprogram/stores/order';

const PENDING = order();
const PAID = order({ _id: 'order-2', orderNo: '202405200002', status: 'paid', createdAt: '2024-05-20T03:00:00.000Z' });
const ARRIVED = order({
  _id: 'order-3',
  orderNo: '202405200003',
  status: 'arrived',
  createdAt: '2024-05-20T04:00:00.000Z',
});

const page1 = (items: unknown[], hasMore = false) => ({ items, page: 1, pageSize: 10, hasMore });

beforeEach(() => {
  resetWx();
  orderStore.tab = 'all';
  orderStore.orders = [];
});

test('lists my orders with status, items and total', async () => {
  const api = stubApi({ 'order.list': page1([PAID, PENDING]) });
  const page = await openPage('pages/orders/index');

  expect(api.calls('order.list')).toEqual([{ page: 1, pageSize: 10 }]);
  const cards = page.querySelectorAll('.order-card').map((c) => textOf(c));
  expect(cards).toEqual([
    '订单202405200002已支付，待到货散养土鸡蛋30枚×205-2011:00¥51.60',
    '订单202405200001待付款散养土鸡蛋30枚×205-2010:00¥51.60',
  ]);
  expect(textOf(page)).toContain('没有更多了');
});

test('changing to 待取货 reloads with the paid and arrived statuses, newest first', async () => {
  const api = stubApi({
    'order.list': (input: { status?: string }) =>
      page1(input.status === 'paid' ? [PAID] : input.status === 'arrived' ? [ARRIVED] : [PENDING]),
  });
  const page = await openPage('pages/orders/index');

  const tabs = page.querySelectorAll('.tabs')[0];
  const titles = (tabs as any).querySelectorAll('.van-tab');
  expect(titles.map((t: any) => textOf(t))).toEqual(['全部', '待付款', '待取货', '已完成', '售后']);
  titles[2].dispatchEvent('tap');
  await flush();
  await flush();

  expect(api.calls('order.list').slice(1)).toEqual([
    { status: 'paid', page: 1, pageSize: 10 },
    { status: 'arrived', page: 1, pageSize: 10 },
  ]);
  expect(page.querySelectorAll('.order-card').map((c) => textOf(c).slice(0, 16))).toEqual([
    '订单202405200003已到',
    '订单202405200002已支',
  ]);
});

test('加载更多 fetches the next page and appends it', async () => {
  const api = stubApi({
    'order.list': (input: { page: number }) =>
      input.page === 1 ? page1([PAID], true) : { ...page1([PENDING]), page: 2 },
  });
  const page = await openPage('pages/orders/index');

  await tap(page, '.load-more', '.van-button');

  expect(api.calls('order.list').map((c) => c.page)).toEqual([1, 2]);
  expect(page.querySelectorAll('.order-card')).toHaveLength(2);
  expect(textOf(page)).toContain('没有更多了');
});

test('no orders: the empty state offers 去逛逛', async () => {
  stubApi({ 'order.list': page1([]) });
  const page = await openPage('pages/orders/index');
  expect(textOf(page)).toContain('还没有订单去逛逛');
});

test('tapping an order opens its detail', async () => {
  stubApi({ 'order.list': page1([PENDING]) });
  const page = await openPage('pages/orders/index');
  find(page, '.order-card').dispatchEvent('tap');
  await flush();
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/order/detail/index?id=order-1' });
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('list fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'order.list': answer });
  const page = await openPage('pages/orders/index');
  expect(textOf(page)).toContain(message);

  api.set({ 'order.list': page1([PENDING]) });
  await tapRetry(page);
  expect(page.querySelectorAll('.order-card')).toHaveLength(1);
});

test('加载更多 fails: the reason and 重试 show under the orders; 重试 appends the page', async () => {
  const api = stubApi({
    'order.list': (input: { page: number }) => (input.page === 1 ? page1([PAID], true) : failWith('UNAVAILABLE')),
  });
  const page = await openPage('pages/orders/index');

  await tap(page, '.load-more', '.van-button');
  expect(textOf(find(page, '.more'))).toBe('服务繁忙，请稍后重试重试');
  expect(page.querySelectorAll('.order-card')).toHaveLength(1);

  api.set({ 'order.list': (input: { page: number }) => (input.page === 1 ? page1([PAID], true) : page1([PENDING])) });
  await tap(page, '.more-retry', '.van-button');
  expect(page.querySelectorAll('.order-card')).toHaveLength(2);
  expect(textOf(page)).toContain('没有更多了');
});

test('a slow answer for the tab left behind never replaces the orders of the tab chosen after it', async () => {
  let answerAll: (value: unknown) => void = () => undefined;
  stubApi({
    'order.list': (input: { status?: string }) =>
      input.status === 'pending_payment' ? page1([PENDING]) : new Promise((resolve) => (answerAll = resolve)),
  });
  const page = renderPage('pages/orders/index');
  void (page.instance as any).onShow(); // 全部: its answer is still on the way
  await flush();
  (page.instance as any).onTabChange({ detail: { name: 'pending_payment' } });
  await flush();
  answerAll(page1([PAID, ARRIVED]));
  await flush();

  expect(page.querySelectorAll('.order-card').map((c) => textOf(c).slice(0, 14))).toEqual(['订单202405200001']);
});
