import { addDays, businessDate, businessInstant } from '../../cloudfunctions/core/domain/time';
import { couponInput } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

/**
 * 超时未取 with the refund rule: the resident did not come, so the refund of
 * the whole order keeps the coupon used (only the platform's own reasons give
 * it back: test/cloud/coupon-back.test.ts).
 */
jest.setTimeout(60_000);
const RES = 'oNSCOUPON';
let w: LeaderWorld;
beforeAll(async () => {
  w = await startLeaderWorld('noshow-coupon-env');
  await w.addUser(RES, { nickname: '居民', pickupPointId: 'pp-sunshine' });
}, 60_000);
afterAll(() => w?.stop());

test('a no-show refunded in full keeps its coupon used', async () => {
  const cloud = w.t.running.cloud;
  const today = businessDate(new Date(cloud.clock.now()));
  const coupon = (await w.admin('coupons.create', couponInput(today))).data;
  const claim = (await w.call('order', { action: 'coupons.claim', couponId: coupon._id }, RES)).data;
  const created = await w.call(
    'order',
    {
      action: 'create',
      clientRequestId: rid('nsc'),
      batchId: OPEN,
      lines: [{ batchItemId: ITEM.rice, qty: 1 }],
      couponId: claim._id,
    },
    RES,
  );
  expect(created.ok).toBe(true);
  await w.call('pay', { action: 'prepare', orderId: created.data._id }, RES);
  await cloud.pay.simulatePay(w.env, created.data.orderNo, { openid: RES });
  await w.cutOff();
  const arrival = await w.leader(
    'confirmArrival',
    { batchId: OPEN, lines: [{ batchItemId: ITEM.rice, receivedQty: 1, damagedQty: 0 }] },
    'oLEADER1',
  );
  expect(arrival.ok).toBe(true);
  expect((await w.admin('settings.noShow', { rule: 'refund', graceHours: 2, remindHoursBefore: 0 })).ok).toBe(true);

  const batch = await w.doc('batches', OPEN);
  cloud.clock.set(businessInstant(addDays(batch.pickupDate, 1), '00:00').getTime() + 3 * 3600_000);
  try {
    expect(((await cloud.functions.fireTrigger(w.env, 'leader')) as any).data.applied).toBe(1);
    for (const r of await w.find('refunds', { orderId: created.data._id }))
      await cloud.pay.simulateRefund(w.env, r._id);
    const order = await w.doc('orders', created.data._id);
    expect(order).toMatchObject({ status: 'refunded', refundedFen: order.paidFen });
    expect(order.coupon).toMatchObject({ claimId: claim._id, discountFen: 500 });
    expect((await w.doc('couponClaims', claim._id)).orderId).toBe(created.data._id);
    const unused = (await w.call('order', { action: 'coupons.mine', state: 'unused' }, RES)).data;
    expect(unused.map((c: any) => c._id)).not.toContain(claim._id);
  } finally {
    cloud.clock.reset();
  }
});
