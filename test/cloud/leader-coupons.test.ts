import { businessDate } from '../../cloudfunctions/core/domain/time';
import { couponInput, LEADER1, RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';

/**
 * 团长券 through the real functions: a leader creates a coupon for the residents
 * of their own point within the month's budget the admin sets (one guarded $inc:
 * parallel creates cannot pass it), only residents of that point see, claim and
 * use it, and its discount is charged to the leader's commission ledger once
 * when a paid order uses it, given back when that order is refunded in full.
 * With the admin's stacking on, one platform coupon and one 团长券 share an order.
 */
jest.setTimeout(180_000);
const LEADER2 = 'oLEADER2'; // leader-li, pp-cuiyuan
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('leader-coupons-env');
  for (const name of ['commissionLedger', 'commissionOrders', 'leaderBalances'])
    await w.db.createCollection(name).catch(() => undefined);
}, 60_000);
afterAll(() => w?.stop());

type Lines = Array<{ batchItemId: string; qty: number }>;
const today = () => businessDate(w.now());
const answer = (a: { ok: boolean; code?: string; message?: string }) => (a.ok ? 'ok' : `${a.code} ${a.message}`);
const rules = (leaderMonthlyBudgetFen: number, stacking = false) =>
  w.ok('settings.coupons', { leaderMonthlyBudgetFen, stacking });
/** A 团长券 input: 立减3元, 10 copies, from today for a week. */
const leaderCouponInput = (extra: Record<string, unknown> = {}) =>
  couponInput(today(), { title: '团长立减3元', kind: 'fixed', offFen: 300, thresholdFen: 0, total: 10, ...extra });
const leaderCreate = (extra: Record<string, unknown> = {}, openid = LEADER1) =>
  w.call('leader', { action: 'coupons.create', ...leaderCouponInput(extra) }, openid);
const claim = (couponId: string, openid: string) => w.call('order', { action: 'coupons.claim', couponId }, openid);
async function claimed(couponId: string, openid: string): Promise<string> {
  const res = await claim(couponId, openid);
  if (!res.ok) throw new Error(`claim ${res.code} ${res.message}`);
  return res.data._id;
}
const create = (openid: string, lines: Lines, extra: Record<string, unknown> = {}) =>
  w.call('order', { action: 'create', clientRequestId: rid('lco'), batchId: OPEN, lines, ...extra }, openid);
async function pay(openid: string, order: { _id: string; orderNo: string }, times = 1) {
  const prep = await w.call('pay', { action: 'prepare', orderId: order._id }, openid);
  if (!prep.ok) throw new Error(`prepare ${prep.code}`);
  await w.t.running.cloud.pay.simulatePay(
    w.env,
    order.orderNo,
    times > 1 ? { openid, mode: 'duplicate', times, parallel: true } : { openid },
  );
  return w.doc('orders', order._id);
}
const available = async (openid: string) =>
  ((await w.call('order', { action: 'coupons.available' }, openid)).data as any[]).map((c) => c._id);
const couponLedger = async (orderId: string) =>
  (await w.find('commissionLedger', { orderId }))
    .filter((e: any) => e.kind.startsWith('coupon'))
    .map((e: any) => [e.kind, e.leaderId, e.amountFen]);
const available$ = async (leaderId: string) => (await w.doc('leaderBalances', leaderId))?.availableFen ?? 0;
const price = { qingcai: 290, rice: 3990 };

test('without a budget leaders create none; the leader’s kinds only; residents and others are refused; nothing changed', async () => {
  const before = await w.dump('coupons', 'couponBudgets');
  expect(answer(await leaderCreate())).toBe('INVALID_STATE 平台暂未开放团长优惠券');
  await rules(5_000);
  expect(answer(await leaderCreate({ kind: 'category', categoryIds: ['fruit'] }))).toMatch(/^INVALID_INPUT 券类型/);
  expect(answer(await leaderCreate({ kind: 'threshold', thresholdFen: 200 }))).toBe(
    'INVALID_INPUT 满减券的门槛须高于优惠金额',
  );
  expect(answer(await leaderCreate({}, RES1))).toMatch(/^FORBIDDEN/);
  expect(
    answer(await w.call('admin', { action: 'settings.coupons', leaderMonthlyBudgetFen: 100, stacking: true }, LEADER1)),
  ).toMatch(/^FORBIDDEN/);
  expect(answer(await w.admin('settings.coupons', { leaderMonthlyBudgetFen: -1, stacking: false }))).toMatch(
    /^INVALID_INPUT/,
  );
  expect(await w.dump('coupons', 'couponBudgets')).toBe(before);
  expect((await w.ok('settings.get')).coupons).toEqual({ leaderMonthlyBudgetFen: 5_000, stacking: false });
});

test('eight parallel creates of ¥30 against a ¥100 budget: exactly three stand, a retry commits nothing more', async () => {
  await rules(10_000);
  const inputs = Array.from({ length: 8 }, (_, k) => ({ requestId: rid('lcb'), title: `抢额度${k}` }));
  const answers = await Promise.all(
    inputs.map((i) => leaderCreate({ ...i, kind: 'fixed', offFen: 300, total: 10 }, LEADER2)),
  );
  expect(answers.filter((a) => a.ok)).toHaveLength(3);
  expect(answers.filter((a) => !a.ok).map(answer)).toEqual(
    Array(5).fill('INVALID_STATE 超出本月团长券额度：本券 ¥30.00，剩余 ¥10.00'),
  );
  const mine = (await w.call('leader', { action: 'coupons.list' }, LEADER2)).data;
  expect(mine).toMatchObject({ budgetFen: 10_000, committedFen: 9_000 });
  expect(mine.coupons).toHaveLength(3);
  expect(mine.coupons.every((c: any) => c.leaderId === 'leader-li' && c.pickupPointId === 'pp-cuiyuan')).toBe(true);
  // A retried create answers the same coupon and commits nothing more.
  const first = inputs[answers.findIndex((a) => a.ok)];
  const again = await leaderCreate({ ...first, kind: 'fixed', offFen: 300, total: 10 }, LEADER2);
  expect(again.data._id).toBe(answers.find((a) => a.ok)!.data._id);
  expect((await w.call('leader', { action: 'coupons.list' }, LEADER2)).data.committedFen).toBe(9_000);
  // Another leader has a budget of their own; the console lists 团长券 with the funder.
  expect(answer(await leaderCreate({ offFen: 1000, total: 10 }, LEADER1))).toBe('ok');
});

test('only residents of the leader’s point see and claim it, and only orders at that point take it; nothing changed', async () => {
  await rules(100_000);
  const coupon = (await leaderCreate({ title: '阳光团长券' })).data;
  expect(coupon).toMatchObject({ leaderId: 'leader-wang', pickupPointId: 'pp-sunshine', status: 'active' });
  expect(await available(RES1)).toContain(coupon._id);
  expect(await available(RES2)).not.toContain(coupon._id);
  const before = await w.dump('coupons', 'couponClaims');
  expect(answer(await claim(coupon._id, RES2))).toBe('INVALID_STATE 该团长券仅限本自提点的居民领取');
  expect(await w.dump('coupons', 'couponClaims')).toBe(before);

  const claimId = await claimed(coupon._id, RES1);
  const snapshot = await w.dump('orders', 'batchItems', 'couponClaims', 'coupons');
  const elsewhere = await create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], {
    couponId: claimId,
    pickupPointId: 'pp-cuiyuan',
  });
  expect(answer(elsewhere)).toBe('INVALID_STATE 优惠券不可用：仅限发券团长的自提点使用');
  expect(await w.dump('orders', 'batchItems', 'couponClaims', 'coupons')).toBe(snapshot);
  const cart = (
    await w.call(
      'order',
      {
        action: 'coupons.forCart',
        batchId: OPEN,
        lines: [{ batchItemId: ITEM.rice, qty: 1 }],
        pickupPointId: 'pp-cuiyuan',
      },
      RES1,
    )
  ).data;
  expect(cart.coupons.find((c: any) => c._id === claimId)).toMatchObject({ applies: false });
  const here = await create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], { couponIds: [claimId] });
  expect(answer(here)).toBe('ok');
  expect(here.data).toMatchObject({ totalFen: price.rice - 300, leaderCoupon: { claimId, discountFen: 300 } });
});

test('paid: the discount is charged to the leader once (parallel notices, replays); refunded in full: given back once', async () => {
  await rules(100_000);
  const coupon = (await leaderCreate({ title: '扣佣金券', offFen: 500, total: 5 })).data;
  const claimId = await claimed(coupon._id, RES1);
  const balanceBefore = await available$('leader-wang');
  const order = (await create(RES1, [{ batchItemId: ITEM.rice, qty: 2 }], { couponIds: [claimId] })).data;
  expect(await couponLedger(order._id)).toEqual([]); // not paid yet: nothing charged
  const paid = await pay(RES1, order, 4);
  expect(paid).toMatchObject({ status: 'paid', paidFen: 2 * price.rice - 500 });
  await Promise.all([w.ok('commission.reconcile'), w.ok('commission.reconcile')]);
  // The state doc lost: the ledger rebuilds it and charges nothing twice.
  await w.db.collection('commissionOrders').doc(order._id).remove();
  await w.ok('commission.reconcile');
  await w.t.running.cloud.pay.simulatePay(w.env, order.orderNo, { openid: RES1, mode: 'duplicate', times: 2 });
  expect(await couponLedger(order._id)).toEqual([['coupon', 'leader-wang', -500]]);
  expect(await available$('leader-wang')).toBe(balanceBefore - 500);
  // Commission is still on what the resident paid.
  const pending = (await w.find('commissionLedger', { orderId: order._id })).filter((e: any) => e.kind === 'pending');
  expect(pending.reduce((s: number, e: any) => s + e.amountFen, 0)).toBe(Math.floor((2 * price.rice - 500) * 0.08));
  const summary = (await w.call('commission', { action: 'summary' }, LEADER1)).data;
  expect(summary.availableFen).toBe(balanceBefore - 500);
  expect((await w.call('leader', { action: 'coupons.list' }, LEADER1)).data.coupons[0]).toMatchObject({
    _id: coupon._id,
    claimed: 1,
    used: 1,
    costFen: 500,
  });

  const refund = await w.admin('orders.refund', {
    orderId: order._id,
    lines: [{ batchItemId: ITEM.rice, qty: 2 }],
    reason: '缺货',
    outRefundNo: `lc-${order.orderNo}`,
  });
  expect(refund.data.refundFee).toBe(2 * price.rice - 500);
  await w.t.running.cloud.pay.simulateRefund(w.env, `lc-${order.orderNo}`, {
    mode: 'duplicate',
    times: 3,
    parallel: true,
  });
  await Promise.all([w.ok('commission.reconcile'), w.ok('commission.reconcile')]);
  expect(await couponLedger(order._id)).toEqual([
    ['coupon', 'leader-wang', -500],
    ['coupon_back', 'leader-wang', 500],
  ]);
  expect(await available$('leader-wang')).toBe(balanceBefore);
});

test('stacking off: a platform coupon and a 团长券 together are refused INVALID_INPUT with nothing changed', async () => {
  await rules(100_000, false);
  const platform = await w.ok('coupons.create', couponInput(today()));
  const leaderCoupon = (await leaderCreate({ title: '不叠加团长券' })).data;
  const ids = [await claimed(platform._id, RES1), await claimed(leaderCoupon._id, RES1)];
  const before = await w.dump('orders', 'batchItems', 'couponClaims', 'coupons');
  const res = await create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], { couponIds: ids });
  expect(answer(res)).toBe('INVALID_INPUT 每笔订单只能使用一张优惠券');
  expect(answer(await create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], { couponIds: [ids[0], ids[0]] }))).toBe(
    'INVALID_INPUT 同一张优惠券只能使用一次',
  );
  expect(await w.dump('orders', 'batchItems', 'couponClaims', 'coupons')).toBe(before);
  const cart = (
    await w.call(
      'order',
      { action: 'coupons.forCart', batchId: OPEN, lines: [{ batchItemId: ITEM.rice, qty: 1 }] },
      RES1,
    )
  ).data;
  expect(cart).toMatchObject({ stacking: false, bestIds: [ids[0]] });
});

test('stacking on: one platform coupon + one 团长券 spread exactly over the lines; two platform coupons are refused; refunds never exceed paid', async () => {
  await rules(100_000, true);
  const resident = 'oSTACKER';
  await w.db.collection('users').add({ data: { _id: resident, roles: ['resident'], pickupPointId: 'pp-sunshine' } });
  const platform = await w.ok('coupons.create', couponInput(today(), { title: '满30减5' }));
  const other = await w.ok(
    'coupons.create',
    couponInput(today(), { title: '立减1元', kind: 'fixed', offFen: 100, thresholdFen: 0 }),
  );
  const leaderCoupon = (await leaderCreate({ title: '叠加团长券', offFen: 333 })).data;
  const [p, o, l] = [
    await claimed(platform._id, resident),
    await claimed(other._id, resident),
    await claimed(leaderCoupon._id, resident),
  ];
  const lines = [
    { batchItemId: ITEM.qingcai, qty: 3 },
    { batchItemId: ITEM.rice, qty: 1 },
  ];
  const cart = (await w.call('order', { action: 'coupons.forCart', batchId: OPEN, lines }, resident)).data;
  expect(cart).toMatchObject({ stacking: true, bestIds: [p, l], bestDiscountFen: 833 });
  const before = await w.dump('orders', 'batchItems', 'couponClaims', 'coupons');
  expect(answer(await create(resident, lines, { couponIds: [p, o] }))).toBe(
    'INVALID_INPUT 每笔订单最多使用一张平台券和一张团长券',
  );
  expect(answer(await create(resident, lines, { couponId: p, couponIds: [l] }))).toMatch(/^INVALID_INPUT/);
  expect(await w.dump('orders', 'batchItems', 'couponClaims', 'coupons')).toBe(before);

  const res = await create(resident, lines, { couponIds: [l, p] });
  expect(answer(res)).toBe('ok');
  const list = 3 * price.qingcai + price.rice;
  expect(res.data).toMatchObject({
    totalFen: list - 500 - 333,
    coupon: { claimId: p, discountFen: 500 },
    leaderCoupon: { claimId: l, discountFen: 333 },
  });
  expect(res.data.lines.map((x: any) => x.amountFen + x.discountFen)).toEqual([3 * price.qingcai, price.rice]);
  expect(res.data.lines.reduce((s: number, x: any) => s + x.discountFen, 0)).toBe(833);
  const paid = await pay(resident, res.data);
  expect(paid.paidFen).toBe(list - 833);
  expect(await couponLedger(paid._id)).toEqual([['coupon', 'leader-wang', -333]]);
  // Refund the rice, then the greens: together exactly what was paid.
  for (const [n, batchItemId, qty] of [
    [1, ITEM.rice, 1],
    [2, ITEM.qingcai, 3],
  ] as const) {
    const r = await w.admin('orders.refund', {
      orderId: paid._id,
      lines: [{ batchItemId, qty }],
      reason: '缺货',
      outRefundNo: `st-${paid.orderNo}-${n}`,
    });
    expect(r.ok).toBe(true);
    await w.t.running.cloud.pay.simulateRefund(w.env, `st-${paid.orderNo}-${n}`);
  }
  const refunds = await w.find('refunds', { orderId: paid._id });
  expect(refunds.reduce((s: number, r: any) => s + r.refundFee, 0)).toBe(list - 833);
  expect(await couponLedger(paid._id)).toEqual([
    ['coupon', 'leader-wang', -333],
    ['coupon_back', 'leader-wang', 333],
  ]);
});

test('money invariant over every order here: per line paid + discount = list amount, both coupons counted, refunds ≤ paid', async () => {
  const orders = await w.find('orders', {});
  expect(orders.filter((o: any) => o.leaderCoupon).length).toBeGreaterThanOrEqual(3);
  for (const o of orders) {
    for (const x of o.lines) {
      expect(x.amountFen + (x.discountFen ?? 0)).toBe(x.priceFen * x.qty);
      expect(x.refundedFen).toBeLessThanOrEqual(x.amountFen);
    }
    const discount = o.lines.reduce((s: number, x: any) => s + (x.discountFen ?? 0), 0);
    expect(discount).toBe((o.coupon?.discountFen ?? 0) + (o.leaderCoupon?.discountFen ?? 0));
    expect(o.refundedFen).toBeLessThanOrEqual(o.paidFen);
  }
});
