import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, flush } from './helpers';
import { stubApi, failWith } from './api';
import { order } from './fixtures/demo';
import { orderStore } from '../../miniprogram/stores/order';
import { reviewStore } from '../../miniprogram/stores/review';
import { config } from '../../miniprogram/config';

/** 评价 (issue 13.6): after pickup, the order page offers 评价; the form sends stars, words, photos and the service. */
const PICKED = order({
  status: 'picked_up',
  lines: [
    { ...order().lines[0], pickedQty: 2 },
    {
      ...order().lines[0],
      batchItemId: 'bi-milk',
      title: '鲜牛奶 1L',
      unit: '瓶',
      priceFen: 1290,
      qty: 1,
      amountFen: 1290,
      pickedQty: 1,
    },
    // Did not run: refunded in full, never received, so not offered for a review.
    { ...order().lines[0], batchItemId: 'bi-durian', title: '榴莲', qty: 1, refundedQty: 1, pickedQty: 0 },
  ],
});
/** The order page also reads these; nothing about reviews depends on them. */
const PAGE = {
  'order.afterSales': [],
  'notify.templates': { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} },
  'user.pickupPoints': [],
};
const review = (id: string, stars: number, text: string, title?: string) => ({
  _id: id,
  kind: title ? 'goods' : 'service',
  stars,
  text,
  photos: [],
  author: '张**',
  createdAt: '2026-12-02T02:00:00.000Z',
  ...(title ? { title } : {}),
});
const REVIEWED = {
  canReview: false,
  goods: [review('r1', 4, '蛋很新鲜', '散养土鸡蛋 30枚'), review('r2', 5, '', '鲜牛奶 1L')],
  service: review('r3', 5, '王阿姨很热情'),
};

beforeEach(() => {
  resetWx();
  orderStore.current = null;
  reviewStore.mine = null;
  reviewStore.orderId = '';
  config.mode = 'cloud';
});
afterAll(() => {
  config.mode = 'cloud';
});

/** Taps the nth star (1-based) of a van-rate. */
async function star(page: any, host: string, n: number) {
  const icon: any = find(page, host).querySelectorAll('.van-rate__icon')[n - 1];
  icon.querySelector('.van-icon').dispatchEvent('tap');
  await flush();
}

test('a picked-up order not reviewed yet offers 评价, which opens the form', async () => {
  stubApi({ ...PAGE, 'order.detail': PICKED, 'order.reviews': { canReview: true, goods: [] } });
  const page = await openPage('packages/order/detail/index', { id: 'order-1' });
  await tap(page, '.review', '.van-button');
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/order/review/index?id=order-1' });
  expect(page.querySelector('.my-review')).toBeFalsy();
});

test('a reviewed order shows 我的评价 with stars, and no 评价 button', async () => {
  stubApi({ ...PAGE, 'order.detail': PICKED, 'order.reviews': REVIEWED });
  const page = await openPage('packages/order/detail/index', { id: 'order-1' });
  expect(page.querySelector('.review')).toBeFalsy();
  expect(page.querySelectorAll('.my-review').map((c: any) => textOf(c))).toEqual([
    '散养土鸡蛋30枚蛋很新鲜★★★★☆',
    '鲜牛奶1L★★★★★',
    '团长服务王阿姨很热情★★★★★',
  ]);
});

test('an order not picked up asks nothing about reviews', async () => {
  const api = stubApi({ ...PAGE, 'order.detail': order({ status: 'arrived', pickupCode: '384920' }) });
  const page = await openPage('packages/order/detail/index', { id: 'order-1' });
  expect(api.calls('order.reviews')).toEqual([]);
  expect(page.querySelector('.review')).toBeFalsy();
});

test('the form sends each item’s stars (5 unless changed), words and uploaded photos, and the service', async () => {
  const api = stubApi({
    'order.detail': PICKED,
    'order.reviews': { canReview: true, goods: [] },
    'order.review': REVIEWED,
  });
  wxMock.chooseMedia.mockImplementation((o: any) => o.success({ tempFiles: [{ tempFilePath: 'http://tmp/egg.jpg' }] }));
  wxMock.cloud.uploadFile.mockImplementation(() => Promise.resolve({ fileID: 'cloud://env/reviews/egg.jpg' }));
  const page = await openPage('packages/order/review/index', { id: 'order-1' });
  expect(
    page.querySelectorAll('.goods').map((g: any) => g.dom.getAttribute('title') ?? textOf(g).slice(0, 8)),
  ).toHaveLength(2);

  await star(page, '.goods-stars', 4);
  (page.instance as any).onText({ currentTarget: { dataset: { id: 'bi-eggs' } }, detail: ' 蛋很新鲜 ' });
  await tap(page, '.add-photo', '.van-button');
  expect(page.querySelectorAll('.photo')).toHaveLength(1);
  (page.instance as any).onServiceText({ detail: '王阿姨很热情' });
  await tap(page, '.submit-button', '.van-button');
  await flush();

  expect(api.calls('order.review')).toEqual([
    {
      orderId: 'order-1',
      goods: [
        { batchItemId: 'bi-eggs', stars: 4, text: '蛋很新鲜', photos: ['cloud://env/reviews/egg.jpg'] },
        { batchItemId: 'bi-milk', stars: 5, text: '', photos: [] },
      ],
      service: { stars: 5, text: '王阿姨很热情' },
    },
  ]);
  expect(wxMock.cloud.uploadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      filePath: 'http://tmp/egg.jpg',
      cloudPath: expect.stringMatching(/^reviews\/order-1\//),
    }),
  );
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '评价成功，谢谢你' }));
  expect(wxMock.navigateBack).toHaveBeenCalled();
  expect(reviewStore.mine).toEqual(REVIEWED);
});

test('refused (risky words): the message shows on the form and 重试 sends again', async () => {
  const api = stubApi({
    'order.detail': PICKED,
    'order.review': failWith('CONTENT_RISKY', '内容含有违规信息，请修改后再提交'),
  });
  const page = await openPage('packages/order/review/index', { id: 'order-1' });
  await tap(page, '.submit-button', '.van-button');
  await flush();
  expect(textOf(find(page, '.submit-error'))).toContain('内容含有敏感信息');
  expect(wxMock.navigateBack).not.toHaveBeenCalled();
  expect(textOf(find(page, '.submit-button'))).toBe('重试');

  api.set({ 'order.review': REVIEWED });
  await tap(page, '.submit-button', '.van-button');
  await flush();
  expect(api.calls('order.review')).toHaveLength(2);
  expect(wxMock.navigateBack).toHaveBeenCalled();
});

test('a failed photo upload sends no review and says the network failed', async () => {
  const api = stubApi({ 'order.detail': PICKED, 'order.review': REVIEWED });
  wxMock.chooseMedia.mockImplementation((o: any) => o.success({ tempFiles: [{ tempFilePath: 'http://tmp/egg.jpg' }] }));
  wxMock.cloud.uploadFile.mockImplementation(() => Promise.reject(new Error('upload failed')));
  const page = await openPage('packages/order/review/index', { id: 'order-1' });
  await tap(page, '.add-photo', '.van-button');
  await tap(page, '.submit-button', '.van-button');
  await flush();
  expect(api.calls('order.review')).toEqual([]);
  expect(textOf(find(page, '.submit-error'))).toContain('网络');
});

test('an order not picked up yet has nothing to rate: the form says so', async () => {
  stubApi({ 'order.detail': order({ status: 'paid', pickupCode: '384920' }) });
  const page = await openPage('packages/order/review/index', { id: 'order-1' });
  expect(textOf(page)).toContain('取货后才能评价');
  expect(page.querySelector('.submit-button')).toBeFalsy();
});
