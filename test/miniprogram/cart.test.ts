import { resetWx, wxMock } from './setup';
import { renderPage, openPage, textOf, flush, find, tap } from './helpers';
import { stubApi, failWith } from './api';
import { APPLES, BATCH, BATCHES, EGGS as EGGS_ITEM, MILK as MILK_ITEM } from './fixtures/demo';
import { cartStore } from '../../miniprogram/stores/cart';

const EGGS = {
  batchItemId: 'bi-eggs',
  batchId: 'batch-1',
  title: '散养土鸡蛋 30枚',
  image: '/images/products/egg.jpg',
  priceFen: 1290,
};
const MILK = { batchItemId: 'bi-milk', batchId: 'batch-1', title: '鲜牛奶 950ml', priceFen: 990 };
const LATEST = {
  'catalog.items': {
    serverNow: new Date().toISOString(),
    batch: BATCH,
    items: [
      { ...EGGS_ITEM, priceFen: 1290, limitPerUser: 0, remainingLimit: null },
      { ...MILK_ITEM, priceFen: 990 },
    ],
  },
};

beforeEach(() => {
  resetWx();
  cartStore.clear();
});

/** Renders without onShow, i.e. before re-validation answers. */
async function openCart() {
  const page = renderPage('pages/cart/index');
  await flush();
  return page;
}

const submitBarText = (page: ReturnType<typeof renderPage>) => textOf(find(page, '.submit-bar'));

test('shows each line with its picture and unit price (小计 beside it), and the total to pay', async () => {
  stubApi(LATEST);
  cartStore.add(EGGS, 2);
  cartStore.add(MILK);

  const page = await openPage('pages/cart/index');

  const lines = page.querySelectorAll('.cart-line');
  // 2 × ¥12.90: the price reads ¥12.90, not the line's ¥25.80.
  expect(lines.map((line) => textOf(line))).toEqual(['散养土鸡蛋30枚¥12.90小计¥25.80', '鲜牛奶950ml¥9.90']);
  expect(textOf(find(page, '.cart-line__price'))).toBe('¥12.90');
  // A picture for the eggs (an <image>), a grey box for the milk that has none.
  expect(find(page, '.cart-line__thumb').dom!.tagName).toBe('WX-IMAGE');
  expect((page.instance.data as any).lines[0].image).toBe('/images/products/egg.jpg');
  expect(page.querySelectorAll('.cart-line__thumb--none')).toHaveLength(1);
  // The lines sit in .cart-list, padded off the navigation bar and clear of the fixed submit bar.
  expect(textOf(find(page, '.cart-list'))).toBe('散养土鸡蛋30枚¥12.90小计¥25.80鲜牛奶950ml¥9.90');
  expect(submitBarText(page)).toBe('合计：¥35.70去结算(3)');
});

test('tapping plus on the stepper raises the quantity, the total and what is stored', async () => {
  cartStore.add(EGGS, 2);
  const page = await openCart();
  expect(submitBarText(page)).toContain('¥25.80');

  await tap(page, '.qty', '.van-stepper__plus');

  expect(submitBarText(page)).toBe('合计：¥38.70去结算(3)');
  expect(find(page, '.qty').data.currentValue).toBe('3'); // the stepper's input text
  expect(wxMock.getStorageSync('cart')).toEqual([{ ...EGGS, qty: 3 }]);
});

test('minus on the last unit removes the line; an emptied cart shows the empty state', async () => {
  cartStore.add(EGGS);
  const page = await openCart();

  await tap(page, '.qty', '.van-stepper__minus');

  expect(page.querySelector('.submit-bar')).toBeUndefined();
  expect(textOf(find(page, '.cart-empty'))).toContain('购物车是空的');
});

test('an empty cart says so and offers a way back to shopping', async () => {
  const page = await openCart();

  expect(textOf(page)).toBe('购物车是空的去逛逛');
  await tap(page, '.go-shopping', '.van-button');
  expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/home/index' });
});

test('changes made elsewhere (another page adding to the cart) show up live', async () => {
  const page = await openCart();
  cartStore.add(MILK, 2);
  await flush();
  expect(submitBarText(page)).toBe('合计：¥19.80去结算(2)');
});

test('re-validation: a new price is taken over and said; sold-out and over-limit lines are flagged and left out', async () => {
  stubApi({
    'catalog.items': {
      serverNow: new Date().toISOString(),
      batch: BATCH,
      items: [
        { ...EGGS_ITEM, priceFen: 1490, limitPerUser: 2, remainingLimit: 1 },
        { ...MILK_ITEM, priceFen: 990, stock: 0, soldOut: true },
      ],
    },
  });
  cartStore.add(EGGS, 1);
  cartStore.add(MILK, 1);
  cartStore.add({ batchItemId: 'bi-gone', batchId: 'batch-1', title: '下架的菜', priceFen: 500 });

  const page = await openPage('pages/cart/index');

  const lines = page.querySelectorAll('.cart-line').map((line) => textOf(line));
  expect(lines).toEqual([
    '散养土鸡蛋30枚¥14.90价格已调整：¥12.90→¥14.90',
    '鲜牛奶950ml¥9.90已售罄',
    '下架的菜¥5.00商品已下架',
  ]);
  expect(submitBarText(page)).toBe('合计：¥14.90去结算(1)');

  // Two eggs break the remaining limit of one.
  await tap(page, '.qty', '.van-stepper__plus');
  expect(textOf(page.querySelectorAll('.cart-line')[0])).toContain('限购2件，您还可买1件');
  expect(submitBarText(page)).toBe('合计：¥0.00去结算(0)');
});

test('去结算 opens checkout', async () => {
  stubApi(LATEST);
  cartStore.add(EGGS);
  const page = await openPage('pages/cart/index');

  await tap(page, '.submit-bar', '.van-submit-bar__button', '.van-button');

  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/order/checkout/index' });
});

test('re-validation failing says so with 重试, and the cart stays usable', async () => {
  const api = stubApi({ 'catalog.items': failWith('UNAVAILABLE') });
  cartStore.add(EGGS);
  const page = await openPage('pages/cart/index');

  expect(textOf(page)).toContain('未能核对最新价格和库存：服务繁忙，请稍后重试');
  expect(submitBarText(page)).toBe('合计：¥12.90去结算(1)');

  api.set(LATEST);
  await tap(page, '.retry', '.van-button');
  expect(textOf(page)).not.toContain('未能核对');
  expect(api.calls('catalog.items')).toHaveLength(2);
});

describe('猜你喜欢 under the cart', () => {
  // The server picks milk, eggs and apples; apples left the batch since, so only what the batch still has shows.
  const PICKS = { batchItemIds: [MILK_ITEM._id, EGGS_ITEM._id, APPLES._id], basis: 'history' };

  test("shows the server's picks for the open batch, minus what is in the cart; + adds one and it leaves the list", async () => {
    const api = stubApi({ ...LATEST, 'catalog.batches': BATCHES, 'catalog.recommend': PICKS });
    cartStore.add(EGGS);
    const page = await openPage('pages/cart/index');

    expect(api.calls('catalog.recommend')).toEqual([{ batchId: BATCH._id }]);
    expect(page.querySelectorAll('.suggestion').map((card) => textOf(card))).toEqual(['鲜牛奶950ml¥9.90+']);

    await tap(page, '.suggestion__add');
    expect(cartStore.lines.map((l) => l.batchItemId)).toEqual([EGGS.batchItemId, MILK_ITEM._id]);
    expect(page.querySelector('.suggestions')).toBeUndefined();
    // + adds without opening the item; a tap on the card opens it.
    expect(wxMock.navigateTo).not.toHaveBeenCalled();
  });

  test('an empty cart offers them below 去逛逛; a failed recommendation only hides the section', async () => {
    const api = stubApi({ ...LATEST, 'catalog.batches': BATCHES, 'catalog.recommend': PICKS });
    const page = await openPage('pages/cart/index');
    expect(textOf(find(page, '.cart-empty'))).toContain('购物车是空的');
    expect(page.querySelectorAll('.suggestion').map((card) => textOf(card))).toEqual([
      '鲜牛奶950ml¥9.90+',
      '散养土鸡蛋30枚¥12.90+',
    ]);
    await tap(page, '.suggestion');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: `/packages/goods/detail/index?id=${MILK_ITEM._id}` });

    api.set({ 'catalog.recommend': failWith('UNAVAILABLE') });
    page.instance.onShow();
    await flush();
    expect(page.querySelector('.suggestions')).toBeUndefined();
    expect(textOf(find(page, '.cart-empty'))).toContain('购物车是空的');
  });
});
