import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { order } from './fixtures/demo';
import { orderStore } from '../../miniprogram/stores/order';
import { config } from '../../miniprogram/config';

const PAID = order({ status: 'paid', pickupCode: '384920' });
const AFTER_SALE = {
  _id: 'as-1',
  orderId: 'order-1',
  status: 'pending',
  refundFen: 2580,
  lines: [],
  createdAt: '2024-05-20T05:00:00.000Z',
};

beforeEach(() => {
  resetWx();
  orderStore.current = null;
  config.mode = 'cloud';
});
afterAll(() => {
  config.mode = 'cloud';
});

const open = () => openPage('packages/order/after-sale/index', { id: 'order-1' });

async function fillIn(page: any) {
  await tap(page, '.qty', '.van-stepper__plus');
  (page.instance as any).onReason({ detail: { value: 0 } }); // the native picker's change
  await flush();
}

test('lists the order lines to pick from; the reason starts unchosen', async () => {
  stubApi({ 'order.detail': PAID });
  const page = await open();
  expect(textOf(find(page, '.line'))).toBe('散养土鸡蛋30枚¥25.80');
  expect(textOf(find(page, '.reason'))).toBe('原因请选择');
});

test('submits the chosen lines, reason, description and uploaded photos', async () => {
  const api = stubApi({ 'order.detail': PAID, 'order.afterSale': AFTER_SALE });
  wxMock.chooseMedia.mockImplementation((o: any) =>
    o.success({ tempFiles: [{ tempFilePath: 'http://tmp/broken.jpg' }] }),
  );
  wxMock.cloud.uploadFile.mockImplementation(() => Promise.resolve({ fileID: 'cloud://env/after-sale/broken.jpg' }));
  const page = await open();

  await fillIn(page);
  expect(textOf(find(page, '.reason'))).toBe('原因商品破损');
  await tap(page, '.add-photo', '.van-button');
  expect(page.querySelectorAll('.photo')).toHaveLength(1);
  (page.instance as any).onDescription({ detail: '蛋壳碎了两个' });
  await tap(page, '.submit-button', '.van-button');
  await flush();

  expect(api.calls('order.afterSale')).toEqual([
    {
      orderId: 'order-1',
      lines: [{ batchItemId: 'bi-eggs', qty: 1 }],
      reason: '商品破损',
      description: '蛋壳碎了两个',
      photos: ['cloud://env/after-sale/broken.jpg'],
    },
  ]);
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '售后申请已提交' }));
  expect(wxMock.navigateBack).toHaveBeenCalled();
});

test('local mode (no cloud storage) offers no photos and shows no developer note; it submits without them', async () => {
  config.mode = 'local';
  wxMock.request.mockImplementation((o: any) => {
    const { action } = o.data;
    const data = action === 'detail' ? PAID : AFTER_SALE;
    o.success({ statusCode: 200, data: { ok: true, data } });
  });
  const page = await open();

  expect(textOf(page)).not.toContain('本地模式');
  expect(page.querySelector('.add-photo')).toBeUndefined();
  await fillIn(page);
  await tap(page, '.submit-button', '.van-button');
  await flush();

  expect(wxMock.cloud.uploadFile).not.toHaveBeenCalled();
  const sent = wxMock.request.mock.calls.map((c: any[]) => c[0].data).find((d: any) => d.action === 'afterSale');
  expect(sent.photos).toEqual([]);
});

test('a refused request shows why and offers 重试', async () => {
  stubApi({ 'order.detail': PAID, 'order.afterSale': failWith('CONTENT_RISKY') });
  const page = await open();
  await fillIn(page);
  await tap(page, '.submit-button', '.van-button');

  expect(textOf(find(page, '.submit-error'))).toBe('提交失败：内容含有敏感信息，请修改后重试');
  expect(textOf(find(page, '.submit-button'))).toBe('重试');
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('loading the order fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'order.detail': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'order.detail': PAID });
  await tapRetry(page);
  expect(textOf(find(page, '.line'))).toContain('散养土鸡蛋30枚');
});
