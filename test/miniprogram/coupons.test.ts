import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, flush } from './helpers';
import { stubApi, failWith } from './api';
import { ME, order } from './fixtures/demo';
import { cartStore } from '../../miniprogram/stores/cart';
import { couponStore } from '../../miniprogram/stores/coupons';
import { userStore } from '../../miniprogram/stores/user';
import { noticeStore } from '../../miniprogram/stores/notices';

/** Coupons on the phone (issue 13.1): 领券中心, 我的优惠券, and the checkout's best coupon by default. */
const TERMS = { thresholdFen: 3000, offFen: 500, categoryIds: [], validFrom: '2026-12-01', validTo: '2026-12-31' };
const OFFER = { _id: 'cp-1', title: '满30减5', kind: 'threshold', ...TERMS, left: 80, perResident: 1, mine: 0 };
const COPY = {
  _id: 'cl-1',
  couponId: 'cp-1',
  title: '满30减5',
  kind: 'threshold',
  ...TERMS,
  state: 'unused',
  claimedAt: '2026-12-02T01:00:00.000Z',
};

beforeEach(() => {
  resetWx();
  couponStore.offers = [];
  couponStore.mine = [];
  couponStore.cart = null;
  couponStore.chosenIds = [];
  couponStore.mineState = 'unused';
  cartStore.clear();
  userStore.me = null;
  noticeStore.templates = null;
});

test('领券中心 lists what can be claimed; 立即领取 takes one and the button then says 已领取', async () => {
  const api = stubApi({
    'order.coupons.available': [
      OFFER,
      { ...OFFER, _id: 'cp-2', title: '新人立减3元', kind: 'newResident', thresholdFen: 0, offFen: 300, left: 0 },
    ],
    'order.coupons.claim': COPY,
  });
  const page = await openPage('packages/user/coupons/index');
  const offers = () => page.querySelectorAll('.offer').map((o: any) => textOf(o));
  expect(offers()).toEqual([
    '满¥30.00减¥5.00满30减52026-12-01至2026-12-31立即领取',
    '新人专享·立减¥3.00新人立减3元2026-12-01至2026-12-31已抢光',
  ]);
  api.set({ 'order.coupons.available': [{ ...OFFER, mine: 1, left: 79 }] });
  await tap(page, '.claim', '.van-button');
  await flush();
  expect(api.calls('order.coupons.claim')).toEqual([{ couponId: 'cp-1' }]);
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '领取成功，下单时自动使用' }));
  expect(offers()).toEqual(['满¥30.00减¥5.00满30减52026-12-01至2026-12-31已领取']);
});

test('a claim the server refuses (all gone) says so and the list is read again', async () => {
  const api = stubApi({
    'order.coupons.available': [OFFER],
    'order.coupons.claim': failWith('INVALID_STATE', '优惠券已领完'),
  });
  const page = await openPage('packages/user/coupons/index');
  await tap(page, '.claim', '.van-button');
  await flush();
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '领不了了：已抢光或已领满' }));
  expect(api.calls('order.coupons.available')).toHaveLength(2);
});

test('我的优惠券 shows the unused ones first and the others by state', async () => {
  const api = stubApi({ 'order.coupons.mine': [COPY] });
  const page = await openPage('packages/user/coupons/index', { tab: 'mine' });
  expect(api.calls('order.coupons.mine')).toEqual([{ state: 'unused' }]);
  expect(textOf(find(page, '.mine'))).toBe('满¥30.00减¥5.00满30减52026-12-01至2026-12-31下单自动使用');
  api.set({ 'order.coupons.mine': [] });
  (page.instance as any).onState({ detail: { name: 'used' } });
  await flush();
  expect(api.calls('order.coupons.mine')).toEqual([{ state: 'unused' }, { state: 'used' }]);
  expect(textOf(page)).toContain('没有这样的券');
});

describe('checkout', () => {
  const EGGS = { batchItemId: 'bi-eggs', batchId: 'batch-1', title: '散养土鸡蛋 30枚', priceFen: 2580 };
  const CREATED = order({ totalFen: 4660 });
  const CART = {
    listTotalFen: 5160,
    coupons: [
      { ...COPY, applies: true, discountFen: 500 },
      {
        ...COPY,
        _id: 'cl-2',
        title: '满100减20',
        thresholdFen: 10000,
        offFen: 2000,
        applies: false,
        reason: '未达到使用门槛',
      },
    ],
    bestId: 'cl-1',
    bestIds: ['cl-1'],
    bestDiscountFen: 500,
    stacking: false,
  };
  const routes = {
    'user.me': ME,
    'notify.templates': { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} },
    'order.coupons.forCart': CART,
    'order.create': CREATED,
  };
  beforeEach(() => cartStore.add(EGGS, 2));
  const submit = (page: any) => tap(page, '.submit-bar', '.van-submit-bar__button', '.van-button');

  test('the best coupon is chosen by default: the row shows it, the total is less it, the order names it', async () => {
    const api = stubApi(routes);
    const page = await openPage('packages/order/checkout/index');
    expect(api.calls('order.coupons.forCart')).toEqual([
      { batchId: 'batch-1', lines: [{ batchItemId: 'bi-eggs', qty: 2 }] },
    ]);
    expect(textOf(find(page, '.coupon'))).toBe('优惠券满30减5·满¥30.00减¥5.00-¥5.00');
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥46.60提交订单');
    await submit(page);
    expect((api.calls('order.create') as any[])[0]).toMatchObject({ couponIds: ['cl-1'] });
  });

  test('不使用优惠券: the total is the cart again and the order names no coupon', async () => {
    const api = stubApi(routes);
    wxMock.showActionSheet.mockImplementation((o: any) => o.success({ tapIndex: o.itemList.length - 1 }));
    const page = await openPage('packages/order/checkout/index');
    await tap(page, '.coupon', '.van-cell');
    expect(wxMock.showActionSheet).toHaveBeenCalledWith(
      expect.objectContaining({ itemList: ['-¥5.00 满30减5', '不使用优惠券'] }),
    );
    expect(textOf(find(page, '.coupon'))).toBe('优惠券不使用');
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥51.60提交订单');
    await submit(page);
    expect((api.calls('order.create') as any[])[0]).not.toHaveProperty('couponIds');
  });

  test('no coupon of the resident’s: no row; a failed lookup just offers none', async () => {
    stubApi({ ...routes, 'order.coupons.forCart': failWith('UNAVAILABLE') });
    const page = await openPage('packages/order/checkout/index');
    expect(page.querySelector('.coupon')).toBeFalsy();
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥51.60提交订单');
  });

  test('stacking on: the best platform coupon + 团长券 pair is chosen, offered first, and the order names both', async () => {
    const LEADER = { ...COPY, _id: 'cl-3', couponId: 'lcp-1', title: '团长立减3元', kind: 'fixed', thresholdFen: 0 };
    const cart = {
      ...CART,
      coupons: [CART.coupons[0], { ...LEADER, offFen: 300, applies: true, discountFen: 300 }],
      bestIds: ['cl-1', 'cl-3'],
      bestDiscountFen: 800,
      stacking: true,
    };
    const api = stubApi({ ...routes, 'order.coupons.forCart': cart });
    const page = await openPage('packages/order/checkout/index');
    expect(textOf(find(page, '.coupon'))).toBe('优惠券满30减5·满¥30.00减¥5.00+团长立减3元·立减¥3.00-¥8.00');
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥43.60提交订单');
    // The sheet offers the pair first, then each alone; choosing one alone sends only it.
    wxMock.showActionSheet.mockImplementation((o: any) => o.success({ tapIndex: 2 }));
    await tap(page, '.coupon', '.van-cell');
    expect(wxMock.showActionSheet).toHaveBeenCalledWith(
      expect.objectContaining({
        itemList: ['-¥8.00 满30减5 + 团长立减3元', '-¥5.00 满30减5', '-¥3.00 团长立减3元', '不使用优惠券'],
      }),
    );
    expect(textOf(find(page, '.submit-bar'))).toBe('合计：¥48.60提交订单');
    wxMock.showActionSheet.mockImplementation((o: any) => o.success({ tapIndex: 0 }));
    await tap(page, '.coupon', '.van-cell');
    await submit(page);
    expect((api.calls('order.create') as any[])[0]).toMatchObject({ couponIds: ['cl-1', 'cl-3'] });
  });
});
