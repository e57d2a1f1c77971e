import { addDays, businessDate } from '../../../cloudfunctions/core/domain/time';
import { refundLines } from '../../../cloudfunctions/core/usecases/refund/lines';
import { handleRefundNotice } from '../../../cloudfunctions/core/usecases/refund/notice';
import { retryRefund } from '../../../cloudfunctions/core/usecases/refund/retry';
import { moneyWorld } from '../support/money-world';

/**
 * A refund for the platform's own reason (couponBack: an item's minimum not
 * reached, a failed 拼团) gives the order's coupon back when it leaves nothing
 * paid, while the coupon is valid, once; every other refund keeps it used.
 */
async function paidWithCoupon(validTo?: string) {
  const w = moneyWorld();
  const order = await w.paidOrder('alice', [
    { batchItemId: 'veg', qty: 2 },
    { batchItemId: 'egg', qty: 1 },
  ]);
  const today = businessDate(w.clock.now);
  // As if the order had taken a copy (the coupon's share is not what these rules look at).
  w.orders.put({ ...order, coupon: { claimId: 'claim-1', couponId: 'cpn-1', title: '立减2元', discountFen: 200 } });
  const givenBack: string[] = [];
  w.payDeps.coupons = {
    claimById: async (id) =>
      ({ _id: id, terms: { validFrom: addDays(today, -3), validTo: validTo ?? addDays(today, 3) } }) as any,
    giveClaimBack: async (claimId, _couponId, orderId) => {
      givenBack.push(`${claimId}@${orderId}`);
      return true;
    },
  };
  const all = [
    { batchItemId: 'veg', qty: 2 },
    { batchItemId: 'egg', qty: 1 },
  ];
  const done = async (no: string) => {
    w.wxpay.finishRefund(no);
    return handleRefundNotice(no, w.payDeps);
  };
  return { w, order, all, givenBack, done };
}

test('a whole order refunded for the platform gives the coupon back once, however often the notice comes', async () => {
  const { w, order, all, givenBack, done } = await paidWithCoupon();
  await refundLines(order._id, all, '未达成团数量', 'min-1', w.payDeps, { couponBack: true });
  expect(givenBack).toEqual([]);
  expect(await done('min-1')).toBe('refunded');
  expect(await handleRefundNotice('min-1', w.payDeps)).toBe('duplicate');
  expect(givenBack).toEqual([`claim-1@${order._id}`]);
});

test('the platform refunding only part of the order, the resident refunding it all, or an expired coupon: kept used', async () => {
  const part = await paidWithCoupon();
  await refundLines(part.order._id, [{ batchItemId: 'veg', qty: 2 }], '未达成团数量', 'min-p', part.w.payDeps, {
    couponBack: true,
  });
  await part.done('min-p');
  expect(part.w.order(part.order._id).status).toBe('paid');
  expect(part.givenBack).toEqual([]);

  const own = await paidWithCoupon();
  await refundLines(own.order._id, own.all, '售后退款', 'as-1', own.w.payDeps);
  await own.done('as-1');
  expect(own.w.order(own.order._id).status).toBe('refunded');
  expect(own.givenBack).toEqual([]);

  const expired = await paidWithCoupon('2020-01-01');
  await refundLines(expired.order._id, expired.all, '拼团未成团', 'grp-1', expired.w.payDeps, { couponBack: true });
  await expired.done('grp-1');
  expect(expired.w.order(expired.order._id).status).toBe('refunded');
  expect(expired.givenBack).toEqual([]);
});

test('a platform refund that failed and is retried keeps its reason: the coupon comes back when the retry is done', async () => {
  const { w, order, all, givenBack, done } = await paidWithCoupon();
  await refundLines(order._id, all, '未达成团数量', 'min-r', w.payDeps, { couponBack: true });
  w.wxpay.finishRefund('min-r', 'REFUNDCLOSE');
  expect(await handleRefundNotice('min-r', w.payDeps)).toBe('failed');
  expect(givenBack).toEqual([]);
  expect(w.order(order._id)).toMatchObject({ status: 'paid', refundedFen: 0 });
  expect(await retryRefund('min-r', w.payDeps)).toMatchObject({ status: 'pending', couponBack: true });
  expect(w.order(order._id).status).toBe('refunding');
  expect(await done('min-r')).toBe('refunded');
  expect(givenBack).toEqual([`claim-1@${order._id}`]);
});
