import { resetWx, wxMock } from './setup';
import { openPage, textOf, flush, find, tap, tapRetry } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { BATCH, BATCHES, CATEGORIES, EGGS, APPLES, MILK, ME, POINT_2 } from './fixtures/demo';
import { shanghaiDate } from '../../miniprogram/lib/time';
import { cartStore } from '../../miniprogram/stores/cart';
import { catalogStore } from '../../miniprogram/stores/catalog';
import { userStore } from '../../miniprogram/stores/user';
import { bannerStore } from '../../miniprogram/stores/banners';

const ROUTES = {
  'catalog.batches': BATCHES,
  'catalog.items': { batch: BATCH, items: [EGGS, APPLES, MILK], categories: CATEGORIES },
  'user.me': ME,
  'catalog.banners': { banners: [] },
};

let pages: { detach(): void }[] = [];
async function openHome(query: Record<string, string> = {}) {
  const page = await openPage('pages/home/index', query);
  await flush();
  pages.push(page);
  return page;
}

beforeEach(() => {
  resetWx();
  cartStore.clear();
  userStore.me = null;
  catalogStore.batch = null;
  catalogStore.items = [];
  catalogStore.cutoffPassed = false;
  catalogStore.categoryId = '';
  catalogStore.keyword = '';
  catalogStore.upcoming = null;
  catalogStore.previewItems = [];
  catalogStore.showingPreview = false;
  bannerStore.banners = [];
});
// The count-down ticks on a timer; detaching stops it.
afterEach(() => {
  pages.forEach((p) => p.detach());
  pages = [];
});

test('shows the batch with its count-down and each item with price, original price, stock and limit', async () => {
  const api = stubApi(ROUTES);
  const page = await openHome();

  expect(api.calls('catalog.items')).toEqual([{ batchId: 'batch-1' }]);
  expect(textOf(page)).toContain('5月20日今日团购');
  expect(textOf(page)).toMatch(/距截单0[45]时\d\d分\d\d秒/);
  const cards = page.querySelectorAll('.item-card').map((card) => textOf(card));
  expect(cards[0]).toBe('散养土鸡蛋30枚限购2件您还可买2件已售40盒·剩60盒¥25.80¥32.80加入购物车');
  // No discount: no struck-through price. Sold out: says so.
  expect(cards[1]).toBe('烟台红富士苹果5斤已售100袋·已售罄¥19.90加入购物车');
  expect(find(page, '.item-card__progress').data.percentage).toBe(40);
});

test('N 位邻居已买 on the cards somebody bought, nothing on the others', async () => {
  stubApi({
    ...ROUTES,
    'catalog.items': {
      batch: BATCH,
      items: [{ ...EGGS, neighbours: 12 }, APPLES, { ...MILK, neighbours: 1 }],
      categories: CATEGORIES,
    },
  });
  const page = await openHome();

  const cards = page.querySelectorAll('.item-card').map((card) => textOf(card));
  expect(cards[0]).toContain('已售40盒·剩60盒12位邻居已买¥25.80');
  expect(cards[1]).not.toContain('邻居');
  expect(cards[2]).toContain('1位邻居已买');
  expect(page.querySelectorAll('.item-card__neighbours')).toHaveLength(2);
});

test('加入购物车 adds to the cart and the card shows how many are in it', async () => {
  stubApi(ROUTES);
  const page = await openHome();

  await tap(page, '.add-to-cart', '.van-button');

  expect(wxMock.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已加入购物车' }));
  expect(textOf(find(page, '.item-card__in-cart'))).toBe('已加购1件');
  expect(cartStore.count).toBe(1);
});

test('the per-resident limit stops a third unit and says why', async () => {
  stubApi(ROUTES);
  const page = await openHome();

  await tap(page, '.add-to-cart', '.van-button');
  await tap(page, '.add-to-cart', '.van-button');
  await tap(page, '.add-to-cart', '.van-button');

  expect(wxMock.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '限购2件，您还可买2件' }));
  expect(textOf(find(page, '.item-card__in-cart'))).toBe('已加购2件');
});

test('opened from a leader share: attributes the visit (user.enter) before loading', async () => {
  const api = stubApi({ ...ROUTES, 'user.enter': { ...ME, referrerLeaderId: 'leader-9' } });
  await openHome({ leaderId: 'leader-9' });
  expect(api.calls('user.enter')).toEqual([{ leaderId: 'leader-9' }]);
});

test('opened from a neighbour’s 邀请有礼 share: user.enter carries the leader and the ref', async () => {
  const api = stubApi({ ...ROUTES, 'user.enter': ME });
  await openHome({ leaderId: 'leader-9', ref: 'abcd2345' });
  expect(api.calls('user.enter')).toEqual([{ leaderId: 'leader-9', ref: 'abcd2345' }]);
});

test('opened from a 小程序码: passes the decoded scene to user.enter', async () => {
  const api = stubApi({ ...ROUTES, 'user.enter': ME });
  await openHome({ scene: encodeURIComponent('l=leader-9&p=pp-1') });
  expect(api.calls('user.enter')).toEqual([{ scene: 'l=leader-9&p=pp-1' }]);
});

test('sharing carries the leader of my pickup point', async () => {
  stubApi(ROUTES);
  const page = await openHome();
  const share = (page.instance as any).onShareAppMessage();
  expect(share).toEqual({ title: '5月20日 今日团购', path: '/pages/home/index?leaderId=leader-1' });
});

test('pull-to-refresh reloads the items and stops the spinner', async () => {
  const api = stubApi(ROUTES);
  const page = await openHome();
  api.set({ 'catalog.items': { batch: BATCH, items: [MILK] } });

  await (page.instance as any).onPullDownRefresh();
  await flush();

  expect(page.querySelectorAll('.item-card')).toHaveLength(1);
  expect(wxMock.stopPullDownRefresh).toHaveBeenCalled();
});

test('a batch past its cut-off shows 本期已截单 and no add buttons work', async () => {
  const closed = { ...BATCH, cutoffAt: new Date(Date.now() - 60_000).toISOString() };
  stubApi({
    ...ROUTES,
    'catalog.batches': { ...BATCHES, open: [closed] },
    'catalog.items': { batch: closed, items: [EGGS] },
  });
  const page = await openHome();

  expect(textOf(page)).toContain('本期已截单');
  expect(find(page, '.add-to-cart').data.disabled).toBe(true);
});

test('成团: an item with a minimum shows how far it is (已拼 7/10) and that it is refunded if not reached; others keep the sold bar', async () => {
  const durian = {
    ...MILK,
    _id: 'bi-durian',
    title: '猫山王榴莲',
    unit: '份',
    minQuantity: 10,
    minimum: { paidQty: 7 },
  };
  stubApi({ ...ROUTES, 'catalog.items': { batch: BATCH, items: [EGGS, durian], categories: CATEGORIES } });
  const page = await openHome();

  const cards = page.querySelectorAll('.item-card').map((card) => textOf(card));
  expect(cards[0]).not.toContain('已拼');
  expect(cards[1]).toContain('已拼7/10份·未成团自动退款');
  // One sold bar (the eggs), one 成团 bar (the durian).
  expect(page.querySelectorAll('.item-card__progress').map((b) => b.data.percentage)).toEqual([40]);
  expect(page.querySelectorAll('.item-card__group-bar').map((b) => b.data.percentage)).toEqual([70]);
});

test('成团 after cut-off: 已成团 with a full bar, or 未成团 and its refund', async () => {
  const closed = { ...BATCH, cutoffAt: new Date(Date.now() - 60_000).toISOString() };
  const ran = { ...MILK, _id: 'bi-ran', minQuantity: 10, minimum: { paidQty: 12, outcome: 'ran' as const } };
  const failed = {
    ...EGGS,
    _id: 'bi-failed',
    minQuantity: 10,
    minimum: { paidQty: 7, outcome: 'not_running' as const },
  };
  const refunded = { ...failed, _id: 'bi-refunded', minimum: { ...failed.minimum, refunded: true } };
  stubApi({ ...ROUTES, 'catalog.items': { batch: closed, items: [ran, failed, refunded], categories: CATEGORIES } });
  const page = await openHome();

  const labels = page.querySelectorAll('.item-card__group-label').map((l) => textOf(l));
  expect(labels).toEqual(['已成团', '未成团，退款中', '未成团，已退款']);
  const bars = page.querySelectorAll('.item-card__group-bar').map((b) => b.data.percentage);
  expect(bars).toEqual([100, 70, 70]);
});

test('no batch today: the empty state says so', async () => {
  stubApi({ ...ROUTES, 'catalog.batches': { ...BATCHES, open: [] } });
  const page = await openHome();
  expect(textOf(page)).toContain('今天还没有团购商品');
});

test.each([
  ['the service answers UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['the call rejects', networkDown(), '网络不给力，请检查网络后重试'],
])('%s: the error and 重试 are shown, and 重试 loads again', async (_name, answer, message) => {
  const api = stubApi({ ...ROUTES, 'catalog.batches': answer });
  const page = await openHome();

  expect(textOf(page)).toContain(message);
  expect(page.querySelector('.item-card')).toBeUndefined();

  api.set({ 'catalog.batches': BATCHES });
  await tapRetry(page);
  await flush();

  expect(page.querySelectorAll('.item-card')).toHaveLength(3);
});

test('a long batch shows 20 cards at a time and the next 20 as the resident scrolls to the bottom', async () => {
  const many = Array.from({ length: 45 }, (_v, i) => ({ ...EGGS, _id: `bi-${i}`, title: `商品${i + 1}` }));
  stubApi({ ...ROUTES, 'catalog.items': { batch: BATCH, items: many } });
  const page = await openHome();
  const cards = () => page.querySelectorAll('.item-card').map((card) => textOf(card).slice(0, 4));
  expect(cards()).toHaveLength(20);
  expect(textOf(page)).toContain('上拉查看更多商品');
  (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
  await flush();
  expect(cards()).toHaveLength(40);
  (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
  await flush();
  expect(cards()).toHaveLength(45);
  expect(cards()[44]).toBe('商品45');
  expect(textOf(page)).not.toContain('上拉查看更多商品');
});

test('猜你喜欢: the server’s picks for this resident sit at the top once there is a model; a tap opens one', async () => {
  const api = stubApi({
    ...ROUTES,
    'catalog.recommend': { batchItemIds: [MILK._id, EGGS._id], basis: 'history' },
  });
  const page = await openHome();
  // The batch and its items come from the page's own load: one call more, not three; the point is the resident's.
  expect(api.calls('catalog.recommend')).toEqual([{ batchId: BATCH._id, pickupPointId: ME.pickupPoint!._id }]);
  expect(api.calls('catalog.items')).toHaveLength(1);
  expect(page.querySelectorAll('.suggestion').map((card) => textOf(card))).toEqual([
    '鲜牛奶950ml¥12.90',
    '散养土鸡蛋30枚¥25.80',
  ]);
  await tap(page, '.suggestion');
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: `/packages/goods/detail/index?id=${MILK._id}` });
});

test('猜你喜欢 stays away before the first model (the picks would only repeat the list) and when the call fails', async () => {
  stubApi({ ...ROUTES, 'catalog.recommend': { batchItemIds: [EGGS._id], basis: 'batch' } });
  const before = await openHome();
  expect(before.querySelector('.suggestions')).toBeUndefined();
  stubApi({ ...ROUTES, 'catalog.recommend': failWith('UNAVAILABLE') });
  const failed = await openHome();
  expect(failed.querySelector('.suggestions')).toBeUndefined();
  expect(failed.querySelectorAll('.item-card')).toHaveLength(3);
});

describe('the header: my pickup point and its leader', () => {
  const AVATAR = 'cloud://local-env.tuangou/avatars/oLEADER1/1.jpg';
  const withLeader = { ...ME, pickupLeader: { name: '王阿姨', avatar: AVATAR } };

  test('shows the point, 团长 and the leader’s avatar; a tap opens the pickup-point chooser', async () => {
    stubApi({ ...ROUTES, 'user.me': withLeader });
    const page = await openHome();
    const header = find(page, '.pickup');
    expect(textOf(header)).toBe('阳光花园东门自提点团长王阿姨切换›');
    expect((find(page, '.pickup__avatar') as any).data.src).toBe(AVATAR);
    header.dispatchEvent('tap');
    await flush();
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/user/pickup-points/index' });
  });

  test('a leader without an avatar: the name only; back from choosing another point, the header shows it', async () => {
    const api = stubApi({ ...ROUTES, 'user.me': { ...ME, pickupLeader: { name: '王阿姨' } } });
    const page = await openHome();
    expect(page.querySelector('.pickup__avatar')).toBeUndefined();
    api.set({ 'user.choosePickupPoint': { ...ME, pickupPoint: POINT_2, pickupLeader: { name: '李师傅' } } });
    await userStore.choosePickupPoint(POINT_2._id);
    await flush();
    expect(textOf(find(page, '.pickup'))).toBe('幸福里便利店团长李师傅切换›');
  });

  test('no point chosen yet: the header asks for one', async () => {
    stubApi({ ...ROUTES, 'user.me': { ...ME, pickupPoint: null } });
    const page = await openHome();
    expect(textOf(find(page, '.pickup'))).toBe('请选择自提点去选择›');
  });
});

describe('分类 and 搜索 over the day’s batch', () => {
  const titles = (page: Awaited<ReturnType<typeof openHome>>) =>
    page.querySelectorAll('.item-card__title').map((t) => textOf(t));
  const search = async (page: Awaited<ReturnType<typeof openHome>>, text: string) => {
    (find(page, '.search') as any).dispatchEvent('change', { detail: text });
    await flush();
  };

  test('a tab shows only its category; 全部 shows everything again; no extra call', async () => {
    const api = stubApi(ROUTES);
    const page = await openHome();
    const tabs = page.querySelectorAll('.tab');
    expect(tabs.map((t) => textOf(t))).toEqual(['全部', '生鲜', '水果', '乳品']);
    expect(tabs[0].dom!.className).toContain('tab--active');

    tabs[2].dispatchEvent('tap');
    await flush();
    expect(titles(page)).toEqual(['烟台红富士苹果5斤']);
    expect(page.querySelectorAll('.tab')[2].dom!.className).toContain('tab--active');
    expect(page.querySelectorAll('.tab')[0].dom!.className).not.toContain('tab--active');

    page.querySelectorAll('.tab')[0].dispatchEvent('tap');
    await flush();
    expect(titles(page)).toHaveLength(3);
    expect(api.calls('catalog.items')).toHaveLength(1);
  });

  test('search narrows the cards as the resident types, within the chosen tab', async () => {
    stubApi(ROUTES);
    const page = await openHome();
    await search(page, ' 牛奶 ');
    expect(titles(page)).toEqual(['鲜牛奶950ml']);
    page.querySelectorAll('.tab')[1].dispatchEvent('tap');
    await flush();
    // 生鲜 has no milk.
    expect(page.querySelectorAll('.item-card')).toHaveLength(0);
    expect(textOf(find(page, '.no-match'))).toContain('没有找到“牛奶”相关的商品');
  });

  test('a search with no results: the empty state says so, and 看看全部商品 brings every card back', async () => {
    stubApi(ROUTES);
    const page = await openHome();
    await search(page, '榴莲');
    expect(page.querySelectorAll('.item-card')).toHaveLength(0);
    expect(textOf(find(page, '.no-match'))).toBe('没有找到“榴莲”相关的商品看看全部商品');
    // Not the "nothing today" state: the batch has items.
    expect(textOf(page)).not.toContain('今天还没有团购商品');
    await tap(page, '.no-match__all', '.van-button');
    expect(titles(page)).toHaveLength(3);
    expect(page.querySelector('.no-match')).toBeUndefined();
    expect((page.instance as any).data.keyword).toBe('');
  });

  test('a long batch filtered by a tab pages from its first 20 again', async () => {
    const many = Array.from({ length: 45 }, (_v, i) => ({
      ...EGGS,
      _id: `bi-${i}`,
      title: `商品${i + 1}`,
      categoryId: i % 2 ? 'c-fruit' : 'c-fresh',
    }));
    stubApi({ ...ROUTES, 'catalog.items': { batch: BATCH, items: many, categories: CATEGORIES.slice(0, 2) } });
    const page = await openHome();
    (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
    await flush();
    expect(titles(page)).toHaveLength(40);
    page.querySelectorAll('.tab')[2].dispatchEvent('tap');
    await flush();
    // 22 fruit items: 20 shown, the rest on scroll.
    expect(titles(page)).toHaveLength(20);
    expect(titles(page)[0]).toBe('商品2');
    expect(textOf(page)).toContain('上拉查看更多商品');
  });

  test('a batch of one category has no tabs, only the search', async () => {
    stubApi({ ...ROUTES, 'catalog.items': { batch: BATCH, items: [EGGS], categories: CATEGORIES.slice(0, 1) } });
    const page = await openHome();
    expect(page.querySelector('.tabs')).toBeUndefined();
    expect(page.querySelector('.search')).toBeDefined();
  });
});

describe('明日预告: tomorrow’s batch before it opens', () => {
  // Tomorrow 08:00 Beijing time is 00:00 UTC of tomorrow's Shanghai date.
  const tomorrow = shanghaiDate(Date.now() + 24 * 3600_000);
  const TOMORROW = {
    ...BATCH,
    _id: 'batch-2',
    title: '明日团购',
    phase: 'upcoming' as const,
    opensAt: `${tomorrow}T00:00:00.000Z`,
    cutoffAt: `${tomorrow}T15:00:00.000Z`,
    pickupDate: '2024-05-22',
  };
  const YOGURT = {
    ...MILK,
    _id: 'bi-yogurt',
    batchId: 'batch-2',
    title: '原味酸奶 6杯',
    priceFen: 1590,
    originalPriceFen: 1990,
    limitPerUser: 2,
    remainingLimit: 2,
  };
  const TOMORROW_ROUTES = {
    ...ROUTES,
    'catalog.batches': { ...BATCHES, upcoming: [TOMORROW] },
    'catalog.items': ({ batchId }: { batchId: string }) =>
      batchId === TOMORROW._id
        ? { batch: TOMORROW, items: [YOGURT, { ...EGGS, _id: 'bi-eggs-2', batchId: 'batch-2' }], categories: [] }
        : { batch: BATCH, items: [EGGS, APPLES, MILK], categories: CATEGORIES },
  };
  const chooseDay = async (page: Awaited<ReturnType<typeof openHome>>, index: number) => {
    page.querySelectorAll('.day')[index].dispatchEvent('tap');
    await flush();
  };

  test('its items with prices and 明天 08:00 开抢, nothing to add to the cart; 今日团购 brings today back', async () => {
    const api = stubApi(TOMORROW_ROUTES);
    const page = await openHome();
    expect(page.querySelectorAll('.day').map((d) => textOf(d))).toEqual(['今日团购', '明日预告']);
    // Tomorrow's items are fetched when the resident asks for them, not with the first screen.
    expect(api.calls('catalog.items')).toEqual([{ batchId: 'batch-1' }]);

    await chooseDay(page, 1);
    expect(api.calls('catalog.items')).toEqual([{ batchId: 'batch-1' }, { batchId: 'batch-2' }]);
    expect(textOf(find(page, '.preview'))).toBe('明日预告·明日团购明天08:00开抢2024-05-22到自提点取货');
    expect(page.querySelectorAll('.preview-card').map((card) => textOf(card))).toEqual([
      '原味酸奶6杯限购2件¥15.90¥19.90明天08:00开抢',
      '散养土鸡蛋30枚限购2件¥25.80¥32.80明天08:00开抢',
    ]);
    expect(page.querySelector('.add-to-cart')).toBeUndefined();
    expect(page.querySelector('.search')).toBeUndefined();
    expect(cartStore.count).toBe(0);
    // A tap opens the item page (which says when it opens and cannot add to the cart).
    await tap(page, '.preview-card');
    expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/detail/index?id=bi-yogurt' });

    await chooseDay(page, 0);
    expect(page.querySelector('.preview')).toBeUndefined();
    expect(page.querySelectorAll('.item-card__title').map((t) => textOf(t))).toEqual([
      '散养土鸡蛋30枚',
      '烟台红富士苹果5斤',
      '鲜牛奶950ml',
    ]);
    expect(page.querySelectorAll('.day')[0].dom!.className).toContain('day--active');
  });

  test('no batch scheduled after today’s: no 明日预告 switch', async () => {
    stubApi(ROUTES);
    const page = await openHome();
    expect(page.querySelector('.days')).toBeUndefined();
  });

  test('tomorrow’s items fail to load: the error and 重试, which loads them', async () => {
    let fail = true;
    const api = stubApi({
      ...TOMORROW_ROUTES,
      'catalog.items': (input: { batchId: string }) =>
        input.batchId === TOMORROW._id && fail
          ? failWith('UNAVAILABLE')
          : (TOMORROW_ROUTES['catalog.items'] as (i: { batchId: string }) => unknown)(input),
    });
    const page = await openHome();
    await chooseDay(page, 1);
    expect(textOf(page)).toContain('服务繁忙，请稍后重试');
    expect(page.querySelector('.preview-card')).toBeUndefined();
    fail = false;
    await tapRetry(page);
    expect(page.querySelectorAll('.preview-card')).toHaveLength(2);
    expect(api.calls('catalog.items')).toHaveLength(3);
  });

  test('nothing open today, only tomorrow’s batch: the header says when it opens and nothing can be added', async () => {
    stubApi({
      ...TOMORROW_ROUTES,
      'catalog.batches': { ...BATCHES, open: [], upcoming: [TOMORROW] },
    });
    const page = await openHome();
    expect(textOf(find(page, '.batch'))).toContain('明天08:00开抢');
    expect(textOf(find(page, '.batch'))).not.toContain('本期已截单');
    expect(page.querySelector('.days')).toBeUndefined();
    expect(find(page, '.add-to-cart').data.disabled).toBe(true);
  });
});

describe('首页轮播图', () => {
  const BANNERS = [
    {
      image: 'cloud://env.bucket/banners/milk.jpg',
      link: { kind: 'item', productId: 'p-milk', title: '鲜牛奶 950ml' },
    },
    { image: 'cloud://env.bucket/banners/cart.jpg', link: { kind: 'page', page: 'pages/cart/index' } },
    { image: 'cloud://env.bucket/banners/leader.jpg', link: { kind: 'page', page: 'packages/leader/apply/index' } },
    { image: 'cloud://env.bucket/banners/plain.jpg' },
    {
      image: 'cloud://env.bucket/banners/durian.jpg',
      link: { kind: 'item', productId: 'p-durian', title: '猫山王榴莲' },
    },
  ];
  const tapBanner = async (page: Awaited<ReturnType<typeof openHome>>, index: number) => {
    page.querySelectorAll('.banner')[index].dispatchEvent('tap');
    await flush();
  };

  test('the banners set in the console, in a swiper above the batch, in their order', async () => {
    const api = stubApi({ ...ROUTES, 'catalog.banners': { banners: BANNERS } });
    const page = await openHome();
    expect(api.calls('catalog.banners')).toEqual([{}]);
    // One picture per banner (simulate keeps no src on <image>: the bound data is what each shows).
    expect(page.querySelectorAll('.banner__image')).toHaveLength(BANNERS.length);
    expect((page.instance as any).data.banners).toEqual(BANNERS.map((b) => b.image));
    // Above the batch header.
    const [swiper, batch] = [find(page, '.banners').dom!, find(page, '.batch').dom!];
    expect(swiper.compareDocumentPosition(batch) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  test('a tap opens the linked item of today’s batch, a tab page, another page; a plain picture does nothing', async () => {
    stubApi({ ...ROUTES, 'catalog.banners': { banners: BANNERS } });
    const page = await openHome();
    await tapBanner(page, 0);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/goods/detail/index?id=bi-milk' });
    await tapBanner(page, 1);
    expect(wxMock.switchTab).toHaveBeenLastCalledWith({ url: '/pages/cart/index' });
    await tapBanner(page, 2);
    expect(wxMock.navigateTo).toHaveBeenLastCalledWith({ url: '/packages/leader/apply/index' });
    const navigations = wxMock.navigateTo.mock.calls.length + wxMock.switchTab.mock.calls.length;
    await tapBanner(page, 3);
    expect(wxMock.navigateTo.mock.calls.length + wxMock.switchTab.mock.calls.length).toBe(navigations);
    // A product not in the batch on show: said so, nowhere to go.
    await tapBanner(page, 4);
    expect(wxMock.showToast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '猫山王榴莲今天没有团购' }));
    expect(wxMock.navigateTo.mock.calls.length + wxMock.switchTab.mock.calls.length).toBe(navigations);
  });

  test('none set, or they fail to load: no swiper, and the items show as ever', async () => {
    stubApi(ROUTES);
    const none = await openHome();
    expect(none.querySelector('.banners')).toBeUndefined();
    stubApi({ ...ROUTES, 'catalog.banners': failWith('UNAVAILABLE') });
    const failed = await openHome();
    expect(failed.querySelector('.banners')).toBeUndefined();
    expect(failed.querySelectorAll('.item-card')).toHaveLength(3);
    expect(textOf(failed)).not.toContain('服务繁忙');
  });
});
