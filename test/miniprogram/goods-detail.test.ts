import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, flush, tap, tapRetry } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { BATCH, EGGS } from './fixtures/demo';
import { shanghaiDate } from '../../miniprogram/lib/time';
import { cartStore } from '../../miniprogram/stores/cart';
import { catalogStore } from '../../miniprogram/stores/catalog';

const DETAIL = { ...EGGS, images: ['cloud://eggs.jpg'], description: '农家散养，当天现捡', batch: BATCH };

beforeEach(() => {
  resetWx();
  cartStore.clear();
  catalogStore.detail = null;
});

const open = () => openPage('packages/goods/detail/index', { id: 'bi-eggs' });

test('shows price, original price, limit, stock and description', async () => {
  const api = stubApi({ 'catalog.item': DETAIL });
  const page = await open();

  expect(api.calls('catalog.item')).toEqual([{ batchItemId: 'bi-eggs' }]);
  expect(textOf(find(page, '.info'))).toBe(
    '¥25.80¥32.80散养土鸡蛋30枚限购2件，您还可买2件已售40盒·剩60盒农家散养，当天现捡',
  );
});

test('N 位邻居已买 under the stock once somebody bought it', async () => {
  stubApi({ 'catalog.item': { ...DETAIL, neighbours: 8 } });
  const page = await open();
  expect(textOf(find(page, '.info'))).toContain('已售40盒·剩60盒8位邻居已买农家散养');
});

test('明日预告: an item of a batch not open yet says when it opens and cannot go in the cart', async () => {
  const tomorrow = shanghaiDate(Date.now() + 24 * 3600_000);
  const batch = { ...BATCH, phase: 'upcoming' as const, opensAt: `${tomorrow}T00:00:00.000Z` };
  stubApi({ 'catalog.item': { ...DETAIL, batch } });
  const page = await open();
  expect(textOf(find(page, '.closed'))).toBe('明天08:00开抢');
  expect(find(page, '.add-to-cart').data.disabled).toBe(true);
});

test('加入购物车 puts it in the cart and the cart icon counts it', async () => {
  stubApi({ 'catalog.item': DETAIL });
  const page = await open();

  await tap(page, '.add-to-cart', '.van-goods-action-button', '.van-button');

  expect(wxMock.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已加入购物车' }));
  expect(cartStore.lines).toEqual([expect.objectContaining({ batchItemId: 'bi-eggs', batchId: 'batch-1', qty: 1 })]);
  expect(textOf(page)).toContain('1购物车');
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'catalog.item': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'catalog.item': DETAIL });
  await tapRetry(page);
  expect(textOf(find(page, '.info'))).toContain('散养土鸡蛋30枚');
});

test('商品信息: 坏品包赔 badge, 产地, 保质期, 储存 and 资质 pictures that open full screen', async () => {
  const certs = ['cloud://certs/egg-report.jpg', 'cloud://certs/egg-farm.jpg'];
  stubApi({
    'catalog.item': {
      ...DETAIL,
      origin: '浙江安吉',
      shelfLife: '30 天',
      storage: { mode: 'chilled', note: '大头朝上' },
      certImages: certs,
      badGoodsPromise: '收到商品如有坏损，核实后按坏损数量退款',
    },
  });
  const page = await open();

  expect(textOf(find(page, '.product-info'))).toBe(
    '商品信息坏品包赔收到商品如有坏损，核实后按坏损数量退款产地浙江安吉保质期30天储存冷藏·大头朝上资质',
  );
  const images = page.querySelectorAll('.certs__image');
  expect(images).toHaveLength(2);
  images[1].dispatchEvent('tap');
  await flush();
  expect(wxMock.previewImage).toHaveBeenCalledWith({ current: certs[1], urls: certs });
});

test('商品信息 is left out when the product has none, and no badge without the promise', async () => {
  stubApi({ 'catalog.item': { ...DETAIL, certImages: [] } });
  const page = await open();
  expect(page.querySelector('.product-info')).toBeFalsy();

  catalogStore.detail = null;
  stubApi({ 'catalog.item': { ...DETAIL, certImages: [], origin: '浙江安吉' } });
  const other = await open();
  expect(textOf(find(other, '.product-info'))).toBe('商品信息产地浙江安吉');
});

test('评价: the average, the count and the newest reviews; a photo opens full screen', async () => {
  const photos = ['cloud://reviews/egg-1.jpg', 'cloud://reviews/egg-2.jpg'];
  const review = (id: string, stars: number, text: string, extra = {}) => ({
    _id: id,
    kind: 'goods',
    stars,
    text,
    photos: [],
    author: '张**',
    createdAt: '2026-12-02T02:00:00.000Z',
    ...extra,
  });
  stubApi({
    'catalog.item': {
      ...DETAIL,
      reviews: {
        count: 2,
        average: 4.5,
        recent: [review('r1', 5, '蛋黄很黄', { photos }), review('r2', 4, '', { author: '邻居' })],
      },
    },
  });
  const page = await open();

  expect(textOf(find(page, '.item-reviews', '.reviews__head'))).toBe('评价（2）4.5分');
  const rows = find(page, '.item-reviews').querySelectorAll('.review');
  expect(rows.map((r: any) => textOf(r))).toEqual(['张**2026-12-02蛋黄很黄', '邻居2026-12-02']);
  find(page, '.item-reviews').querySelectorAll('.review__photo')[1].dispatchEvent('tap');
  await flush();
  expect(wxMock.previewImage).toHaveBeenCalledWith({ current: photos[1], urls: photos });
});

test('评价 with none yet says so', async () => {
  stubApi({ 'catalog.item': { ...DETAIL, reviews: { count: 0, average: 0, recent: [] } } });
  const page = await open();
  expect(textOf(find(page, '.item-reviews'))).toBe('评价（0）还没有评价，取货后来说说吧');
});

test('成团: an item with a minimum shows its progress, the sentence and what happens below it', async () => {
  stubApi({ 'catalog.item': { ...DETAIL, minQuantity: 10, minimum: { paidQty: 7 } } });
  const page = await open();
  expect(textOf(find(page, '.group'))).toBe('已拼7/10盒·未成团自动退款截单时未达到10盒，所有订单自动全额退款');
  expect(find(page, '.group__bar').data.percentage).toBe(70);
  expect(page.querySelector('.progress')).toBeUndefined();

  catalogStore.detail = null;
  stubApi({ 'catalog.item': { ...DETAIL, minQuantity: 10, minimum: { paidQty: 10, outcome: 'ran' } } });
  expect(textOf(find(await open(), '.group'))).toBe('已成团');
});

test('an item without a minimum shows no 成团, only how much is sold', async () => {
  stubApi({ 'catalog.item': DETAIL });
  const page = await open();
  expect(page.querySelector('.group')).toBeUndefined();
  expect(find(page, '.progress').data.percentage).toBe(40);
});
