import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, flush } from './helpers';
import { stubApi, failWith } from './api';
import { leaderCouponStore } from '../../miniprogram/stores/leader/coupons';

/** 团长券 on the leader tab: this month's budget, 发券 within it, and each coupon's claimed/used/cost. */
const COUPON = {
  _id: 'lcp-1',
  title: '团长立减3元',
  kind: 'fixed',
  offFen: 300,
  thresholdFen: 0,
  categoryIds: [],
  validFrom: '2026-12-01',
  validTo: '2026-12-07',
  pickupPointId: 'pp-sunshine',
  leaderId: 'leader-wang',
  status: 'active',
  total: 10,
  claimed: 4,
  used: 2,
  perResident: 1,
  costFen: 600,
  createdAt: '2026-12-01T01:00:00.000Z',
};
const LIST = { month: '2026-12', budgetFen: 10000, committedFen: 3000, coupons: [COUPON] };

beforeEach(() => {
  resetWx();
  leaderCouponStore.data = null;
  leaderCouponStore.createLoad.reset();
});
const open = () => openPage('packages/leader/coupons/index');
const fill = (page: any, data: Record<string, string>) => {
  page.instance.setData(data);
};

test('the budget and each coupon with claimed/used/cost', async () => {
  stubApi({ 'leader.coupons.list': LIST });
  const page = await open();
  expect(textOf(find(page, '.budget'))).toBe('本月额度¥100.00·已用¥30.00·剩余¥70.00');
  expect(textOf(find(page, '.coupon'))).toBe('立减¥3.00团长立减3元2026-12-01至2026-12-07已领4/10·已用2·成本¥6.00');
});

test('发券 sends a 满减 in fen for the days asked; the list is read again', async () => {
  const api = stubApi({ 'leader.coupons.list': LIST, 'leader.coupons.create': COUPON });
  const page = await open();
  fill(page, { title: '满20减2', off: '2', threshold: '20', total: '5', days: '3' });
  await tap(page, '.create', '.van-button');
  await flush();
  const sent = (api.calls('leader.coupons.create') as any[])[0];
  expect(sent).toMatchObject({ title: '满20减2', kind: 'threshold', offFen: 200, thresholdFen: 2000, total: 5 });
  expect(sent.requestId).toEqual(expect.any(String));
  const days = (Date.parse(sent.validTo) - Date.parse(sent.validFrom)) / 86_400_000;
  expect(days).toBe(2);
  expect(api.calls('leader.coupons.list')).toHaveLength(2);
  expect(wxMock.showToast).toHaveBeenCalledWith(
    expect.objectContaining({ title: '已发券，本自提点居民可在领券中心领取' }),
  );
});

test('a missing amount sends nothing; the server’s refusal (over the budget) is shown', async () => {
  const api = stubApi({
    'leader.coupons.list': LIST,
    'leader.coupons.create': failWith('INVALID_STATE', '超出本月团长券额度：本券 ¥100.00，剩余 ¥70.00'),
  });
  const page = await open();
  fill(page, { title: '大额券', off: '' });
  await tap(page, '.create', '.van-button');
  expect(api.calls('leader.coupons.create')).toHaveLength(0);
  expect(textOf(find(page, '.form-error'))).toBe('请填写优惠金额');
  fill(page, { off: '10', total: '10' });
  await tap(page, '.create', '.van-button');
  await flush();
  expect(textOf(find(page, '.form-error'))).toBe('超出本月团长券额度，请减少数量或金额');
});

test('without a budget the page says so and offers no form', async () => {
  stubApi({ 'leader.coupons.list': { ...LIST, budgetFen: 0, committedFen: 0, coupons: [] } });
  const page = await open();
  expect(textOf(find(page, '.budget'))).toBe('平台暂未开放团长券');
  expect(page.querySelector('.form')).toBeFalsy();
  expect(textOf(page)).toContain('还没有发过团长券');
});
