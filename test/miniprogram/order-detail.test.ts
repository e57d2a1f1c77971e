import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { order, POINT } from './fixtures/demo';
import { orderStore } from '../../miniprogram/stores/order';
import { userStore } from '../../miniprogram/stores/user';
import { noticeStore } from '../../miniprogram/stores/notices';
import { qrDataUrl } from '../../miniprogram/lib/qr';

const PENDING = order();
const PAID = order({
  status: 'paid',
  paidFen: 5160,
  pickupCode: '384920',
  history: [
    { status: 'pending_payment', at: '2024-05-20T02:00:00.000Z' },
    { status: 'paid', at: '2024-05-20T02:01:00.000Z' },
  ],
});
const PAYMENT = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=1', signType: 'RSA', paySign: 's' };

beforeEach(() => {
  resetWx();
  orderStore.current = null;
  userStore.me = null;
  userStore.pickupPoints = [];
  noticeStore.templates = null;
  noticeStore.remaining = {};
});

/** What notify.templates answers: the refund template is not configured in this deployment. */
const TEMPLATES = {
  templates: { pickup: 'tmpl-pickup', reminder: 'tmpl-remind', refund: '' },
  remaining: { 'tmpl-pickup': 0, 'tmpl-remind': 1 },
};

const open = () => openPage('packages/order/detail/index', { id: 'order-1' });

test('a paid order shows its status, timeline, the big pickup code, the point and the lines', async () => {
  const api = stubApi({ 'order.detail': PAID, 'user.pickupPoints': [POINT] });
  const page = await open();

  expect(api.calls('order.detail')).toEqual([{ orderId: 'order-1' }]);
  expect(textOf(find(page, '.status'))).toBe('已支付，待到货');
  expect(textOf(find(page, '.pickup-code'))).toBe('取货码384920到自提点出示取货码，团长核销后取货');
  // The QR the leader scans carries this order's code.
  // (simulate keeps no src attribute on <image>, so the bound value is read from the page data.)
  find(page, '.pickup-code__qr');
  const src = (page as any).data.order.pickupQr;
  expect(src).toBe(qrDataUrl('384920'));
  expect(src).toMatch(/^data:image\/gif;base64,/);
  expect(textOf(find(page, '.timeline'))).toBe('已下单05-2010:00已支付05-2010:01已到货已取货');
  expect(textOf(find(page, '.pickup-point'))).toBe('阳光花园东门自提点（阳光花园3号楼底商）');
  expect(textOf(find(page, '.line'))).toBe('散养土鸡蛋30枚×2¥51.60');
  expect(page.querySelector('.pay')).toBeUndefined();
  // The goods have not arrived: nothing to complain about yet.
  expect(page.querySelector('.after-sale')).toBeUndefined();
});

test('申请售后 is offered once the goods have arrived, not before', async () => {
  stubApi({ 'order.detail': PAID, 'user.pickupPoints': [POINT] });
  expect((await open()).querySelector('.after-sale')).toBeUndefined();
  stubApi({ 'order.detail': { ...PAID, status: 'arrived' }, 'user.pickupPoints': [POINT], 'order.afterSales': [] });
  const page = await open();
  expect(textOf(find(page, '.after-sale'))).toBe('申请售后');
});

test('未成团: the lines whose item did not reach its minimum say so and whether the money is back', async () => {
  const tofu = { ...PAID.lines[0], batchItemId: 'bi-tofu', title: '卤水豆腐', qty: 1, amountFen: 300 };
  const refunding = order({
    ...PAID,
    lines: [{ ...PAID.lines[0], notRunning: 'refunding' }, tofu],
  });
  stubApi({ 'order.detail': refunding, 'user.pickupPoints': [POINT] });
  let page = await open();
  const lines = page.querySelectorAll('.line').map((l) => textOf(l));
  expect(lines).toEqual(['散养土鸡蛋30枚未成团，退款中×2¥51.60', '卤水豆腐×1¥3.00']);
  expect(textOf(find(page, '.not-running-hint'))).toBe('未成团的商品不发货，货款自动原路退回，无需申请');

  stubApi({
    'order.detail': { ...refunding, lines: [{ ...refunding.lines[0], notRunning: 'refunded', refundedQty: 2 }, tofu] },
    'user.pickupPoints': [POINT],
  });
  page = await open();
  expect(textOf(find(page, '.line'))).toBe('散养土鸡蛋30枚未成团，已退款×2（已退2）¥51.60');
  expect(textOf(find(page, '.not-running-hint'))).toBe('未成团的商品不发货，货款已原路退回');
});

test('an order whose items all ran says nothing about 成团', async () => {
  stubApi({ 'order.detail': PAID, 'user.pickupPoints': [POINT] });
  const page = await open();
  expect(page.querySelector('.not-running-hint')).toBeUndefined();
  expect(textOf(page)).not.toContain('未成团');
});

const REQUEST = {
  _id: 'as-1',
  orderId: 'order-1',
  orderNo: PAID.orderNo,
  reason: '商品破损',
  lines: [{ batchItemId: 'bi-1', title: '土鸡蛋 30枚', qty: 1, refundFen: 2580 }],
  refundFen: 2580,
  createdAt: '2024-05-21T02:00:00.000Z',
};

test('each after-sale request shows with its status and the admin’s reason', async () => {
  const api = stubApi({
    'order.detail': { ...PAID, status: 'picked_up' },
    'user.pickupPoints': [POINT],
    'order.afterSales': [
      { ...REQUEST, _id: 'as-2', status: 'refunded', reviewReason: '已核实' },
      { ...REQUEST, status: 'rejected', reviewReason: '照片看不出破损' },
      { ...REQUEST, _id: 'as-3', status: 'pending' },
    ],
  });
  const page = await open();
  expect(api.calls('order.afterSales')).toEqual([{ orderId: 'order-1' }]);
  expect(page.querySelectorAll('.after-sale-request').map((r) => textOf(r))).toEqual([
    '土鸡蛋30枚×1原因：商品破损；平台回复：已核实已退款¥25.80',
    '土鸡蛋30枚×1原因：商品破损；平台回复：照片看不出破损未通过',
    '土鸡蛋30枚×1原因：商品破损待审核',
  ]);
});

test('no requests, or they fail to load: no 售后进度 section, the order still shows', async () => {
  stubApi({ 'order.detail': { ...PAID, status: 'arrived' }, 'user.pickupPoints': [POINT], 'order.afterSales': [] });
  expect((await open()).querySelector('.after-sale-request')).toBeUndefined();
  stubApi({
    'order.detail': { ...PAID, status: 'arrived' },
    'user.pickupPoints': [POINT],
    'order.afterSales': failWith('UNAVAILABLE'),
  });
  const page = await open();
  expect(page.querySelector('.after-sale-request')).toBeUndefined();
  expect(textOf(find(page, '.after-sale'))).toBe('申请售后');
});

test('a paid order before cut-off can be cancelled for a full refund; the modal and toast say the money goes back', async () => {
  const api = stubApi({
    'order.detail': { ...PAID, cancellable: true },
    'user.pickupPoints': [POINT],
    'order.cancel': { cancelled: true, order: { ...PAID, status: 'refunding' } },
  });
  const page = await open();
  expect(textOf(find(page, '.status'))).toContain('截单前可取消订单，货款原路全额退回');

  await tap(page, '.cancel', '.van-button');
  await flush();

  expect(wxMock.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ content: '截单前取消，货款将原路全额退回。确定取消吗？' }),
  );
  expect(api.calls('order.cancel')).toEqual([{ orderId: 'order-1' }]);
  expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '已取消，货款原路退回', icon: 'success' });
  expect(page.querySelector('.cancel')).toBeUndefined();
});

test('after cut-off (not cancellable) a paid order offers no 取消订单', async () => {
  stubApi({ 'order.detail': { ...PAID, cancellable: false }, 'user.pickupPoints': [POINT] });
  const page = await open();
  expect(page.querySelector('.cancel')).toBeUndefined();
  expect(textOf(find(page, '.status'))).not.toContain('截单前可取消');
});

test('取消订单 on an unpaid order calls cancel and the status turns 已取消', async () => {
  const api = stubApi({
    'order.detail': PENDING,
    'user.pickupPoints': [POINT],
    'order.cancel': { cancelled: true, order: { ...PENDING, status: 'cancelled' } },
  });
  const page = await open();
  expect(textOf(find(page, '.status'))).toContain('待付款');

  await tap(page, '.cancel', '.van-button');
  await flush();

  expect(wxMock.showModal).toHaveBeenCalled();
  expect(api.calls('order.cancel')).toEqual([{ orderId: 'order-1' }]);
  expect(textOf(find(page, '.status'))).toBe('已取消');
  expect(page.querySelector('.cancel')).toBeUndefined();
});

test('去支付 prepares payment and runs the pay sheet with the server params', async () => {
  const api = stubApi({
    'order.detail': PENDING,
    'user.pickupPoints': [POINT],
    'pay.prepare': { orderNo: PENDING.orderNo, totalFen: 5160, payment: PAYMENT },
  });
  wxMock.requestPayment.mockImplementation((o: any) => {
    api.set({ 'order.detail': PAID });
    o.success({ errMsg: 'requestPayment:ok' });
  });
  const page = await open();

  await tap(page, '.pay', '.van-button');
  await flush();

  expect(wxMock.requestPayment).toHaveBeenCalledWith(expect.objectContaining(PAYMENT));
  expect(textOf(find(page, '.status'))).toBe('已支付，待到货');
  expect(textOf(find(page, '.pickup-code'))).toContain('384920');
});

test('申请售后 opens the after-sale page for this order', async () => {
  stubApi({ 'order.detail': { ...PAID, status: 'arrived' }, 'user.pickupPoints': [POINT], 'order.afterSales': [] });
  const page = await open();
  await tap(page, '.after-sale', '.van-button');
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/order/after-sale/index?id=order-1' });
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('detail fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'order.detail': answer, 'user.pickupPoints': [POINT] });
  const page = await open();
  expect(textOf(page)).toContain(message);
  expect(page.querySelector('.status')).toBeUndefined();

  api.set({ 'order.detail': PAID });
  await tapRetry(page);
  expect(textOf(find(page, '.status'))).toBe('已支付，待到货');
});

test('a paid order offers 订阅取货和退款通知 while a consent is missing: one sheet with exactly the configured ids, answers recorded, then it goes', async () => {
  const api = stubApi({
    'order.detail': PAID,
    'user.pickupPoints': [POINT],
    'order.afterSales': [],
    'notify.templates': TEMPLATES,
    'notify.recordSubscriptions': { remaining: { 'tmpl-pickup': 1, 'tmpl-remind': 2 } },
  });
  wxMock.requestSubscribeMessage.mockImplementation((o: any) =>
    o.success({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-pickup': 'accept', 'tmpl-remind': 'accept' }),
  );
  const page = await open();
  await flush();
  expect(textOf(find(page, '.subscribe'))).toBe('订阅取货和退款通知');

  await tap(page, '.subscribe', '.van-button');
  await flush();

  expect(wxMock.requestSubscribeMessage).toHaveBeenCalledTimes(1);
  expect(wxMock.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual(['tmpl-pickup', 'tmpl-remind']);
  expect(api.calls('notify.recordSubscriptions')).toEqual([
    { results: { 'tmpl-pickup': 'accept', 'tmpl-remind': 'accept' } },
  ]);
  expect(page.querySelector('.subscribe')).toBeUndefined();
});

test('no 订阅 button with every consent left, nor on a picked-up order, nor when nothing is configured', async () => {
  const routes = { 'user.pickupPoints': [POINT], 'order.afterSales': [] };
  const all = { ...TEMPLATES, remaining: { 'tmpl-pickup': 1, 'tmpl-remind': 1 } };
  const none = { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} };
  for (const [detail, templates] of [
    [PAID, all],
    [{ ...PAID, status: 'picked_up' }, TEMPLATES],
    [PAID, none],
  ] as const) {
    noticeStore.templates = null;
    stubApi({ ...routes, 'order.detail': detail, 'notify.templates': templates });
    const page = await open();
    await flush();
    expect(textOf(find(page, '.status'))).toBeTruthy();
    expect(page.querySelector('.subscribe')).toBeUndefined();
  }
});

test('去支付 asks for the configured templates in the tap itself, before paying', async () => {
  const api = stubApi({
    'order.detail': PENDING,
    'user.pickupPoints': [POINT],
    'notify.templates': { ...TEMPLATES, templates: { ...TEMPLATES.templates, refund: 'tmpl-refund' } },
    'notify.recordSubscriptions': { remaining: {} },
    'pay.prepare': { orderNo: PENDING.orderNo, totalFen: 5160, payment: PAYMENT },
  });
  const page = await open();
  await flush();
  let askedBeforePrepare = false;
  api.set({
    'pay.prepare': () => {
      askedBeforePrepare = wxMock.requestSubscribeMessage.mock.calls.length === 1;
      return { orderNo: PENDING.orderNo, totalFen: 5160, payment: PAYMENT };
    },
  });

  // The handler is synchronous: the sheet is asked for before it returns.
  (page.instance as any).onPay();
  expect(wxMock.requestSubscribeMessage.mock.calls[0][0].tmplIds).toEqual([
    'tmpl-pickup',
    'tmpl-remind',
    'tmpl-refund',
  ]);
  await flush();

  expect(askedBeforePrepare).toBe(true);
  expect(wxMock.requestPayment).toHaveBeenCalledWith(expect.objectContaining(PAYMENT));
});
