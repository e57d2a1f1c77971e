import { businessDate } from '../../cloudfunctions/core/domain/time';
import { couponInput, RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';

/**
 * A claimed coupon on an order, through the real functions: the server checks
 * the copy and computes the discount, spreads it over the lines in integer fen,
 * puts the copy on the order once (parallel orders cannot share it), charges
 * WeChat Pay what is left, and gives the copy back only when the order is
 * cancelled. Refunds give back the paid share of a line; commission is on what
 * the resident paid.
 */
jest.setTimeout(180_000);
const MINUTE = 60_000;
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('coupon-orders-env');
  for (const name of ['commissionLedger', 'commissionOrders', 'leaderBalances'])
    await w.db.createCollection(name).catch(() => undefined);
}, 60_000);
afterAll(() => w?.stop());

type Lines = Array<{ batchItemId: string; qty: number }>;
const today = () => businessDate(w.now());
/** A coupon the admin created and `openid` claimed: the claimed copy's id. */
async function claimed(openid: string, extra: Record<string, unknown> = {}) {
  const coupon = await w.ok('coupons.create', couponInput(today(), extra));
  const res = await w.call('order', { action: 'coupons.claim', couponId: coupon._id }, openid);
  if (!res.ok) throw new Error(`claim ${res.code} ${res.message}`);
  return { couponId: coupon._id as string, claimId: res.data._id as string };
}
const create = (openid: string, lines: Lines, couponId?: string, extra: Record<string, unknown> = {}) =>
  w.call(
    'order',
    {
      action: 'create',
      clientRequestId: rid('cpo'),
      batchId: OPEN,
      lines,
      ...(couponId !== undefined ? { couponId } : {}),
      ...extra,
    },
    openid,
  );
async function pay(openid: string, order: { _id: string; orderNo: string }) {
  const prep = await w.call('pay', { action: 'prepare', orderId: order._id }, openid);
  if (!prep.ok) throw new Error(`prepare ${prep.code}`);
  await w.t.running.cloud.pay.simulatePay(w.env, order.orderNo, { openid });
  return w.doc('orders', order._id);
}
const answer = (a: { ok: boolean; code?: string; message?: string }) => (a.ok ? 'ok' : `${a.code} ${a.message}`);
const couponRow = async (couponId: string) =>
  (await w.ok('coupons.list', { pageSize: 100 })).items.find((c: any) => c._id === couponId);
const price = { qingcai: 290, rice: 3990, grape: 3990 };

test('the server computes and spreads the discount (client amounts ignored); WeChat Pay charges the rest; commission is on what was paid', async () => {
  const { couponId, claimId } = await claimed(RES1);
  const res = await create(
    RES1,
    [
      { batchItemId: ITEM.qingcai, qty: 3 },
      { batchItemId: ITEM.rice, qty: 1 },
    ],
    claimId,
    { discountFen: 4000, totalFen: 1 },
  );
  expect(answer(res)).toBe('ok');
  const list = 3 * price.qingcai + price.rice; // 4860
  expect(res.data).toMatchObject({ totalFen: list - 500, coupon: { claimId, title: '满30减5', discountFen: 500 } });
  const lines = res.data.lines;
  expect(lines.map((l: any) => l.amountFen + l.discountFen)).toEqual([3 * price.qingcai, price.rice]);
  expect(lines.reduce((s: number, l: any) => s + l.discountFen, 0)).toBe(500);
  expect(lines.map((l: any) => l.discountFen)).toEqual([90, 410]); // 500 × 870/4860 and × 3990/4860, to the fen

  const paid = await pay(RES1, res.data);
  expect(paid).toMatchObject({ status: 'paid', paidFen: list - 500 });
  expect(await w.find('payments', { orderId: paid._id })).toEqual([expect.objectContaining({ totalFee: list - 500 })]);
  // What WeChat Pay itself charged.
  expect(w.t.running.cloud.pay.findOrder(w.env, { outTradeNo: paid.orderNo })).toMatchObject({
    totalFee: list - 500,
    state: 'SUCCESS',
  });
  // 生鲜 10%, 粮油 8% of the paid line amounts (rounded down per line), not of the list amounts.
  const pending = (await w.find('commissionLedger', { orderId: paid._id })).filter((e: any) => e.kind === 'pending');
  expect(pending.reduce((s: number, e: any) => s + e.amountFen, 0)).toBe(
    Math.floor((870 - 90) * 0.1) + Math.floor((3990 - 410) * 0.08),
  );

  expect((await w.call('order', { action: 'coupons.mine', state: 'used' }, RES1)).data).toEqual([
    expect.objectContaining({ _id: claimId, orderId: paid._id, state: 'used' }),
  ]);
  expect(await couponRow(couponId)).toMatchObject({ claimed: 1, used: 1, costFen: 500 });
  // The console's order shows the coupon and each line's share of it.
  expect(await w.ok('orders.get', { id: paid._id })).toMatchObject({
    coupon: { couponId, title: '满30减5', discountFen: 500 },
    lines: [
      { amountFen: 870 - 90, discountFen: 90 },
      { amountFen: 3990 - 410, discountFen: 410 },
    ],
  });
  const again = await create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], claimId);
  expect(answer(again)).toBe('INVALID_STATE 优惠券已使用');
});

test('a coupon that does not apply, or is not the caller’s, refuses the order and changes nothing', async () => {
  const { claimId } = await claimed(RES1);
  const fruit = await claimed(RES1, { title: '水果券', kind: 'category', categoryIds: ['fruit'], thresholdFen: 0 });
  const before = await w.dump('orders', 'batchItems', 'couponClaims', 'coupons', 'groupDeals');
  const refusals = [
    [create(RES1, [{ batchItemId: ITEM.qingcai, qty: 1 }], claimId), 'INVALID_STATE 优惠券不可用：未达到使用门槛'],
    [create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], fruit.claimId), 'INVALID_STATE 优惠券不可用：没有适用的商品'],
    [create(RES2, [{ batchItemId: ITEM.rice, qty: 1 }], claimId), 'NOT_FOUND 优惠券不存在'],
    [create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], 'no-such-copy'), 'NOT_FOUND 优惠券不存在'],
    [create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], ''), 'INVALID_INPUT 优惠券不能为空'],
    // A 拼团 price is the deal already: no coupon on top (and no group is opened).
    [
      create(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], claimId, { groupDeal: { open: true } }),
      'INVALID_INPUT 拼团订单不能使用优惠券',
    ],
  ] as const;
  for (const [res, expected] of refusals) expect(answer(await res)).toBe(expected);
  expect(await w.dump('orders', 'batchItems', 'couponClaims', 'coupons', 'groupDeals')).toBe(before);
});

test('a 品类券 takes its discount off its category’s lines only', async () => {
  const { claimId } = await claimed(RES2, {
    title: '水果立减8元',
    kind: 'category',
    categoryIds: ['fruit'],
    offFen: 800,
    thresholdFen: 0,
  });
  const res = await create(
    RES2,
    [
      { batchItemId: ITEM.rice, qty: 1 },
      { batchItemId: ITEM.grape, qty: 1 },
    ],
    claimId,
  );
  expect(answer(res)).toBe('ok');
  expect(res.data.lines.map((l: any) => [l.amountFen, l.discountFen ?? 0])).toEqual([
    [price.rice, 0],
    [price.grape - 800, 800],
  ]);
  expect(res.data.totalFen).toBe(price.rice + price.grape - 800);
});

test('eight parallel orders naming one copy: one gets it, the others are refused and give their stock back', async () => {
  const resident = 'oPARALLEL';
  const { claimId, couponId } = await claimed(resident);
  const stockBefore = (await w.doc('batchItems', ITEM.rice)).stock;
  const answers = await Promise.all(
    Array.from({ length: 8 }, () =>
      create(resident, [{ batchItemId: ITEM.rice, qty: 1 }], claimId, { pickupPointId: 'pp-sunshine' }),
    ),
  );
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).map(answer)).toEqual(Array(7).fill('INVALID_STATE 优惠券已使用'));
  const winner = answers.find((a) => a.ok)!.data;
  expect((await w.doc('couponClaims', claimId)).orderId).toBe(winner._id);
  expect((await w.doc('batchItems', ITEM.rice)).stock).toBe(stockBefore - 1);
  expect(await w.find('orders', { openid: resident })).toHaveLength(1);
  expect(await couponRow(couponId)).toMatchObject({ used: 1, costFen: 500 });
});

test('cancelling an unpaid order gives the coupon back once; it then goes on another order', async () => {
  const { claimId, couponId } = await claimed(RES2);
  const order = (await create(RES2, [{ batchItemId: ITEM.rice, qty: 1 }], claimId)).data;
  expect(await couponRow(couponId)).toMatchObject({ used: 1, costFen: 500 });
  const [a, b] = await Promise.all([
    w.call('order', { action: 'cancel', orderId: order._id }, RES2),
    w.call('order', { action: 'cancel', orderId: order._id }, RES2),
  ]);
  expect([a.data.cancelled, b.data.cancelled].sort()).toEqual([false, true]);
  expect(await couponRow(couponId)).toMatchObject({ used: 0, costFen: 0 });
  const copy = await w.doc('couponClaims', claimId);
  expect(copy.orderId).toBeUndefined();
  expect(answer(await w.call('order', { action: 'cancel', orderId: order._id }, RES2))).toBe('ok');
  expect(await couponRow(couponId)).toMatchObject({ used: 0, costFen: 0 });
  const next = await create(RES2, [{ batchItemId: ITEM.rice, qty: 1 }], claimId);
  expect(next.data.coupon).toMatchObject({ claimId, discountFen: 500 });
});

test('an order left unpaid past its 15 minutes is cancelled by the timer and its coupon comes back', async () => {
  const resident = 'oSLOWPAYER';
  const { claimId, couponId } = await claimed(resident);
  const order = (
    await create(resident, [{ batchItemId: ITEM.rice, qty: 1 }], claimId, { pickupPointId: 'pp-sunshine' })
  ).data;
  w.advance(16 * MINUTE);
  await w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler');
  expect((await w.doc('orders', order._id)).status).toBe('cancelled');
  expect((await w.doc('couponClaims', claimId)).orderId).toBeUndefined();
  expect(
    (await w.call('order', { action: 'coupons.mine', state: 'unused' }, resident)).data.map((c: any) => c._id),
  ).toEqual([claimId]);
  expect(await couponRow(couponId)).toMatchObject({ used: 0, costFen: 0 });
});

test('partial refunds give back the paid share of the units, add up to exactly what was paid, and never return the coupon', async () => {
  const { claimId, couponId } = await claimed(RES1);
  const order = await pay(RES1, (await create(RES1, [{ batchItemId: ITEM.rice, qty: 3 }], claimId)).data);
  const paidFen = 3 * price.rice - 500; // 11470
  expect(order.paidFen).toBe(paidFen);
  const refund = async (qty: number, n: number) =>
    w.admin('orders.refund', {
      orderId: order._id,
      lines: [{ batchItemId: ITEM.rice, qty }],
      reason: '缺货',
      outRefundNo: `cp-${order.orderNo}-${n}`,
    });
  const first = await refund(1, 1);
  expect(first.data.refundFee).toBe(Math.floor(paidFen / 3)); // 3823, not the list price 3990
  await w.t.running.cloud.pay.simulateRefund(w.env, `cp-${order.orderNo}-1`);
  const rest = await refund(2, 2);
  expect(rest.data.refundFee).toBe(paidFen - Math.floor(paidFen / 3));
  await w.t.running.cloud.pay.simulateRefund(w.env, `cp-${order.orderNo}-2`);
  expect(answer(await refund(1, 3))).toMatch(/^INVALID_STATE/);
  const done = await w.doc('orders', order._id);
  expect(done).toMatchObject({ refundedFen: paidFen, status: 'refunded' });
  const refunds = await w.find('refunds', { orderId: order._id });
  expect(refunds.reduce((s: number, r: any) => s + r.refundFee, 0)).toBe(paidFen);
  expect((await w.doc('couponClaims', claimId)).orderId).toBe(order._id);
  expect(await couponRow(couponId)).toMatchObject({ used: 1, costFen: 500 });
});

test('a paid order cancelled before cut-off refunds what was paid and gives the coupon back once', async () => {
  const { claimId, couponId } = await claimed(RES2);
  const order = await pay(RES2, (await create(RES2, [{ batchItemId: ITEM.rice, qty: 1 }], claimId)).data);
  const res = await w.call('order', { action: 'cancel', orderId: order._id }, RES2);
  expect(res.ok).toBe(true);
  const refunds = await w.find('refunds', { orderId: order._id });
  expect(refunds.map((r: any) => r.refundFee)).toEqual([price.rice - 500]);
  expect((await w.doc('couponClaims', claimId)).orderId).toBeUndefined();
  await w.call('order', { action: 'cancel', orderId: order._id }, RES2);
  expect(await couponRow(couponId)).toMatchObject({ used: 0, costFen: 0 });
});

test('a 新人券 goes on a newcomer’s first order', async () => {
  const newbie = 'oNEWBIE';
  const { claimId } = await claimed(newbie, {
    title: '新人立减3元',
    kind: 'newResident',
    offFen: 300,
    thresholdFen: 0,
  });
  const res = await create(newbie, [{ batchItemId: ITEM.qingcai, qty: 2 }], claimId, { pickupPointId: 'pp-sunshine' });
  expect(res.data).toMatchObject({ totalFen: 2 * price.qingcai - 300, coupon: { discountFen: 300 } });
});

test('checkout lists the caller’s unused copies against the cart, best first, and the best one is what the order gets', async () => {
  const resident = 'oCHECKOUT';
  const threshold = await claimed(resident);
  const fixed = await claimed(resident, { title: '立减2元', kind: 'fixed', offFen: 200, thresholdFen: 0 });
  const fruit = await claimed(resident, { title: '水果券', kind: 'category', categoryIds: ['fruit'], thresholdFen: 0 });
  const forCart = (lines: Lines) =>
    w.call('order', { action: 'coupons.forCart', batchId: OPEN, lines }, resident).then((r) => r.data);
  const rice = await forCart([{ batchItemId: ITEM.rice, qty: 1 }]);
  expect(rice).toMatchObject({ listTotalFen: price.rice, bestId: threshold.claimId });
  expect(rice.coupons.map((c: any) => [c._id, c.applies, c.discountFen ?? c.reason])).toEqual([
    [threshold.claimId, true, 500],
    [fixed.claimId, true, 200],
    [fruit.claimId, false, '没有适用的商品'],
  ]);
  const small = await forCart([{ batchItemId: ITEM.qingcai, qty: 1 }]);
  expect(small.bestId).toBe(fixed.claimId);
  expect(small.coupons.find((c: any) => c._id === threshold.claimId)).toMatchObject({
    applies: false,
    reason: '未达到使用门槛',
    shortFen: 3000 - price.qingcai,
  });
  const order = await create(resident, [{ batchItemId: ITEM.rice, qty: 1 }], rice.bestId, {
    pickupPointId: 'pp-sunshine',
  });
  expect(order.data.coupon.discountFen).toBe(500);
  expect((await forCart([{ batchItemId: ITEM.rice, qty: 1 }])).coupons.map((c: any) => c._id)).not.toContain(
    threshold.claimId,
  );
});

test('money invariant over every order made here: per line paid + discount = list amount, refunds never exceed paid', async () => {
  const orders = await w.find('orders', {});
  const withCoupon = orders.filter((o: any) => o.coupon);
  expect(withCoupon.length).toBeGreaterThanOrEqual(8);
  for (const o of orders) {
    for (const l of o.lines) {
      expect(l.amountFen + (l.discountFen ?? 0)).toBe(l.priceFen * l.qty);
      expect(l.refundedFen).toBeLessThanOrEqual(l.amountFen);
    }
    const discount = o.lines.reduce((s: number, l: any) => s + (l.discountFen ?? 0), 0);
    expect(discount).toBe(o.coupon?.discountFen ?? 0);
    expect(o.totalFen).toBe(o.lines.reduce((s: number, l: any) => s + l.amountFen, 0));
    expect(o.refundedFen).toBeLessThanOrEqual(o.paidFen);
  }
});
