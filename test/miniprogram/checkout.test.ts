import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME, order } from './fixtures/demo';
import { cartStore } from '../../miniprogram/stores/cart';
import { checkoutStore } from '../../miniprogram/stores/checkout';
import { userStore } from '../../miniprogram/stores/user';
import { noticeStore } from '../../miniprogram/stores/notices';

const EGGS = {
  batchItemId: 'bi-eggs',
  batchId: 'batch-1',
  title: '散养土鸡蛋 30枚',
  image: '/images/products/egg.jpg',
  priceFen: 2580,
};
const PAYMENT = {
  timeStamp: '1716170000',
  nonceStr: 'n0nce',
  package: 'prepay_id=wx123',
  signType: 'RSA',
  paySign: 's1gn',
};
/** The server priced the eggs at ¥24.80 meanwhile: its total is the one to pay. */
const CREATED = order({
  lines: [{ ...order().lines[0], priceFen: 2480, amountFen: 4960 }],
  totalFen: 4960,
});

const ROUTES = {
  'user.me': ME,
  'order.create': CREATED,
  'pay.prepare': { orderNo: CREATED.orderNo, totalFen: 4960, payment: PAYMENT },
  'order.detail': { ...CREATED, status: 'paid' },
  // Every template the system sends, from the server: the reminder is not configured here.
  'notify.templates': {
    templates: { pickup: 'tmpl-pickup', reminder: '', refund: 'tmpl-refund' },
    remaining: { 'tmpl-pickup': 0, 'tmpl-refund': 0 },
  },
  'notify.recordSubscriptions': { remaining: { 'tmpl-pickup': 1, 'tmpl-refund': 0 } },
};

beforeEach(() => {
  resetWx();
  cartStore.clear();
  cartStore.add(EGGS, 2);
  userStore.me = null;
  noticeStore.templates = null;
  noticeStore.remaining = {};
});

const submit = (page: any) => tap(page, '.submit-bar', '.van-submit-bar__button', '.van-button');

test('shows the pickup point and the lines with the cart total before submitting', async () => {
  stubApi(ROUTES);
  const page = await openPage('packages/order/checkout/index');

  expect(textOf(find(page, '.pickup-point'))).toContain('阳光花园东门自提点阳光花园3号楼底商');
  expect(textOf(find(page, '.line'))).toBe('散养土鸡蛋30枚×2¥51.60');
  // With its picture.
  expect(find(page, '.line__thumb').dom!.tagName).toBe('WX-IMAGE');
  expect((page.instance.data as any).lines[0].image).toBe('/images/products/egg.jpg');
  expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥51.60提交订单');
});

test('提交订单: creates the order with a clientRequestId, asks for the notices, pays with the server params', async () => {
  let askedBeforeCreate = false;
  const api = stubApi({
    ...ROUTES,
    'order.create': () => {
      askedBeforeCreate = wxMock.requestSubscribeMessage.mock.calls.length === 1;
      return CREATED;
    },
  });
  wxMock.requestPayment.mockImplementation((o: any) => o.success({ errMsg: 'requestPayment:ok' }));
  wxMock.requestSubscribeMessage.mockImplementation((o: any) =>
    o.success({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-pickup': 'accept', 'tmpl-refund': 'reject' }),
  );
  const page = await openPage('packages/order/checkout/index');
  // The ids were fetched when the page loaded, so the tap can ask at once.
  expect(api.calls('notify.templates')).toHaveLength(1);
  await flush();

  await submit(page);
  await flush();

  const [created] = api.calls('order.create');
  expect(created).toEqual({
    clientRequestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/),
    batchId: 'batch-1',
    pickupPointId: 'pp-1',
    lines: [{ batchItemId: 'bi-eggs', qty: 2 }],
  });
  // One sheet inside the tap (before the order call), for exactly the configured templates.
  expect(wxMock.requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(wxMock.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tmpl-pickup', 'tmpl-refund']);
  expect(askedBeforeCreate).toBe(true);
  expect(api.calls('notify.recordSubscriptions')).toEqual([
    { results: { 'tmpl-pickup': 'accept', 'tmpl-refund': 'reject' } },
  ]);
  expect(api.calls('pay.prepare')).toEqual([{ orderId: 'order-1' }]);
  expect(wxMock.requestPayment).toHaveBeenCalledWith(expect.objectContaining(PAYMENT));
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '支付成功' }));
  expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/packages/order/detail/index?id=order-1' });
  expect(cartStore.lines).toEqual([]);
});

test('the total shown is the server order total, not the cart estimate', async () => {
  stubApi(ROUTES);
  // Pay sheet never answers: the page stays on the created order.
  wxMock.requestPayment.mockImplementation(() => undefined);
  const page = await openPage('packages/order/checkout/index');

  void submit(page);
  await flush();
  await flush();

  expect(textOf(find(page, '.submit-bar'))).toBe('应付：¥49.60去支付');
  expect(textOf(find(page, '.line'))).toBe('散养土鸡蛋30枚×2¥49.60');
});

test('closing the pay sheet keeps the order pending and lands on its detail', async () => {
  stubApi(ROUTES); // the setup's requestPayment answers 'fail cancel'
  const page = await openPage('packages/order/checkout/index');

  await submit(page);
  await flush();

  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消支付，可在订单中继续支付' }));
  expect(wxMock.redirectTo).toHaveBeenCalledWith({ url: '/packages/order/detail/index?id=order-1' });
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('create fails (%s): the error and 重试 show; 重试 reuses the same clientRequestId', async (_n, answer, message) => {
  const api = stubApi({ ...ROUTES, 'order.create': answer });
  const page = await openPage('packages/order/checkout/index');

  await submit(page);
  expect(textOf(find(page, '.submit-error'))).toBe(`下单失败：${message}重试`);
  expect(wxMock.requestPayment).not.toHaveBeenCalled();

  api.set({ 'order.create': CREATED });
  await tap(page, '.retry', '.van-button');
  await flush();

  const [first, second] = api.calls('order.create');
  expect(second.clientRequestId).toBe(first.clientRequestId);
  expect(wxMock.redirectTo).toHaveBeenCalled();
});

test('a sold-out refusal shows the reason; the next attempt gets a new clientRequestId', async () => {
  const api = stubApi({ ...ROUTES, 'order.create': failWith('OUT_OF_STOCK') });
  const page = await openPage('packages/order/checkout/index');

  await submit(page);
  expect(textOf(page)).toContain('下单失败：商品库存不足');
  await submit(page);

  const [first, second] = api.calls('order.create');
  expect(second.clientRequestId).not.toBe(first.clientRequestId);
});

test('without a pickup point it asks for one and creates nothing', async () => {
  const api = stubApi({ ...ROUTES, 'user.me': { ...ME, pickupPoint: null } });
  const page = await openPage('packages/order/checkout/index');

  expect(textOf(find(page, '.pickup-point'))).toContain('请选择自提点');
  await submit(page);

  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请先选择自提点' }));
  expect(api.calls('order.create')).toEqual([]);
  await tap(page, '.pickup-point', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/user/pickup-points/index' });
  checkoutStore.begin();
});
