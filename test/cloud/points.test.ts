import { businessDate, businessInstant } from '../../cloudfunctions/core/domain/time';
import { DEFAULT_POINTS_SETTINGS } from '../../typings/points';
import { couponInput, LEADER1, NOT_ADMINS, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';

/**
 * 积分与会员等级 (issue 13.3) through the real functions: points are earned on
 * picked-up orders (on the cash kept), given back and taken back with refunds,
 * spent at checkout within the admin's rate and cap, never below 0 under
 * parallel orders, expire oldest first after the next year end; the level comes
 * from 12 months' spending and offers its monthly coupon once a month.
 */
jest.setTimeout(180_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('points-env');
  for (const name of ['commissionLedger', 'commissionOrders', 'leaderBalances', 'jobs'])
    await w.db.createCollection(name).catch(() => undefined);
}, 60_000);
afterAll(() => w?.stop());

type Lines = Array<{ batchItemId: string; qty: number }>;
const RICE = 3990;
const POINT = 'pp-sunshine'; // 王阿姨 (LEADER1) verifies here
let residents = 0;
/** A resident of its own, so each test starts from a balance of 0. */
const resident = () => `oPOINTS${++residents}`;

const answer = (a: { ok: boolean; code?: string; message?: string }) => (a.ok ? 'ok' : `${a.code} ${a.message}`);
const points = (openid: string, action: string, data: Record<string, unknown> = {}) =>
  w.call('order', { action: `points.${action}`, ...data }, openid);
const summary = async (openid: string) => (await points(openid, 'summary')).data;
const history = async (openid: string) =>
  (await points(openid, 'history', { pageSize: 50 })).data.items.map((e: any) => [e.kind, e.points]);
const saveRules = (patch: Record<string, unknown>) => w.ok('settings.points', { ...DEFAULT_POINTS_SETTINGS, ...patch });

const create = (openid: string, lines: Lines, extra: Record<string, unknown> = {}) =>
  w.call(
    'order',
    { action: 'create', clientRequestId: rid('pts'), batchId: OPEN, pickupPointId: POINT, lines, ...extra },
    openid,
  );
async function pay(openid: string, order: { _id: string; orderNo: string }) {
  const prep = await w.call('pay', { action: 'prepare', orderId: order._id }, openid);
  if (!prep.ok) throw new Error(`prepare ${prep.code}`);
  await w.t.running.cloud.pay.simulatePay(w.env, order.orderNo, { openid });
  return w.doc('orders', order._id);
}
/** Paid, arrived and verified by the leader with the pickup code, through the real functions. */
async function pickUp(openid: string, orderId: string) {
  const at = new Date(w.now());
  const order = await w.doc('orders', orderId);
  await w.db
    .collection('orders')
    .doc(orderId)
    .update({ data: { status: 'arrived', arrivedAt: at, history: [...order.history, { status: 'arrived', at }] } });
  const { pickupCode } = (await w.call('order', { action: 'detail', orderId }, openid)).data;
  const verified = await w.call('leader', { action: 'verify', batchId: OPEN, code: pickupCode }, LEADER1);
  expect(verified.data).toMatchObject({ status: 'picked_up' });
}
async function refund(orderId: string, qty: number, outRefundNo: string) {
  const res = await w.admin('orders.refund', {
    orderId,
    lines: [{ batchItemId: ITEM.rice, qty }],
    reason: '缺货',
    outRefundNo,
  });
  expect(answer(res)).toBe('ok');
  await w.t.running.cloud.pay.simulateRefund(w.env, outRefundNo);
}
/** A resident holding `earned` points: an order of rice picked up at `earnPerYuan`. */
async function holding(openid: string, earnPerYuan: number) {
  await saveRules({ earnPerYuan });
  const order = await pay(openid, (await create(openid, [{ batchItemId: ITEM.rice, qty: 1 }])).data);
  await pickUp(openid, order._id);
  await saveRules({});
  return order;
}

test('a picked-up order earns a point per whole yuan paid; the summary and 积分明细 show it; nothing before pickup', async () => {
  const me = resident();
  const order = await pay(me, (await create(me, [{ batchItemId: ITEM.rice, qty: 3 }])).data);
  expect((await summary(me)).balance).toBe(0);
  await pickUp(me, order._id);
  const s = await summary(me);
  expect(s).toMatchObject({
    balance: 119, // ¥119.70 paid
    expiring: { points: 0, on: `${businessDate(w.now()).slice(0, 4)}-12-31` },
    level: { name: '普通会员', spendFen: 3 * RICE, next: { name: '银卡会员', needFen: 30_000 - 3 * RICE } },
    rule: { enabled: true, earnPerYuan: 1, pointsPerYuan: 100, maxPercent: 20, reviewPoints: 10 },
  });
  expect(await history(me)).toEqual([['earn', 119]]);
  const [entry] = (await points(me, 'history')).data.items;
  expect(entry).toMatchObject({ orderNo: order.orderNo });
  // The leader's verification again (a replayed hook) earns nothing more.
  await w.t.running.cloud.functions.fireTrigger(w.env, 'commission');
  expect((await summary(me)).balance).toBe(119);
});

test('checkout takes points within the cap, spread over the lines to the fen; WeChat Pay charges the rest; client amounts ignored', async () => {
  const me = resident();
  await holding(me, 100); // ¥39.90 → 3900 points
  expect((await summary(me)).balance).toBe(3900);
  const res = await create(
    me,
    [
      { batchItemId: ITEM.qingcai, qty: 3 },
      { batchItemId: ITEM.rice, qty: 1 },
    ],
    { usePoints: true, points: { used: 99999, fen: 99999 }, totalFen: 1 },
  );
  expect(answer(res)).toBe('ok');
  const list = 3 * 290 + RICE; // 4860; 20 % = 972 fen = 972 points at 100 points per yuan
  expect(res.data).toMatchObject({ totalFen: list - 972, points: { used: 972, fen: 972 } });
  const lines = res.data.lines;
  expect(lines.map((l: any) => l.amountFen + l.discountFen)).toEqual([870, RICE]);
  expect(lines.reduce((s: number, l: any) => s + l.discountFen, 0)).toBe(972);
  const paid = await pay(me, res.data);
  expect(paid).toMatchObject({ paidFen: list - 972 });
  expect(w.t.running.cloud.pay.findOrder(w.env, { outTradeNo: paid.orderNo })).toMatchObject({
    totalFee: list - 972,
  });
  expect((await summary(me)).balance).toBe(3900 - 972);
  expect(await history(me)).toEqual([
    ['spend', -972],
    ['earn', 3900],
  ]);
});

test('parallel orders never take the same points twice: the balance is what the ledger says and never below 0', async () => {
  const me = resident();
  await holding(me, 25); // ¥39.90 → 975 points
  // Each rice order may take 20 % of ¥39.90 = 798 points: only one fits the balance whole.
  const results = await Promise.all(
    Array.from({ length: 6 }, () => create(me, [{ batchItemId: ITEM.rice, qty: 1 }], { usePoints: true })),
  );
  expect(results.map(answer)).toEqual(Array(6).fill('ok'));
  const used = results.map((r) => r.data.points?.used ?? 0);
  expect(used.reduce((a, b) => a + b, 0)).toBe(975);
  expect(used.filter((u) => u === 798)).toHaveLength(1); // the first takes its cap, the second the 177 left
  expect(used.filter((u) => u === 177)).toHaveLength(1);
  const s = await summary(me);
  expect(s.balance).toBe(0);
  const ledger = await w.find('pointsLedger', { openid: me });
  expect(ledger.reduce((sum: number, e: any) => sum + e.points, 0)).toBe(0);
  // Every order's lines say what it took.
  for (const r of results)
    expect(r.data.lines.reduce((a: number, l: any) => a + (l.discountFen ?? 0), 0)).toBe(r.data.points?.fen ?? 0);
});

test('a cancelled unpaid order gives its points back once; a retried create takes them once', async () => {
  const me = resident();
  await holding(me, 100);
  const clientRequestId = rid('retry');
  const ask = () =>
    w.call(
      'order',
      {
        action: 'create',
        clientRequestId,
        batchId: OPEN,
        pickupPointId: POINT,
        lines: [{ batchItemId: ITEM.rice, qty: 1 }],
        usePoints: true,
      },
      me,
    );
  const [a, b] = await Promise.all([ask(), ask()]);
  expect([answer(a), answer(b)]).toEqual(['ok', 'ok']);
  expect(a.data._id).toBe(b.data._id);
  expect((await summary(me)).balance).toBe(3900 - 798);
  const cancel = () => w.call('order', { action: 'cancel', orderId: a.data._id }, me);
  await Promise.all([cancel(), cancel()]);
  expect((await summary(me)).balance).toBe(3900);
  expect(await history(me)).toEqual([
    ['back', 798],
    ['spend', -798],
    ['earn', 3900],
  ]);
});

test('refunds give back the points share of what they refund; a refund after pickup takes its earned points back', async () => {
  const me = resident();
  await holding(me, 100); // 3900
  const res = await create(me, [{ batchItemId: ITEM.rice, qty: 3 }], { usePoints: true });
  const cap = Math.floor((3 * RICE * 20) / 100); // 2394 fen = 2394 points
  expect(res.data.points).toEqual({ used: cap, fen: cap });
  const order = await pay(me, res.data);
  await pickUp(me, order._id);
  const paid = 3 * RICE - cap; // 9576 → 95 points earned
  expect((await summary(me)).balance).toBe(3900 - cap + 95);
  // One of three bags refunded: a third of the cash, a third of the points back, a third of the earning taken back.
  await refund(order._id, 1, `pts-${order.orderNo}-1`);
  const after = await w.doc('orders', order._id);
  expect(after.refundedFen).toBe(Math.floor(paid / 3));
  const back = Math.floor((cap * 1) / 3); // 798
  const keptEarn = Math.floor((paid - Math.floor(paid / 3)) / 100); // 63
  expect((await summary(me)).balance).toBe(3900 - cap + back + keptEarn);
  expect(await history(me)).toEqual([
    ['reverse', keptEarn - 95],
    ['back', back],
    ['earn', 95],
    ['spend', -cap],
    ['earn', 3900],
  ]);
  // The rest: all the points back, the earning gone; cash refunds add up to exactly what was paid.
  await refund(order._id, 2, `pts-${order.orderNo}-2`);
  expect(await w.doc('orders', order._id)).toMatchObject({ status: 'refunded', refundedFen: paid });
  expect((await summary(me)).balance).toBe(3900);
});

test('a refund after the earned points were spent takes only what is left: the balance stops at 0', async () => {
  const me = resident();
  const order = await holding(me, 100); // 3900 earned on this order
  // Spend most of them on a big order.
  const big = await create(me, [{ batchItemId: ITEM.rice, qty: 5 }], { usePoints: true });
  expect(big.data.points.used).toBe(3900);
  expect((await summary(me)).balance).toBe(0);
  await refund(order._id, 1, `pts-${order.orderNo}-all`);
  expect((await summary(me)).balance).toBe(0);
  const balance = await w.doc('pointsBalances', me);
  expect(balance.balance).toBe(0);
});

test('a review earns reviewPoints once per order, however often it is submitted', async () => {
  const me = resident();
  const order = await pay(me, (await create(me, [{ batchItemId: ITEM.qingcai, qty: 1 }])).data);
  await pickUp(me, order._id);
  const review = () =>
    w.call('order', { action: 'review', orderId: order._id, goods: [], service: { stars: 5, text: '好' } }, me);
  await Promise.all([review(), review(), review()]);
  const goods = await w.call(
    'order',
    { action: 'review', orderId: order._id, goods: [{ batchItemId: ITEM.qingcai, stars: 5, text: '新鲜' }] },
    me,
  );
  expect(answer(goods)).toBe('ok');
  expect(await history(me)).toEqual([
    ['review', 10],
    ['earn', 2],
  ]);
});

test('the level comes from 12 months of spending; its monthly coupon is taken once a month', async () => {
  const me = resident();
  const coupon = await w.ok('coupons.create', {
    ...couponInput(businessDate(w.now())),
    title: '金卡月券',
    validTo: businessDate(new Date(w.now().getTime() + 400 * 86_400_000)),
  });
  await saveRules({
    levels: [
      { name: '普通会员', minSpendFen: 0, monthlyCouponId: '' },
      { name: '金卡会员', minSpendFen: 10_000, monthlyCouponId: coupon._id },
    ],
  });
  expect(answer(await points(me, 'monthlyCoupon'))).toBe('INVALID_STATE 普通会员没有每月会员券');
  await pay(me, (await create(me, [{ batchItemId: ITEM.rice, qty: 3 }])).data);
  const s = await summary(me);
  expect(s.level).toEqual({ name: '金卡会员', spendFen: 3 * RICE, monthlyCoupon: { title: '金卡月券', taken: false } });
  const takes = await Promise.all([1, 2, 3].map(() => points(me, 'monthlyCoupon')));
  expect(takes.map(answer)).toEqual(['ok', 'ok', 'ok']);
  expect(new Set(takes.map((t) => t.data._id)).size).toBe(1);
  expect((await summary(me)).level.monthlyCoupon).toEqual({ title: '金卡月券', taken: true });
  expect(await w.find('couponClaims', { openid: me })).toHaveLength(1);
  // Next month: a new copy.
  w.advance(32 * 86_400_000);
  expect((await summary(me)).level.monthlyCoupon.taken).toBe(false);
  expect(answer(await points(me, 'monthlyCoupon'))).toBe('ok');
  expect(await w.find('couponClaims', { openid: me })).toHaveLength(2);
  w.advance(-32 * 86_400_000);
  await saveRules({});
});

test('settings.points: admins only; bad rules refused with a clear message and nothing changed; switched off, checkout refuses points', async () => {
  const before = await w.dump('settings', 'pointsLedger', 'pointsBalances');
  for (const [who, openid, code] of NOT_ADMINS)
    expect([who, (await w.admin('settings.points', { ...DEFAULT_POINTS_SETTINGS }, openid)).code]).toEqual([who, code]);
  const bad: Array<[Record<string, unknown>, RegExp]> = [
    [{ pointsPerYuan: 3 }, /抵扣比例/],
    [{ maxPercent: 0 }, /抵扣上限/],
    [{ earnPerYuan: -1 }, /每元获得积分/],
    [{ levels: [] }, /会员等级/],
    [{ levels: [{ name: '银卡', minSpendFen: 100, monthlyCouponId: '' }] }, /第一个等级的升级消费必须为 0/],
    [
      {
        levels: [
          { name: '普通', minSpendFen: 0, monthlyCouponId: '' },
          { name: '银卡', minSpendFen: 0, monthlyCouponId: '' },
        ],
      },
      /逐级升高/,
    ],
    [{ levels: [{ name: '普通', minSpendFen: 0, monthlyCouponId: 'no-such-coupon' }] }, /每月会员券不存在/],
  ];
  for (const [patch, message] of bad) {
    const res = await w.admin('settings.points', { ...DEFAULT_POINTS_SETTINGS, ...patch });
    expect(res.code).toBe('INVALID_INPUT');
    expect(res.message).toMatch(message);
  }
  expect(await w.dump('settings', 'pointsLedger', 'pointsBalances')).toBe(before);

  const me = resident();
  await holding(me, 100);
  await saveRules({ enabled: false });
  expect((await w.ok('settings.get')).points.enabled).toBe(false);
  const untouched = await w.dump('pointsLedger', 'pointsBalances', 'pointsOrders');
  const res = await create(me, [{ batchItemId: ITEM.rice, qty: 1 }], { usePoints: true });
  expect(answer(res)).toBe('INVALID_STATE 积分抵扣已关闭');
  expect(await w.dump('pointsLedger', 'pointsBalances', 'pointsOrders')).toBe(untouched);
  // The stock the refused order held came back.
  expect(await w.find('orders', { openid: me, status: 'pending_payment' })).toHaveLength(0);
  await saveRules({});
});

test('points expire after the next year end, oldest first, once, by the scheduler', async () => {
  const me = resident();
  await holding(me, 100); // 3900 earned this year
  const year = Number(businessDate(w.now()).slice(0, 4));
  // Next year: nothing expires yet, and the summary warns of the year end.
  const move = (date: string) => w.advance(businessInstant(date, '00:30').getTime() - w.now().getTime());
  move(`${year + 1}-06-01`);
  await w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler');
  expect(await summary(me)).toMatchObject({ balance: 3900, expiring: { points: 3900, on: `${year + 1}-12-31` } });
  // On 1 January of the year after, they expire (two ticks at once expire them once).
  move(`${year + 2}-01-01`);
  await Promise.all([
    w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler'),
    w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler'),
  ]);
  expect((await summary(me)).balance).toBe(0);
  expect((await history(me))[0]).toEqual(['expire', -3900]);
  expect((await w.find('pointsLedger', { openid: me, kind: 'expire' })).length).toBe(1);
});
