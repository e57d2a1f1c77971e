import { addDays, businessDate, businessInstant } from '../../cloudfunctions/core/domain/time';
import { couponInput, RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';

/**
 * When the platform gives a whole order back for its own reason (an item's
 * minimum not reached at cut-off), the coupon used on it comes back to the
 * resident while it is still valid; an expired one, an order that keeps other
 * goods, and the resident's own after-sale keep the coupon used.
 */
jest.setTimeout(120_000);
const MINUTE = 60_000;
const RES3 = 'oCOUPONBACK3';
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('coupon-back-env');
}, 60_000);
afterAll(() => w?.stop());

type Lines = Array<{ batchItemId: string; qty: number }>;
const today = () => businessDate(w.now());
async function claimed(openid: string, extra: Record<string, unknown> = {}) {
  const coupon = await w.ok('coupons.create', couponInput(today(), extra));
  const res = await w.call('order', { action: 'coupons.claim', couponId: coupon._id }, openid);
  if (!res.ok) throw new Error(`claim ${res.code} ${res.message}`);
  return { couponId: coupon._id as string, claimId: res.data._id as string };
}
async function paidWith(openid: string, lines: Lines, couponId: string) {
  const res = await w.call(
    'order',
    { action: 'create', clientRequestId: rid('cpb'), batchId: OPEN, lines, couponId, pickupPointId: 'pp-sunshine' },
    openid,
  );
  if (!res.ok) throw new Error(`create ${res.code} ${res.message}`);
  const prep = await w.call('pay', { action: 'prepare', orderId: res.data._id }, openid);
  if (!prep.ok) throw new Error(`prepare ${prep.code}`);
  await w.t.running.cloud.pay.simulatePay(w.env, res.data.orderNo, { openid });
  return w.doc('orders', res.data._id);
}
const mine = async (openid: string, state: 'unused' | 'used') =>
  (await w.call('order', { action: 'coupons.mine', state }, openid)).data.map((c: any) => c._id);
const couponRow = async (couponId: string) =>
  (await w.ok('coupons.list', { pageSize: 100 })).items.find((c: any) => c._id === couponId);
const refundsOf = (orderId: string) => w.find('refunds', { orderId });
const completeRefunds = async (orderId: string) => {
  for (const r of await refundsOf(orderId)) await w.t.running.cloud.pay.simulateRefund(w.env, r._id);
};

test("the resident's own after-sale refunds the order in full and keeps the coupon used", async () => {
  const { claimId, couponId } = await claimed(RES1);
  const order = await paidWith(RES1, [{ batchItemId: ITEM.rice, qty: 1 }], claimId);
  expect(order.paidFen).toBe(3990 - 500);
  const at = new Date(w.now());
  await w.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { status: 'arrived', arrivedAt: at, history: [...order.history, { status: 'arrived', at }] } });
  const asked = await w.call(
    'order',
    {
      action: 'afterSale',
      orderId: order._id,
      lines: [{ batchItemId: ITEM.rice, qty: 1 }],
      reason: '商品破损',
      description: '袋子破了',
    },
    RES1,
  );
  expect(asked.ok).toBe(true);
  await w.ok('afterSales.review', { id: asked.data._id, approve: true, reason: '同意' });
  await completeRefunds(order._id);
  expect(await w.doc('orders', order._id)).toMatchObject({ status: 'refunded', refundedFen: order.paidFen });
  expect((await w.doc('couponClaims', claimId)).orderId).toBe(order._id);
  expect(await mine(RES1, 'unused')).not.toContain(claimId);
  expect(await couponRow(couponId)).toMatchObject({ used: 1, costFen: 500 });
});

test('an item below its minimum at cut-off: a whole order refunded gets its coupon back once; an order keeping other goods, or a coupon expired by then, keeps it used', async () => {
  // Rice (minimum 5) will not run; 10 青菜 (minimum 10) will.
  const whole = await claimed(RES2);
  const wholeOrder = await paidWith(RES2, [{ batchItemId: ITEM.rice, qty: 1 }], whole.claimId);
  const part = await claimed(RES3);
  const partOrder = await paidWith(
    RES3,
    [
      { batchItemId: ITEM.rice, qty: 1 },
      { batchItemId: ITEM.qingcai, qty: 10 },
    ],
    part.claimId,
  );
  // Valid only until the cut-off's day: expired when its refund completes the next day.
  const cutoffAt = new Date((await w.doc('batches', OPEN)).cutoffAt);
  const shortLived = await claimed('oCOUPONBACK4', { validTo: businessDate(cutoffAt) });
  const expiredOrder = await paidWith('oCOUPONBACK4', [{ batchItemId: ITEM.rice, qty: 1 }], shortLived.claimId);

  w.advance(cutoffAt.getTime() - w.now().getTime() + 16 * MINUTE);
  await w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler');
  await w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler');
  expect((await w.doc('orders', wholeOrder._id)).status).toBe('refunding');
  // Asked for, not yet done: the coupon is still on the order.
  expect((await w.doc('couponClaims', whole.claimId)).orderId).toBe(wholeOrder._id);

  await completeRefunds(wholeOrder._id);
  await completeRefunds(partOrder._id);
  expect(await w.doc('orders', wholeOrder._id)).toMatchObject({ status: 'refunded', refundedFen: wholeOrder.paidFen });
  expect((await w.doc('couponClaims', whole.claimId)).orderId).toBeUndefined();
  expect(await mine(RES2, 'unused')).toEqual([whole.claimId]);
  expect(await couponRow(whole.couponId)).toMatchObject({ used: 0, costFen: 0 });
  // The refund notice again changes nothing.
  const [refund] = await refundsOf(wholeOrder._id);
  await w.t.running.cloud.pay.simulateRefund(w.env, refund._id, { mode: 'duplicate', times: 2 });
  expect(await couponRow(whole.couponId)).toMatchObject({ used: 0, costFen: 0 });

  const partAfter = await w.doc('orders', partOrder._id);
  expect(partAfter.status).toBe('paid');
  expect(partAfter.refundedFen).toBeGreaterThan(0);
  expect((await w.doc('couponClaims', part.claimId)).orderId).toBe(partOrder._id);

  // The demo cut-off is 23:00 Shanghai, so 00:01 the next day is after the refunds were asked for.
  w.advance(businessInstant(addDays(businessDate(cutoffAt), 1), '00:01').getTime() - w.now().getTime());
  await completeRefunds(expiredOrder._id);
  expect((await w.doc('orders', expiredOrder._id)).status).toBe('refunded');
  expect((await w.doc('couponClaims', shortLived.claimId)).orderId).toBe(expiredOrder._id);
  expect(await couponRow(shortLived.couponId)).toMatchObject({ used: 1, costFen: 500 });
});
