import { addDays, businessDate, businessInstant, mondayOf } from '../../cloudfunctions/core/domain/time';
import { couponInput } from './adminWorld';
import { rid, startShop, type Shop } from './shop';

/**
 * One business day through the client gateway, as the people of the day would
 * play it: the admin opens a batch, a new leader applies and is approved,
 * residents order and pay (WeChat Pay simulated by the local cloud) or leave
 * orders unpaid, the batch cuts off, minimums are settled, purchase orders are
 * made, the goods arrive short, pickup notices go out, residents pick up by
 * code (a neighbour invited through 邀请有礼 rewards both), commissions settle
 * and a leader withdraws; the next batch has a 拼团 that fills and one that
 * fails, and the points the day earned are spent on another. The clock is
 * moved, never waited for. At the end the money and stock invariants must hold for every
 * order and item, and over the whole day.
 */
jest.setTimeout(60_000);
const env = 'whole-day-env';
const MINUTE = 60_000;
const ADMIN = 'oADMIN';
const WANG = 'oLEADER1'; // 王阿姨, pp-sunshine (seed)
const ZHAO = 'oZHAO'; // becomes a leader today
const [DAY1, DAY2, DAY3] = ['oDAY1', 'oDAY2', 'oDAY3'];
/** Category rates of the seed (bps): what commission is promised on. */
const RATE_BPS: Record<string, number> = { fresh: 1000, grain: 800, dairy: 800 };
/** Per item: what the admin puts up for sale. */
const ITEMS = {
  qingcai: { productId: 'p-qingcai', priceFen: 300, stock: 50, minQuantity: 5 },
  rice: { productId: 'p-rice', priceFen: 4000, stock: 20, minQuantity: 2 },
  // Only 3 are bought: below its minimum of 10, it does not run.
  milk: { productId: 'p-milk', priceFen: 5000, stock: 30, minQuantity: 10 },
};
type ItemKey = keyof typeof ITEMS;

let w: Shop;
let batchId: string;
const item = {} as Record<ItemKey, string>;
let zhao: { leaderId: string; pickupPointId: string };
const orders: Record<string, { _id: string; orderNo: string }> = {};

beforeAll(async () => {
  // Only today's batch: the demo batches would cut off too as the clock moves on.
  w = await startShop(env, (seed) => {
    seed.collections.batches = [];
    seed.collections.batchItems = [];
  });
  for (const name of ['payments', 'refunds', 'settings', 'commissionLedger', 'commissionOrders', 'leaderBalances'])
    await w.db.createCollection(name).catch(() => undefined);
}, 60_000);
afterAll(() => w?.stop());

const cloud = () => w.t.running.cloud;
const now = () => new Date(cloud().clock.now());
const advance = (ms: number) => cloud().clock.advance(ms);
/** data of an ok envelope, else the test fails with the code. */
async function ok<T = any>(fn: string, action: string, data: Record<string, unknown>, openid?: string): Promise<T> {
  const res = await w.call(fn, { action, ...data }, openid);
  if (!res.ok) throw new Error(`${fn}.${action} as ${openid}: ${res.code} ${res.message}`);
  return res.data;
}
const tick = async () => {
  const res: any = await cloud().functions.fireTrigger(env, 'scheduler');
  if (!res.ok) throw new Error(`scheduler: ${JSON.stringify(res)}`);
  return res.data;
};
/** WeChat Pay finishes every refund it accepted and notifies the pay function. */
async function completeRefunds() {
  for (const r of cloud().pay.listRefunds(env))
    if (r.status === 'PROCESSING') await cloud().pay.simulateRefund(env, r.outRefundNo);
}
/** A resident's order through the order function; paid through pay.prepare and WeChat Pay unless told not to. */
async function order(
  openid: string,
  lines: Partial<Record<ItemKey, number>>,
  pay: 'pay' | 'prepare' | 'leave',
  couponId?: string,
) {
  const created = await ok(
    'order',
    'create',
    {
      clientRequestId: rid('day'),
      batchId,
      lines: Object.entries(lines).map(([k, qty]) => ({ batchItemId: item[k as ItemKey], qty })),
      ...(couponId ? { couponId } : {}),
    },
    openid,
  );
  if (pay !== 'leave') await ok('pay', 'prepare', { orderId: created._id }, openid);
  if (pay === 'pay') await cloud().pay.simulatePay(env, created.orderNo, { openid });
  return { _id: created._id as string, orderNo: created.orderNo as string };
}
/** Another batch, open now and cut off in 6 hours, selling rice at ¥40.00 (with these extra item terms): its batch and item ids. */
async function nextRiceBatch(title: string, extra: Record<string, unknown> = {}) {
  const cutoff = new Date(now().getTime() + 6 * 60 * MINUTE);
  const next = await ok(
    'admin',
    'batches.create',
    {
      title,
      opensAt: new Date(now().getTime() - MINUTE).toISOString(),
      cutoffAt: cutoff.toISOString(),
      pickupDate: addDays(businessDate(cutoff), 1),
      items: [
        {
          productId: 'p-rice',
          priceFen: 4000,
          originalPriceFen: 4500,
          stock: 10,
          limitPerUser: 0,
          minQuantity: 0,
          ...extra,
        },
      ],
    },
    ADMIN,
  );
  await ok('admin', 'batches.open', { id: next.batch._id }, ADMIN);
  return { batchId: next.batch._id as string, rice: next.items[0]._id as string };
}
const detail = (key: string, openid: string) => ok('order', 'detail', { orderId: orders[key]._id }, openid);
const stored = async (key: string) => w.doc('orders', orders[key]._id);
const batchOrders = () => w.find('orders', { batchId });

test('the admin opens a batch; a resident applies to lead a pickup point and is approved', async () => {
  const cutoffAt = new Date(now().getTime() + 180 * MINUTE);
  const created = await ok(
    'admin',
    'batches.create',
    {
      title: '整日测试团',
      opensAt: new Date(now().getTime() - MINUTE).toISOString(),
      cutoffAt: cutoffAt.toISOString(),
      pickupDate: addDays(businessDate(cutoffAt), 1),
      items: Object.values(ITEMS).map((i) => ({ ...i, originalPriceFen: i.priceFen + 100, limitPerUser: 0 })),
    },
    ADMIN,
  );
  batchId = created.batch._id;
  await ok('admin', 'batches.open', { id: batchId }, ADMIN);

  // 赵姐 opens the mini-program, then applies; the admin approves in the console.
  await ok('user', 'enter', {}, ZHAO);
  const application = await ok(
    'leader',
    'apply',
    {
      name: '赵姐',
      phone: '13812340000',
      address: '上海市浦东新区张杨路200号',
      location: { lat: 31.23, lng: 121.52 },
      hours: '08:00-20:00',
      photo: `cloud://${env}.bucket/apply/zhao.jpg`,
      pointName: '张杨路200号便利店',
    },
    ZHAO,
  );
  const pending = await ok('admin', 'leaders.applications', { status: 'pending' }, ADMIN);
  expect(pending.items.map((a: any) => a._id)).toEqual([application._id]);
  const review = await ok('admin', 'leaders.review', { applicationId: application._id, approve: true }, ADMIN);
  zhao = { leaderId: review.leaderId, pickupPointId: review.pickupPointId };
  expect((await ok('leader', 'batches', {}, ZHAO)).batches.map((b: any) => b._id)).toContain(batchId);

  // 邀请有礼 is on: ¥2 for the referrer, ¥3 for the new neighbour (reward-only coupons, paused in 领券中心).
  const reward = async (title: string, offFen: number) => {
    const input = couponInput(businessDate(now()), { title, kind: 'fixed', offFen, thresholdFen: 0 });
    const c = await ok('admin', 'coupons.create', input, ADMIN);
    return (await ok('admin', 'coupons.pause', { couponId: c._id }, ADMIN))._id as string;
  };
  const [referrerCouponId, inviteeCouponId] = [await reward('邀请奖励2元', 200), await reward('新邻居3元', 300)];
  await ok('admin', 'settings.referral', { enabled: true, referrerCouponId, inviteeCouponId, monthlyCap: 20 }, ADMIN);

  // Residents arrive through the leaders' shares and see the batch; 周一 invites 吴二 through 邀请有礼.
  expect((await ok('user', 'enter', { leaderId: zhao.leaderId }, DAY1)).pickupPoint._id).toBe(zhao.pickupPointId);
  const invite = await ok('user', 'invite', {}, DAY1);
  expect(invite.path).toBe(`/pages/home/index?leaderId=${zhao.leaderId}&ref=${invite.code}`);
  // 吴二 opens the shared card: home with its leaderId and ref, as the page passes them on.
  const shared = Object.fromEntries(new URLSearchParams(invite.path.split('?')[1]));
  expect((await ok('user', 'enter', shared, DAY2)).pickupPoint._id).toBe(zhao.pickupPointId);
  expect((await ok('user', 'invite', {}, DAY1)).invites).toEqual([expect.objectContaining({ status: 'bound' })]);
  expect((await ok('user', 'enter', { leaderId: 'leader-wang' }, DAY3)).pickupPoint._id).toBe('pp-sunshine');
  const { items } = await ok('catalog', 'items', { batchId }, DAY1);
  for (const k of Object.keys(ITEMS) as ItemKey[])
    item[k] = items.find((i: any) => i.productId === ITEMS[k].productId)._id;
});

test('residents order and pay; unpaid orders are cancelled after 15 minutes and give their stock back', async () => {
  // 周三 (DAY3) claims two copies of the admin's ¥1 立减券 in 领券中心 and puts one on each of his orders.
  const coupon = await ok(
    'admin',
    'coupons.create',
    {
      ...couponInput(businessDate(now()), { title: '立减1元', kind: 'fixed', offFen: 100, thresholdFen: 0 }),
      perResident: 2,
    },
    ADMIN,
  );
  const copies = [
    await ok('order', 'coupons.claim', { couponId: coupon._id }, DAY3),
    await ok('order', 'coupons.claim', { couponId: coupon._id }, DAY3),
  ];
  orders.o1 = await order(DAY1, { qingcai: 3, rice: 1, milk: 1 }, 'pay');
  orders.o2 = await order(DAY2, { qingcai: 2, milk: 2 }, 'pay');
  orders.o3 = await order(DAY3, { rice: 1, qingcai: 1 }, 'pay', copies[0]._id);
  // Two leave without paying, one of them after opening WeChat Pay.
  orders.o4 = await order(DAY2, { qingcai: 4 }, 'leave');
  orders.o5 = await order(DAY3, { rice: 1 }, 'prepare', copies[1]._id);
  expect((await w.doc('batchItems', item.qingcai)).stock).toBe(50 - 3 - 2 - 1 - 4);

  advance(16 * MINUTE);
  await tick();
  expect((await detail('o4', DAY2)).status).toBe('cancelled');
  expect((await detail('o5', DAY3)).status).toBe('cancelled');
  expect(cloud().pay.findOrder(env, { outTradeNo: orders.o5.orderNo })?.state).toBe('CLOSED');
  expect(await w.doc('batchItems', item.qingcai)).toMatchObject({ stock: 50 - 6, sold: 6 });
  expect(await w.doc('batchItems', item.rice)).toMatchObject({ stock: 20 - 2, sold: 2 });
  // The unpaid order's coupon came back; the paid one's ¥1 is spread over its lines (4000:300 → 93 + 7).
  const mine = await ok('order', 'coupons.mine', {}, DAY3);
  expect(mine.map((c: any) => [c._id, c.state])).toEqual(
    expect.arrayContaining([
      [copies[0]._id, 'used'],
      [copies[1]._id, 'unused'],
    ]),
  );
  expect((await stored('o3')).lines.map((l: any) => [l.amountFen, l.discountFen])).toEqual([
    [4000 - 93, 93],
    [300 - 7, 7],
  ]);

  // The latest order of the day: it is the first to lose out if goods arrive short.
  orders.o6 = await order(DAY1, { qingcai: 2 }, 'pay');
  for (const [key, openid] of [
    ['o1', DAY1],
    ['o2', DAY2],
    ['o3', DAY3],
    ['o6', DAY1],
  ])
    expect((await detail(key, openid)).status).toBe('paid');
});

test('at cut-off selling stops; the pipeline waits for the last unpaid order, then settles minimums before buying', async () => {
  const batch = await w.doc('batches', batchId);
  // Five minutes before cut-off a resident orders and is still in the payment window when it comes.
  cloud().clock.set(new Date(batch.cutoffAt).getTime() - 5 * MINUTE);
  orders.o7 = await order(DAY3, { qingcai: 1 }, 'leave');
  advance(6 * MINUTE);
  await tick();
  expect((await w.doc('batches', batchId)).status).toBe('cutoff');
  const late = await w.call(
    'order',
    { action: 'create', clientRequestId: rid('late'), batchId, lines: [{ batchItemId: item.rice, qty: 1 }] },
    DAY1,
  );
  expect(late.code).toBe('BATCH_CLOSED');
  const early = await w.call('admin', { action: 'supply.run', batchId }, ADMIN);
  expect(early).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  expect(await ok('admin', 'purchaseOrders.list', { batchId }, ADMIN)).toEqual([]);
  // Minimums wait for the paid quantities to be final: no item is marked 未成团 yet.
  const waiting = await ok('admin', 'batches.get', { id: batchId }, ADMIN);
  expect(waiting.items.some((i: any) => i.notRunning !== undefined)).toBe(false);

  advance(15 * MINUTE);
  const settled = await tick();
  expect(settled).toMatchObject({ cancelled: 1, itemsNotRunning: 1, refundsRequested: 2, documentsWritten: 1 });
  expect((await detail('o7', DAY3)).status).toBe('cancelled');
  const view = await ok('admin', 'batches.get', { id: batchId }, ADMIN);
  expect(view.items.find((i: any) => i._id === item.milk)).toMatchObject({ notRunning: true });
  expect(view.items.find((i: any) => i._id === item.qingcai).notRunning).toBeFalsy();
  expect(view.batch.minimumsSettledAt <= view.batch.supplyDoneAt).toBe(true);

  await completeRefunds();
  // The milk buyers got their milk back, and only that.
  expect(await stored('o1')).toMatchObject({ status: 'paid', refundedFen: 5000 });
  expect(await stored('o2')).toMatchObject({ status: 'paid', refundedFen: 10000 });
});

test('purchase orders and packing lists hold exactly the units still owed', async () => {
  const paid = (await batchOrders()).filter((o: any) => o.status === 'paid');
  const owed = new Map<string, number>();
  const owedAt = new Map<string, number>();
  for (const o of paid)
    for (const l of o.lines) {
      const qty = l.qty - l.refundedQty;
      if (qty <= 0) continue;
      owed.set(l.batchItemId, (owed.get(l.batchItemId) ?? 0) + qty);
      const at = `${o.pickupPointId}|${l.batchItemId}`;
      owedAt.set(at, (owedAt.get(at) ?? 0) + qty);
    }
  expect(owed).toEqual(
    new Map([
      [item.qingcai, 8],
      [item.rice, 2],
    ]),
  );

  const purchaseOrders = await ok('admin', 'purchaseOrders.list', { batchId }, ADMIN);
  expect(purchaseOrders.map((p: any) => p.supplierId)).toEqual(['sup-oil', 'sup-veg']);
  const bought = new Map<string, number>();
  for (const po of purchaseOrders) for (const l of po.lines) bought.set(l.batchItemId, l.qty);
  expect(bought).toEqual(owed);
  // The supplier of the vegetables sees its own purchase order only.
  expect((await ok('admin', 'purchaseOrders.list', { batchId }, 'oSUPPLIER1')).map((p: any) => p.supplierId)).toEqual([
    'sup-veg',
  ]);

  const lists = (await ok('admin', 'packingLists.list', { batchId }, ADMIN)).items;
  const packed = new Map<string, number>();
  for (const list of lists) for (const l of list.lines) packed.set(`${list.pickupPointId}|${l.batchItemId}`, l.qty);
  expect(packed).toEqual(owedAt);
  const route = await ok('admin', 'routes.get', { batchId }, ADMIN);
  expect(route.stops.map((s: any) => s.pickupPointId).sort()).toEqual([zhao.pickupPointId, 'pp-sunshine'].sort());
});

test('the goods arrive short at the new point: the latest order is refunded, notices go out to who consented', async () => {
  advance(10 * 60 * MINUTE); // the next morning
  // 周一 (DAY1) accepted the pickup notice in WeChat; 吴二 (DAY2) did not.
  cloud().openapi.recordConsent(env, DAY1, 'TPL_PICKUP');
  await ok('notify', 'recordSubscriptions', { results: { TPL_PICKUP: 'accept' } }, DAY1);

  // 7 bundles of qingcai ordered at the point, 6 delivered, 1 of them damaged: 2 short.
  const arrival = await ok(
    'leader',
    'confirmArrival',
    {
      batchId,
      lines: [
        { batchItemId: item.qingcai, receivedQty: 6, damagedQty: 1 },
        { batchItemId: item.rice, receivedQty: 1, damagedQty: 0 },
      ],
    },
    ZHAO,
  );
  expect(arrival.refunds.map((r: any) => [r.orderNo, r.batchItemId, r.qty, r.fen])).toEqual([
    [orders.o6.orderNo, item.qingcai, 2, 600],
  ]);
  expect(arrival.chargebacks.map((c: any) => [c.reason, c.qty]).sort()).toEqual([
    ['damage', 1],
    ['shortage', 1],
  ]);
  await ok(
    'leader',
    'confirmArrival',
    {
      batchId,
      lines: [
        { batchItemId: item.qingcai, receivedQty: 1, damagedQty: 0 },
        { batchItemId: item.rice, receivedQty: 1, damagedQty: 0 },
      ],
    },
    WANG,
  );
  await completeRefunds();

  expect((await detail('o6', DAY1)).status).toBe('refunded');
  for (const [key, openid] of [
    ['o1', DAY1],
    ['o2', DAY2],
    ['o3', DAY3],
  ])
    expect((await detail(key, openid)).status).toBe('arrived');
  const notified = cloud()
    .openapi.outbox(env)
    .filter((m) => m.template === 'TPL_PICKUP')
    .map((m) => m.touser);
  expect(notified).toEqual([DAY1]);
  const unnotified = await ok('leader', 'unnotified', { batchId }, ZHAO);
  expect(unnotified.items.map((i: any) => i.orderNo)).toEqual([orders.o2.orderNo]);
});

test('residents pick up by code at their own point', async () => {
  const code = async (key: string, openid: string) => (await detail(key, openid)).pickupCode as string;
  // A code works only at the order's own point.
  expect((await w.call('leader', { action: 'verify', batchId, code: await code('o1', DAY1) }, WANG)).code).toBe(
    'NOT_FOUND',
  );
  for (const [key, openid, leader] of [
    ['o1', DAY1, ZHAO],
    ['o2', DAY2, ZHAO],
    ['o3', DAY3, WANG],
  ]) {
    const picked = await ok('leader', 'verify', { batchId, code: await code(key, openid) }, leader);
    expect(picked).toMatchObject({ orderNo: orders[key].orderNo, status: 'picked_up' });
  }
  // The refunded order shows no code to pick up with.
  expect((await detail('o6', DAY1)).pickupCode).toBeUndefined();

  // 吴二's first order picked up: 邀请有礼 rewards both, once (周一's own orders give him nothing as an invitee).
  expect((await ok('user', 'invite', {}, DAY1)).invites).toEqual([expect.objectContaining({ status: 'rewarded' })]);
  const unused = async (openid: string) =>
    (await ok('order', 'coupons.mine', { state: 'unused' }, openid)).map((c: any) => c.title);
  expect(await unused(DAY1)).toEqual(['邀请奖励2元']);
  expect(await unused(DAY2)).toEqual(['新邻居3元']);
  expect(await ok('leader', 'verify', { batchId, code: await code('o2', DAY2) }, ZHAO)).toMatchObject({
    alreadyPicked: true,
  });
  expect(await unused(DAY2)).toEqual(['新邻居3元']);
});

test('residents review what they took home; the item page and the console show it', async () => {
  const review = (key: string, openid: string, body: Record<string, unknown>) =>
    w.call('order', { action: 'review', orderId: orders[key]._id, ...body }, openid);
  // 周一's milk did not run (refunded): nothing to rate.
  const milk = await review('o1', DAY1, { goods: [{ batchItemId: item.milk, stars: 1, text: '' }] });
  expect([milk.code, milk.message]).toEqual(['INVALID_INPUT', expect.stringContaining('没有取货')]);
  expect(
    (
      await review('o1', DAY1, {
        goods: [
          { batchItemId: item.qingcai, stars: 5, text: '很新鲜' },
          { batchItemId: item.rice, stars: 4, text: '' },
        ],
        service: { stars: 5, text: '赵姐很热情' },
      })
    ).ok,
  ).toBe(true);
  expect((await review('o3', DAY3, { goods: [{ batchItemId: item.qingcai, stars: 2, text: '有点蔫' }] })).ok).toBe(
    true,
  );
  // An order refunded before pickup is not reviewed.
  expect((await review('o6', DAY1, { goods: [{ batchItemId: item.qingcai, stars: 5, text: '' }] })).code).toBe(
    'INVALID_STATE',
  );

  expect((await ok('catalog', 'item', { batchItemId: item.qingcai }, DAY2)).reviews).toMatchObject({
    count: 2,
    average: 3.5,
  });
  const listed = await ok('admin', 'reviews.list', { filter: 'bad' }, ADMIN);
  expect([listed.unreadBad, listed.items.map((r: any) => [r.text, r.leaderId])]).toEqual([
    1,
    [['有点蔫', 'leader-wang']],
  ]);
});

test('commission follows the rule, settles after the settlement days, and the new leader withdraws', async () => {
  // THE rule: the category's rate of what is paid and not refunded, rounded down per line, per leader.
  const earned = new Map<string, number>();
  for (const o of await batchOrders())
    for (const l of o.lines) {
      if (o.status !== 'picked_up') continue;
      const fen = Math.floor(((l.amountFen - l.refundedFen) * RATE_BPS[l.categoryId]) / 10_000);
      earned.set(o.leaderId, (earned.get(o.leaderId) ?? 0) + fen);
    }
  // 赵姐: qingcai 900 × 10% + rice 4000 × 8% (周一) + qingcai 600 × 10% (吴二); milk refunded, 周一's last order refunded.
  expect(earned.get(zhao.leaderId)).toBe(90 + 320 + 60);
  // 王阿姨: 周三's rice and qingcai as paid after his ¥1 coupon (3907 × 8%, 293 × 10%).
  expect(earned.get('leader-wang')).toBe(312 + 29);

  await cloud().functions.fireTrigger(env, 'commission');
  for (const [leaderId, openid] of [
    [zhao.leaderId, ZHAO],
    ['leader-wang', WANG],
  ])
    expect(await ok('commission', 'summary', {}, openid)).toMatchObject({
      pendingFen: 0,
      confirmedFen: earned.get(leaderId),
      availableFen: 0,
      totalEarnedFen: earned.get(leaderId),
    });
  const early = await w.call('commission', { action: 'withdraw', amountFen: 400, clientRequestId: rid('wd') }, ZHAO);
  expect(early.code).toBe('INSUFFICIENT_BALANCE');

  advance(7 * 24 * 60 * MINUTE + MINUTE);
  await cloud().functions.fireTrigger(env, 'commission');
  expect(await ok('commission', 'summary', {}, ZHAO)).toMatchObject({ confirmedFen: 0, availableFen: 470 });
  const { withdrawal } = await ok('commission', 'withdraw', { amountFen: 400, clientRequestId: rid('wd') }, ZHAO);
  await ok('admin', 'withdrawals.approve', { id: withdrawal._id }, ADMIN);
  await ok('admin', 'withdrawals.markPaid', { id: withdrawal._id, reference: 'BANK-0001' }, ADMIN);
  expect(await ok('commission', 'summary', {}, ZHAO)).toMatchObject({
    availableFen: 70,
    withdrawableFen: 70,
    withdrawnFen: 400,
    totalEarnedFen: 470,
  });
});

test('at the end of the day: every fen and every unit is accounted for', async () => {
  const all = await batchOrders();
  expect(all).toHaveLength(7);
  const trades = cloud().pay.listOrders(env);
  const refunds = cloud().pay.listRefunds(env);
  expect(refunds.every((r) => r.status === 'SUCCESS')).toBe(true);
  let paidTotal = 0;
  let refundedTotal = 0;
  let heldTotal = 0;
  for (const o of all) {
    const trade = trades.find((t) => t.outTradeNo === o.orderNo);
    const paid = trade && trade.state !== 'NOTPAY' && trade.state !== 'CLOSED' ? trade.totalFee : 0;
    const refunded = refunds.filter((r) => r.outTradeNo === o.orderNo).reduce((s, r) => s + r.refundFee, 0);
    const held =
      o.status === 'cancelled' ? 0 : o.lines.reduce((s: number, l: any) => s + l.amountFen - l.refundedFen, 0);
    // Per line: what was paid + the coupon's share = the list amount; refunds never beyond what was paid.
    for (const l of o.lines) {
      expect(l.amountFen + (l.discountFen ?? 0)).toBe(l.priceFen * l.qty);
      expect(l.refundedFen).toBeLessThanOrEqual(l.amountFen);
    }
    // For every order: what WeChat Pay took less what it gave back is what the order's lines still hold.
    expect({ order: o.orderNo, net: paid - refunded }).toEqual({ order: o.orderNo, net: held });
    expect({ order: o.orderNo, paidFen: o.paidFen, refundedFen: o.refundedFen }).toEqual({
      order: o.orderNo,
      paidFen: paid,
      refundedFen: refunded,
    });
    paidTotal += paid;
    refundedTotal += refunded;
    heldTotal += held;
  }
  // Over the day: four orders paid (周三's after his ¥1 coupon), the milk and the short qingcai given back.
  expect(paidTotal).toBe(9_900 + 10_600 + 4_300 - 100 + 600);
  expect(refundedTotal).toBe(5_000 + 10_000 + 600);
  expect(paidTotal - refundedTotal).toBe(heldTotal);

  // Stock: per item, what is left and what was sold add up to what was put up; sold = units of live orders.
  for (const k of Object.keys(ITEMS) as ItemKey[]) {
    const doc = await w.doc('batchItems', item[k]);
    const sold = all
      .filter((o: any) => o.status !== 'cancelled')
      .flatMap((o: any) => o.lines)
      .filter((l: any) => l.batchItemId === item[k])
      .reduce((s: number, l: any) => s + l.qty, 0);
    expect({ item: k, stock: doc.stock, sold: doc.sold }).toEqual({ item: k, stock: ITEMS[k].stock - sold, sold });
  }
});

test("the week after: each supplier's statement of the day is its purchases at cost less the chargebacks", async () => {
  const { pickupDate } = await w.doc('batches', batchId);
  const week = mondayOf(pickupDate);
  const after = businessInstant(addDays(week, 7), '09:00').getTime();
  if (now().getTime() < after) advance(after - now().getTime());
  const { statements } = await ok('admin', 'statements.generate', { start: week }, ADMIN);
  const by = Object.fromEntries(statements.map((s: any) => [s.supplierId, s]));
  // 8 青菜 bought at ¥1.80, 2 of them charged back (1 short, 1 damaged at 赵's point); 2 rice at ¥31.00; no milk (did not run).
  expect(by['sup-veg']).toMatchObject({
    purchaseFen: 8 * 180,
    chargebackFen: 2 * 180,
    afterSaleFen: 0,
    totalFen: 6 * 180,
  });
  expect(by['sup-oil']).toMatchObject({ purchaseFen: 2 * 3100, chargebackFen: 0, totalFen: 2 * 3100 });
  expect(by['sup-daily']).toBeUndefined();
  // The purchase lines are the purchase orders' lines, unit for unit.
  const purchaseOrders = await ok('admin', 'purchaseOrders.list', { batchId }, ADMIN);
  for (const po of purchaseOrders)
    expect(
      by[po.supplierId].lines
        .filter((l: any) => l.kind === 'purchase')
        .map((l: any) => [l.batchItemId, l.qty, l.amountFen]),
    ).toEqual(po.lines.map((l: any) => [l.batchItemId, l.qty, l.costFen]));
  for (const s of statements) expect(s.totalFen).toBe(s.lines.reduce((t: number, l: any) => t + l.amountFen, 0));
});

test('the next batch: one 拼团 fills and goes ahead at the group price, one fails and is refunded once by the timer', async () => {
  const next = await nextRiceBatch('拼团日', { groupDeal: { priceFen: 3500, size: 2, minutes: 30 } });
  const rice = next.rice;
  const groupOrder = async (openid: string, groupDeal: Record<string, unknown>) => {
    const created = await ok(
      'order',
      'create',
      { clientRequestId: rid('grp'), batchId: next.batchId, lines: [{ batchItemId: rice, qty: 1 }], groupDeal },
      openid,
    );
    await ok('pay', 'prepare', { orderId: created._id }, openid);
    await cloud().pay.simulatePay(env, created.orderNo, { openid });
    return created;
  };

  // 周一 opens, 周二 joins: filled, both paid ¥35.00, not the ¥40.00 list price.
  const opener = await groupOrder(DAY1, { open: true });
  await groupOrder(DAY2, { groupId: opener.groupId });
  expect(await ok('order', 'group', { groupId: opener.groupId }, DAY3)).toMatchObject({
    status: 'filled',
    paidMembers: 2,
    missing: 0,
  });
  // 周三 opens another and nobody joins: 31 minutes on, two ticks at once, one refund of what he paid.
  const alone = await groupOrder(DAY3, { open: true });
  advance(31 * MINUTE);
  await Promise.all([tick(), tick()]);
  await tick();
  expect(
    cloud()
      .pay.listRefunds(env)
      .filter((r) => r.outTradeNo === alone.orderNo),
  ).toEqual([expect.objectContaining({ outRefundNo: `group_${alone.orderNo}`, refundFee: 3500 })]);
  await completeRefunds();
  expect(await ok('order', 'group', { groupId: alone.groupId }, DAY3)).toMatchObject({ status: 'failed' });

  const orders = await w.find('orders', { batchId: next.batchId });
  expect(orders.map((o: any) => [o.status, o.paidFen, o.refundedFen]).sort()).toEqual(
    [
      ['paid', 3500, 0],
      ['paid', 3500, 0],
      ['refunded', 3500, 3500],
    ].sort(),
  );
  for (const o of orders) for (const l of o.lines) expect(l.amountFen + (l.discountFen ?? 0)).toBe(l.priceFen * l.qty);
  // Stock: the filled group's two units are sold, the failed one's came back.
  expect(await w.doc('batchItems', rice)).toMatchObject({ stock: 8, sold: 2 });
});

test('the points of the day: earned on what was picked up and kept, one review bonus, spent on the next batch, given back by the unpaid timeout', async () => {
  const summary = (openid: string) => ok('order', 'points.summary', {}, openid);
  // What each resident picked up today, paid and kept: a point per whole yuan, + 10 for 周一's and 周三's reviews.
  const day = await batchOrders();
  const earned = (openid: string) =>
    day
      .filter((o: any) => o.openid === openid && o.status === 'picked_up')
      .reduce((s: number, o: any) => s + Math.floor((o.paidFen - o.refundedFen) / 100), 0);
  const expected = { [DAY1]: earned(DAY1) + 10, [DAY2]: earned(DAY2), [DAY3]: earned(DAY3) + 10 };
  expect(expected[DAY1]).toBeGreaterThan(10);
  for (const openid of [DAY1, DAY2, DAY3])
    expect([openid, (await summary(openid)).balance]).toEqual([openid, expected[openid]]);

  const next = await nextRiceBatch('积分日');
  const rice = next.rice;
  const withPoints = (openid: string) =>
    ok(
      'order',
      'create',
      { clientRequestId: rid('pts'), batchId: next.batchId, lines: [{ batchItemId: rice, qty: 1 }], usePoints: true },
      openid,
    );
  // 周一 pays ¥40.00 less his points (at most 20 %: 800 points at 100 a yuan).
  const paid = await withPoints(DAY1);
  const used = Math.min(expected[DAY1], 800);
  expect(paid).toMatchObject({ totalFen: 4000 - used, points: { used, fen: used } });
  await ok('pay', 'prepare', { orderId: paid._id }, DAY1);
  await cloud().pay.simulatePay(env, paid.orderNo, { openid: DAY1 });
  expect((await w.doc('orders', paid._id)).paidFen).toBe(4000 - used);
  // 周三 takes his and never pays: the timer cancels the order and gives them back.
  const unpaid = await withPoints(DAY3);
  expect((await summary(DAY3)).balance).toBe(expected[DAY3] - unpaid.points.used);
  advance(16 * MINUTE);
  await tick();
  expect((await w.doc('orders', unpaid._id)).status).toBe('cancelled');
  expect((await summary(DAY3)).balance).toBe(expected[DAY3]);
  expect((await summary(DAY1)).balance).toBe(expected[DAY1] - used);

  // Every balance is its ledger's sum, and no line lost a fen.
  for (const b of await w.find('pointsBalances', {})) {
    const ledger = await w.find('pointsLedger', { openid: b._id });
    expect([b._id, ledger.reduce((s: number, e: any) => s + e.points, 0)]).toEqual([b._id, b.balance]);
    expect(b.balance).toBeGreaterThanOrEqual(0);
  }
  for (const o of await w.find('orders', { batchId: next.batchId }))
    for (const l of o.lines) expect(l.amountFen + (l.discountFen ?? 0)).toBe(l.priceFen * l.qty);
});

test('a 团长券: 王阿姨 funds ¥3 off for her point; 周三 uses it on the next batch and her commission pays it once', async () => {
  await ok('admin', 'settings.coupons', { leaderMonthlyBudgetFen: 10_000, stacking: false }, ADMIN);
  const coupon = await ok(
    'leader',
    'coupons.create',
    couponInput(businessDate(now()), {
      title: '王阿姨立减3元',
      kind: 'fixed',
      offFen: 300,
      thresholdFen: 0,
      total: 20,
    }),
    WANG,
  );
  // 周二 picks up at 赵姐's point: 王阿姨's coupon is not on offer to him, nor his to claim.
  expect((await ok('order', 'coupons.available', {}, DAY2)).map((c: any) => c._id)).not.toContain(coupon._id);
  expect((await w.call('order', { action: 'coupons.claim', couponId: coupon._id }, DAY2)).code).toBe('INVALID_STATE');
  const copy = await ok('order', 'coupons.claim', { couponId: coupon._id }, DAY3);
  const next = await nextRiceBatch('团长券日');
  const before = (await ok('commission', 'summary', {}, WANG)).availableFen;
  const created = await ok(
    'order',
    'create',
    {
      clientRequestId: rid('lcp'),
      batchId: next.batchId,
      lines: [{ batchItemId: next.rice, qty: 1 }],
      couponIds: [copy._id],
    },
    DAY3,
  );
  expect(created).toMatchObject({ totalFen: 3700, leaderCoupon: { discountFen: 300 } });
  await ok('pay', 'prepare', { orderId: created._id }, DAY3);
  await cloud().pay.simulatePay(env, created.orderNo, { openid: DAY3 });
  await cloud().functions.fireTrigger(env, 'commission');
  await cloud().functions.fireTrigger(env, 'commission');
  const ledger = await w.find('commissionLedger', { orderId: created._id });
  expect(ledger.filter((e: any) => e.kind === 'coupon').map((e: any) => [e.leaderId, e.amountFen])).toEqual([
    ['leader-wang', -300],
  ]);
  // Her commission on the order is on the ¥37.00 周三 paid; the ¥3 comes out of what she can withdraw.
  expect(ledger.filter((e: any) => e.kind === 'pending').reduce((s: number, e: any) => s + e.amountFen, 0)).toBe(
    Math.floor((3700 * RATE_BPS.grain) / 10_000),
  );
  expect((await ok('commission', 'summary', {}, WANG)).availableFen).toBe(before - 300);
  const balance = await w.doc('leaderBalances', 'leader-wang');
  expect(balance.availableFen).toBe(before - 300);
});
