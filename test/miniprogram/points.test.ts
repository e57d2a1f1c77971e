import { resetWx, wxMock } from './setup';
import fs from 'fs';
import path from 'path';
import { openPage, textOf, find, tap, tapRetry, flush, MINIPROGRAM_ROOT } from './helpers';
import { stubApi, failWith } from './api';
import { ME, order } from './fixtures/demo';
import { cartStore } from '../../miniprogram/stores/cart';
import { couponStore } from '../../miniprogram/stores/coupons';
import { pointsStore } from '../../miniprogram/stores/points';
import { userStore } from '../../miniprogram/stores/user';
import { noticeStore } from '../../miniprogram/stores/notices';
import type { PointsEntryView, PointsSummary } from '../../typings/points';

/** 积分与会员 on the phone (issue 13.3): 我的积分, 我的, the checkout's 积分抵扣 and the order's figure. */
const SUMMARY: PointsSummary = {
  balance: 1234,
  expiring: { points: 200, on: '2026-12-31' },
  level: {
    name: '银卡会员',
    spendFen: 45_000,
    next: { name: '金卡会员', needFen: 55_000 },
    monthlyCoupon: { title: '银卡会员月券', taken: false },
  },
  // 10 points are ¥1: one point is 10 fen, so points and fen never read alike.
  rule: { enabled: true, earnPerYuan: 2, pointsPerYuan: 10, maxPercent: 20, reviewPoints: 15 },
};

const entry = (n: number, over: Partial<PointsEntryView> = {}): PointsEntryView => ({
  id: `pe-${n}`,
  kind: 'earn',
  points: 10 + n,
  // 20:00 UTC is the next day in Shanghai.
  at: '2026-11-30T20:00:00.000Z',
  orderNo: `20261201${String(n).padStart(4, '0')}`,
  ...over,
});
const PAGE_1 = {
  items: [entry(1, { kind: 'spend', points: -93 }), ...Array.from({ length: 19 }, (_, i) => entry(i + 2))],
  page: 1,
  pageSize: 20,
  hasMore: true,
};
const PAGE_2 = {
  items: [entry(21, { kind: 'review', points: 15, orderNo: undefined })],
  page: 2,
  pageSize: 20,
  hasMore: false,
};

beforeEach(() => {
  resetWx();
  pointsStore.summary = null;
  pointsStore.use = false;
  couponStore.cart = null;
  couponStore.chosenIds = [];
  cartStore.clear();
  userStore.me = null;
  noticeStore.templates = null;
});

describe('我的积分', () => {
  const routes = {
    'order.points.summary': SUMMARY,
    'order.points.history': (input: { page: number }) => (input.page === 1 ? PAGE_1 : PAGE_2),
  };

  test('the balance, what expires, the level with what the next one needs, and the rules', async () => {
    stubApi(routes);
    const page = await openPage('packages/user/points/index');
    expect(textOf(find(page, '.balance'))).toBe('我的积分1234200积分将于2026-12-31过期');
    expect(textOf(find(page, '.level'))).toBe('银卡会员近12个月消费¥450.00还差¥550.00升级为金卡会员');
    expect((page.instance.data as any).summary.progress).toBe(45);
    expect(page.querySelectorAll('.rule').map((r: any) => textOf(r))).toEqual([
      '每消费¥1得2积分（取货后到账）',
      '10积分抵¥1，最多抵扣订单20%',
      '评价得15积分',
      '积分在获得次年年底前有效',
    ]);
  });

  test('the top level says so; nothing expiring says nothing; points switched off say they are paused', async () => {
    stubApi({
      ...routes,
      'order.points.summary': {
        ...SUMMARY,
        expiring: { points: 0, on: '2026-12-31' },
        level: { name: '钻石会员', spendFen: 400_000 },
        rule: { ...SUMMARY.rule, enabled: false },
      },
    });
    const page = await openPage('packages/user/points/index');
    expect(textOf(find(page, '.balance'))).toBe('我的积分1234');
    expect(textOf(find(page, '.level'))).toBe('钻石会员近12个月消费¥4000.00已是最高等级');
    expect(page.querySelector('.monthly-coupon')).toBeFalsy();
    expect(page.querySelectorAll('.rule').map((r: any) => textOf(r))).toEqual(['积分活动暂停中：暂不累积也不能抵扣']);
  });

  test('积分明细: kind, signed points, the Shanghai day and the order; 加载更多 brings page 2, then 没有更多了', async () => {
    const api = stubApi(routes);
    const page = await openPage('packages/user/points/index');
    const rows = () => page.querySelectorAll('.entry').map((e: any) => textOf(e));
    expect(api.calls('order.points.history')).toEqual([{ page: 1, pageSize: 20 }]);
    expect(rows()).toHaveLength(20);
    expect(rows()[0]).toBe('下单抵扣2026-12-01订单202612010001-93');
    expect(rows()[1]).toBe('取货获得2026-12-01订单202612010002+12');

    await tap(page, '.load-more', '.van-button');
    expect(api.calls('order.points.history')).toEqual([
      { page: 1, pageSize: 20 },
      { page: 2, pageSize: 20 },
    ]);
    expect(rows()).toHaveLength(21);
    expect(rows()[20]).toBe('评价奖励2026-12-01+15');
    expect(textOf(find(page, '.more'))).toBe('没有更多了');
  });

  test('领取本月会员券 takes it once: the button then says 已领取 and cannot be tapped again', async () => {
    const api = stubApi({ ...routes, 'order.points.monthlyCoupon': { _id: 'cl-9', title: '银卡会员月券' } });
    const page = await openPage('packages/user/points/index');
    expect(textOf(find(page, '.monthly-coupon'))).toBe('本月会员券银卡会员月券领取本月会员券');

    api.set({
      'order.points.summary': {
        ...SUMMARY,
        level: { ...SUMMARY.level, monthlyCoupon: { title: '银卡会员月券', taken: true } },
      },
    });
    await tap(page, '.take', '.van-button');
    await flush();
    expect(api.calls('order.points.monthlyCoupon')).toEqual([{}]);
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '领取成功，下单时自动使用' }));
    expect(textOf(find(page, '.monthly-coupon'))).toBe('本月会员券银卡会员月券已领取');

    await tap(page, '.take', '.van-button');
    expect(api.calls('order.points.monthlyCoupon')).toHaveLength(1);
  });

  test.each([
    ['INVALID_STATE', '领不了了：本月会员券已抢光或已过期'],
    ['UNAVAILABLE', '服务繁忙，请稍后重试'],
  ] as const)('a refused coupon (%s) says why; the button stays', async (code, text) => {
    stubApi({ ...routes, 'order.points.monthlyCoupon': failWith(code) });
    const page = await openPage('packages/user/points/index');
    await tap(page, '.take', '.van-button');
    expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: text }));
    expect(textOf(find(page, '.monthly-coupon'))).toContain('领取本月会员券');
  });

  test('the summary fails: its error and 重试; 重试 shows the figures', async () => {
    const api = stubApi({ ...routes, 'order.points.summary': failWith('UNAVAILABLE') });
    const page = await openPage('packages/user/points/index');
    expect(textOf(find(page, '.state'))).toContain('服务繁忙，请稍后重试');
    expect(page.querySelector('.balance')).toBeFalsy();
    api.set({ 'order.points.summary': SUMMARY });
    await tapRetry(page);
    expect(textOf(find(page, '.balance'))).toContain('1234');
  });
});

test('我的 shows the points and the level, linking to 我的积分', async () => {
  stubApi({ 'user.me': ME, 'order.points.summary': SUMMARY });
  const page = await openPage('pages/me/index');
  expect(textOf(find(page, '.points'))).toBe('银卡会员积分明细、会员券1234积分');
  await tap(page, '.points', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/user/points/index' }));
});

test('the order page shows 积分抵扣 -¥x when the order used points, and no row when not', async () => {
  const used = order({ status: 'paid', totalFen: 4230, points: { used: 93, fen: 930 } });
  const api = stubApi({
    'user.me': ME,
    'order.detail': used,
    'user.pickupPoints': [],
    'order.afterSales': [],
    'notify.templates': { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} },
  });
  const page = await openPage('packages/order/detail/index', { id: 'order-1' });
  expect(textOf(find(page, '.points'))).toBe('积分抵扣93积分-¥9.30');
  api.set({ 'order.detail': order({ status: 'paid' }) });
  await (page.instance as any).onLoad({ id: 'order-1' });
  await flush();
  expect(page.querySelector('.points')).toBeFalsy();
});

describe('checkout 积分抵扣', () => {
  const EGGS = { batchItemId: 'bi-eggs', batchId: 'batch-1', title: '散养土鸡蛋 30枚', priceFen: 2580 };
  const COUPON = {
    _id: 'cl-1',
    couponId: 'cp-1',
    title: '满30减5',
    kind: 'threshold',
    thresholdFen: 3000,
    offFen: 500,
    categoryIds: [],
    validFrom: '2026-12-01',
    validTo: '2026-12-31',
    state: 'unused',
    claimedAt: '2026-12-02T01:00:00.000Z',
    applies: true,
    discountFen: 500,
  };
  const routes = {
    'user.me': ME,
    'notify.templates': { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} },
    'order.coupons.forCart': { listTotalFen: 5160, coupons: [COUPON], bestId: 'cl-1' },
    'order.points.summary': SUMMARY,
    'order.create': order({ totalFen: 3730, points: { used: 93, fen: 930 } }),
  };
  beforeEach(() => cartStore.add(EGGS, 2));
  const submit = (page: any) => tap(page, '.submit-bar', '.van-submit-bar__button', '.van-button');
  const toggle = (page: any) => tap(page, '.points-switch', '.van-switch');

  test('offers the points on what is left after the coupon; switched on, the total goes down and the order asks for them', async () => {
    const api = stubApi(routes);
    const page = await openPage('packages/order/checkout/index');
    // ¥51.60 − ¥5.00 = ¥46.60; 20% of it is ¥9.32, at 10 fen a point 93 points (¥9.30).
    expect(textOf(find(page, '.points'))).toBe('积分抵扣可用93积分抵¥9.30');
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥46.60提交订单');

    await toggle(page);
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥37.30提交订单');
    wxMock.requestPayment.mockImplementation(() => undefined); // the pay sheet stays open
    void submit(page);
    await flush();
    await flush();
    expect((api.calls('order.create') as any[])[0]).toMatchObject({ couponIds: ['cl-1'], usePoints: true });
    // The order took them: the row says so and can no longer be switched.
    expect(textOf(find(page, '.points'))).toBe('积分抵扣已用93积分抵¥9.30');
    expect(textOf(find(page, '.submit-bar'))).toBe('应付：¥37.30去支付');
  });

  test('left off, the order does not ask for points', async () => {
    const api = stubApi(routes);
    const page = await openPage('packages/order/checkout/index');
    await toggle(page);
    await toggle(page);
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥46.60提交订单');
    await submit(page);
    expect((api.calls('order.create') as any[])[0]).not.toHaveProperty('usePoints');
  });

  test.each([
    ['points are switched off', { ...SUMMARY, rule: { ...SUMMARY.rule, enabled: false } }],
    ['the balance is 0', { ...SUMMARY, balance: 0 }],
    // 1% of ¥46.60 is 46 fen, less than one point at ¥1 a point.
    ['the cap is less than a point', { ...SUMMARY, rule: { ...SUMMARY.rule, pointsPerYuan: 1, maxPercent: 1 } }],
    ['the summary fails', failWith('UNAVAILABLE')],
  ])('no row when %s; the order asks for none', async (_n, summary) => {
    const api = stubApi({ ...routes, 'order.points.summary': summary });
    const page = await openPage('packages/order/checkout/index');
    expect(page.querySelector('.points')).toBeFalsy();
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥46.60提交订单');
    await submit(page);
    expect((api.calls('order.create') as any[])[0]).not.toHaveProperty('usePoints');
  });

  test('a refusal of the order shows why, with 重试', async () => {
    stubApi({ ...routes, 'order.create': failWith('INVALID_INPUT') });
    const page = await openPage('packages/order/checkout/index');
    await toggle(page);
    await submit(page);
    expect(textOf(find(page, '.submit-error'))).toBe('下单失败：提交的信息有误，请检查后重试重试');
  });
});

test('the built pages carry the shared rule themselves: WeChat loads nothing outside miniprogramRoot', () => {
  for (const file of ['stores/points.js', 'packages/user/points/index.js']) {
    const code = fs.readFileSync(path.join(MINIPROGRAM_ROOT, file), 'utf8');
    expect(code).not.toMatch(/require\("(\.\.\/)+typings\//);
  }
  expect(fs.readFileSync(path.join(MINIPROGRAM_ROOT, 'stores/points.js'), 'utf8')).toContain(
    'function pointsDiscount(',
  );
});
