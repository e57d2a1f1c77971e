import { businessDate } from '../../cloudfunctions/core/domain/time';
import { couponInput, RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';

/**
 * 数据看板 平台毛利 counts the coupons given: on each paid order, the coupon's
 * share left on the units kept (a refunded unit takes its share away), per
 * day, category and leader, to the fen; revenue is the kept units at their
 * price, so the margin is still what residents paid less cost and commission.
 */
jest.setTimeout(90_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('dashboard-coupons-env');
  for (const name of ['commissionLedger', 'commissionOrders', 'leaderBalances'])
    await w.db.createCollection(name).catch(() => undefined);
}, 60_000);
afterAll(() => w?.stop());

const today = () => businessDate(w.now());
async function paidWithCoupon(openid: string, lines: Array<{ batchItemId: string; qty: number }>, coupon = true) {
  let couponId: string | undefined;
  if (coupon) {
    const created = await w.ok('coupons.create', couponInput(today()));
    couponId = (await w.call('order', { action: 'coupons.claim', couponId: created._id }, openid)).data._id;
  }
  const res = await w.call(
    'order',
    { action: 'create', clientRequestId: rid('dbc'), batchId: OPEN, lines, ...(couponId ? { couponId } : {}) },
    openid,
  );
  if (!res.ok) throw new Error(`create ${res.code} ${res.message}`);
  await w.call('pay', { action: 'prepare', orderId: res.data._id }, openid);
  await w.t.running.cloud.pay.simulatePay(w.env, res.data.orderNo, { openid });
  return w.doc('orders', res.data._id);
}
async function refund(order: any, batchItemId: string, qty: number, n: number) {
  const r = await w.ok('orders.refund', {
    orderId: order._id,
    lines: [{ batchItemId, qty }],
    reason: '缺货',
    outRefundNo: `dbc-${order.orderNo}-${n}`,
  });
  await w.t.running.cloud.pay.simulateRefund(w.env, r._id);
}

test('couponFen is the discount kept on paid orders, per day, category and leader; refunded units take theirs away', async () => {
  // 3 rice with 满30减5: 500 off; one unit refunded takes its share (167) back: 333 kept.
  const a = await paidWithCoupon(RES1, [{ batchItemId: ITEM.rice, qty: 3 }]);
  await refund(a, ITEM.rice, 1, 1);
  // 3 青菜 + 1 rice with 满30减5 (90 and 410 off, 生鲜 and 粮油), at the other leader's point.
  const b = await paidWithCoupon(RES2, [
    { batchItemId: ITEM.qingcai, qty: 3 },
    { batchItemId: ITEM.rice, qty: 1 },
  ]);
  // Refunded in full: nothing given.
  const c = await paidWithCoupon(RES1, [{ batchItemId: ITEM.rice, qty: 1 }]);
  await refund(c, ITEM.rice, 1, 1);
  // No coupon: nothing given.
  await paidWithCoupon(RES2, [{ batchItemId: ITEM.pork, qty: 1 }], false);

  const after = await Promise.all([a, b, c].map((o) => w.doc('orders', o._id)));
  const kept = (l: any) => l.priceFen * (l.qty - l.refundedQty) - (l.amountFen - l.refundedFen);
  expect(after.map((o) => o.lines.reduce((s: number, l: any) => s + kept(l), 0))).toEqual([333, 500, 0]);

  const d = await w.ok('dashboard', { from: today(), to: today() });
  expect(d.margin.total.couponFen).toBe(833);
  expect(d.margin.daily).toEqual([expect.objectContaining({ date: today(), couponFen: 833 })]);
  // Revenue carries the coupons, so the margin is what was paid less cost and commission.
  const paidKept = d.gmvFen - d.refundedFen;
  expect(d.margin.total.revenueFen).toBe(paidKept + 833);
  expect(d.margin.total.marginFen).toBe(paidKept - d.margin.total.costFen - d.margin.total.commissionFen);
  const byCategory = Object.fromEntries(d.margin.categories.map((m: any) => [m.categoryId, m.couponFen]));
  const rice = after[0].lines[0].categoryId;
  const qingcai = after[1].lines.find((l: any) => l.batchItemId === ITEM.qingcai).categoryId;
  expect(rice).not.toBe(qingcai);
  expect(byCategory[rice]).toBe(333 + 410);
  expect(byCategory[qingcai]).toBe(90);
  const byLeader = Object.fromEntries(d.margin.leaders.map((m: any) => [m.leaderId, m.couponFen]));
  expect(byLeader).toEqual({ [after[0].leaderId]: 333, [after[1].leaderId]: 500 });
});
