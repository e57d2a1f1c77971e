import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, flush } from './helpers';
import { stubApi, failWith } from './api';
import { EGGS, ME, order } from './fixtures/demo';
import { catalogStore } from '../../miniprogram/stores/catalog';
import { groupStore } from '../../miniprogram/stores/group';
import { userStore } from '../../miniprogram/stores/user';
import { noticeStore } from '../../miniprogram/stores/notices';

/** 拼团 on the phone (issue 13.2): the item's group price and 发起拼团; a shared group's page with 参团. */
const GROUP = {
  _id: 'grp-1',
  batchId: 'batch-1',
  batchItemId: 'bi-eggs',
  title: '散养土鸡蛋 30枚',
  priceFen: 1990,
  listPriceFen: 2580,
  size: 3,
  status: 'open',
  paidMembers: 1,
  missing: 2,
  expiresAt: '2024-05-20T04:30:00.000Z',
  members: [{ name: '张**', opener: true, paid: true }],
  joined: false,
};
const PAYMENT = { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' };
const GROUP_ORDER = order({
  _id: 'order-g',
  groupId: 'grp-1',
  lines: [{ ...order().lines[0], priceFen: 1990, qty: 1, amountFen: 1990 }],
  totalFen: 1990,
});
const ROUTES = {
  'user.me': ME,
  'notify.templates': { templates: { pickup: '', reminder: '', refund: '' }, remaining: {} },
  'pay.prepare': { orderNo: GROUP_ORDER.orderNo, totalFen: 1990, payment: PAYMENT },
  'order.detail': { ...GROUP_ORDER, status: 'paid' },
};

beforeEach(() => {
  resetWx();
  groupStore.group = null;
  catalogStore.detail = null;
  userStore.me = null;
  noticeStore.templates = null;
});

const openGroup = () => openPage('packages/goods/group/index', { id: 'grp-1' });

test('a shared group shows the group price, who is in, 还差 N 人 and when it ends; the empty seats are drawn', async () => {
  const api = stubApi({ ...ROUTES, 'order.group': GROUP });
  const page = await openGroup();
  expect(api.calls('order.group')).toEqual([{ groupId: 'grp-1' }]);
  expect(textOf(find(page, '.item'))).toBe('散养土鸡蛋30枚拼团价¥19.90¥25.80');
  expect(textOf(find(page, '.progress__text'))).toBe('已拼1/3人，还差2人');
  expect(textOf(find(page, '.progress__expires'))).toBe('05-2012:30截止，未拼成自动全额退款');
  expect(page.querySelectorAll('.member')).toHaveLength(3);
  expect(page.querySelectorAll('.member--empty')).toHaveLength(2);
  expect(textOf(find(page, '.join'))).toBe('¥19.90参团');
  expect(page.querySelector('.invite')).toBeFalsy();
});

test('参团 makes one unit’s order in the group (the server prices it) and pays it; the page then shows the caller in', async () => {
  const api = stubApi({
    ...ROUTES,
    'order.group': GROUP,
    'order.create': GROUP_ORDER,
  });
  wxMock.requestPayment.mockImplementation((o: any) => o.success({ errMsg: 'requestPayment:ok' }));
  const page = await openGroup();
  api.set({ 'order.group': { ...GROUP, paidMembers: 2, missing: 1, joined: true, myOrderId: 'order-g' } });
  await tap(page, '.join', '.van-button');
  await flush();

  const [created] = api.calls('order.create') as any[];
  expect(created).toMatchObject({
    batchId: 'batch-1',
    pickupPointId: ME.pickupPoint!._id,
    lines: [{ batchItemId: 'bi-eggs', qty: 1 }],
    groupDeal: { groupId: 'grp-1' },
  });
  expect(created).not.toHaveProperty('priceFen');
  expect(api.calls('pay.prepare')).toEqual([{ orderId: 'order-g' }]);
  expect(textOf(find(page, '.progress__text'))).toBe('已拼2/3人，还差1人');
  expect(page.querySelector('.join')).toBeFalsy();
  expect(textOf(find(page, '.invite'))).toBe('邀请邻居参团');
  // The share card says what is missing and carries the group and the sharer's leader.
  const share = (page.instance as any).onShareAppMessage();
  expect(share.title).toBe('还差1人！¥19.90 拼散养土鸡蛋 30枚');
  expect(share.path).toBe(`/packages/goods/group/index?id=grp-1&leaderId=${ME.pickupPoint!.leaderId}`);
});

test('a full or ended group: no 参团, the refusal of a late join is said plainly', async () => {
  const api = stubApi({
    ...ROUTES,
    'order.group': GROUP,
    'order.create': failWith('INVALID_STATE', '这个团已满，可以自己开一个团'),
  });
  const page = await openGroup();
  await tap(page, '.join', '.van-button');
  expect(api.calls('pay.prepare')).toEqual([]);
  expect(wxMock.showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: expect.stringContaining('这个团已满') }),
  );

  groupStore.group = null;
  stubApi({ ...ROUTES, 'order.group': { ...GROUP, status: 'failed', missing: 2 } });
  const failed = await openGroup();
  expect(textOf(find(failed, '.progress'))).toContain('未成团，已自动退款');
  expect(failed.querySelector('.join')).toBeFalsy();
});

test('the item page shows the group price with 发起拼团, which opens a group and lands on its page', async () => {
  const api = stubApi({
    ...ROUTES,
    'catalog.item': {
      ...EGGS,
      images: [],
      batch: { _id: 'batch-1', title: '今日团', phase: 'open' },
      groupDeal: { priceFen: 1990, size: 3, minutes: 120 },
    },
    'order.create': GROUP_ORDER,
  });
  wxMock.requestPayment.mockImplementation((o: any) => o.success({ errMsg: 'requestPayment:ok' }));
  await userStore.loadMe();
  const page = await openPage('packages/goods/detail/index', { id: 'bi-eggs' });
  expect(textOf(find(page, '.group-deal'))).toBe('拼团价¥19.903人成团·2小时内未拼成自动退款发起拼团');
  await tap(page, '.start-group', '.van-button');
  await flush();
  expect((api.calls('order.create') as any[])[0]).toMatchObject({
    lines: [{ batchItemId: 'bi-eggs', qty: 1 }],
    groupDeal: { open: true },
  });
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/group/index?id=grp-1' });
});

test('an item without a group price shows no 拼团', async () => {
  stubApi({
    ...ROUTES,
    'catalog.item': { ...EGGS, images: [], batch: { _id: 'batch-1', title: '今日团', phase: 'open' } },
  });
  const page = await openPage('packages/goods/detail/index', { id: 'bi-eggs' });
  expect(page.querySelector('.group-deal')).toBeFalsy();
});

test('a 拼团 order’s page links to the group’s progress', async () => {
  stubApi({
    ...ROUTES,
    'order.detail': { ...GROUP_ORDER, status: 'paid', pickupCode: '384920' },
    'order.afterSales': [],
  });
  const page = await openPage('packages/order/detail/index', { id: 'order-g' });
  await tap(page, '.group-link', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/group/index?id=grp-1' });
});
