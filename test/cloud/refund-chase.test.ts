import { NOT_ADMINS, RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * WeChat Pay's refund notice may never come: the every-minute timer asks
 * WeChat Pay (queryRefund) about any refund still 退款中 after 10 minutes and
 * applies the answer as the notice does, once, even with a notice arriving at
 * the same moment. A refund WeChat Pay ends 退款关闭 / 退款异常 shows in the
 * console's 退款失败 and is retried there under its own number.
 */
jest.setTimeout(90_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('refund-chase-env');
}, 60_000);
afterAll(() => w?.stop());

const MIN = 60_000;
const tick = async (): Promise<any> =>
  ((await w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler')) as any).data;
const pay = () => w.t.running.cloud.pay;
let n = 0;
/** The admin refunds `qty` rice of a fresh paid order of RES1's (2 rice, 1 青菜). */
async function refunded(qty: number, lines = [{ batchItemId: ITEM.rice, qty }]) {
  const order = await w.paidOrder(RES1, OPEN, [
    { batchItemId: ITEM.rice, qty: 2 },
    { batchItemId: ITEM.qingcai, qty: 1 },
  ]);
  const refund = await w.ok('orders.refund', {
    orderId: order._id,
    lines,
    reason: '大米缺货',
    outRefundNo: `chase-${order.orderNo}-${n++}`,
  });
  return { order, refund };
}
const rice = (o: any) => o.lines.find((l: any) => l.batchItemId === ITEM.rice);

test('a refund whose notice never arrives is counted by the timer 10 minutes on, once', async () => {
  const { order, refund } = await refunded(1);
  // WeChat Pay refunded it, but its notice is held back (never delivered).
  await pay().simulateRefund(w.env, refund._id, { mode: 'delayed' });
  await tick();
  expect((await w.doc('orders', order._id)).refundedFen).toBe(0);
  expect((await w.doc('refunds', refund._id)).status).toBe('pending');

  w.advance(11 * MIN);
  const report = await tick();
  expect(report.refunds).toMatchObject({ refunded: 1, failed: 0 });
  const after = await w.doc('orders', order._id);
  expect(after.refundedFen).toBe(refund.refundFee);
  expect(rice(after)).toMatchObject({ refundedQty: 1, refundedFen: refund.refundFee });
  expect((await w.doc('refunds', refund._id)).status).toBe('success');
  // The notice arriving late, and later ticks, change nothing.
  await pay().deliverAll(w.env);
  w.advance(11 * MIN);
  expect((await tick()).refunds.refunded).toBe(0);
  expect((await w.doc('orders', order._id)).refundedFen).toBe(refund.refundFee);
});

test('a refund WeChat Pay is still processing stays 退款中 and is asked about again only 10 minutes later', async () => {
  const { order, refund } = await refunded(2, [
    { batchItemId: ITEM.rice, qty: 2 },
    { batchItemId: ITEM.qingcai, qty: 1 },
  ]);
  w.advance(11 * MIN);
  const first = await tick();
  expect(first.refunds.checked).toBeGreaterThanOrEqual(1);
  expect(await w.doc('orders', order._id)).toMatchObject({ status: 'refunding', refundedFen: 0 });
  const asked = (await w.doc('refunds', refund._id)).checkedAt;
  expect(asked).toBeTruthy();
  w.advance(2 * MIN);
  await tick();
  expect((await w.doc('refunds', refund._id)).checkedAt).toEqual(asked);
  await pay().simulateRefund(w.env, refund._id, { mode: 'delayed' });
  w.advance(9 * MIN);
  await tick();
  expect(await w.doc('orders', order._id)).toMatchObject({ status: 'refunded', refundedFen: order.paidFen });
});

test('the timer and the notice at the same moment count the refund once', async () => {
  const { order, refund } = await refunded(1);
  const { notices } = await pay().simulateRefund(w.env, refund._id, { mode: 'delayed' });
  w.advance(11 * MIN);
  const [report] = await Promise.all([tick(), pay().deliver(notices[0].id), pay().deliver(notices[0].id)]);
  const after = await w.doc('orders', order._id);
  expect(after.refundedFen).toBe(refund.refundFee);
  expect(rice(after)).toMatchObject({ refundedQty: 1, refundedFen: refund.refundFee });
  expect(report.refunds.refunded).toBeLessThanOrEqual(1);
  const payment = await w.doc('payments', order.orderNo);
  expect(payment.refundReservedFen).toBe(refund.refundFee);
});

test('a refund WeChat Pay closes shows in 退款失败, the order back as it was; the admin retries it and it completes', async () => {
  const { order, refund } = await refunded(2, [
    { batchItemId: ITEM.rice, qty: 2 },
    { batchItemId: ITEM.qingcai, qty: 1 },
  ]);
  expect((await w.doc('orders', order._id)).status).toBe('refunding');
  await pay().simulateRefund(w.env, refund._id, { status: 'REFUNDCLOSE', mode: 'delayed' });
  w.advance(11 * MIN);
  expect((await tick()).refunds.failed).toBe(1);

  expect((await w.doc('refunds', refund._id)).status).toBe('failed');
  const back = await w.doc('orders', order._id);
  expect(back).toMatchObject({ status: 'paid', refundedFen: 0 });
  expect(back.history.at(-1)).toMatchObject({ status: 'paid', note: '退款未成功' });
  expect((await w.doc('payments', order.orderNo)).refundReservedFen).toBe(0);
  const failed = await w.ok('refunds.failed', { page: 1, pageSize: 20 });
  expect(failed.items).toContainEqual(
    expect.objectContaining({
      _id: refund._id,
      orderNo: order.orderNo,
      refundFee: refund.refundFee,
      reason: '大米缺货',
    }),
  );

  const retried = await w.ok('refunds.retry', { outRefundNo: refund._id });
  expect(retried).toMatchObject({ _id: refund._id, status: 'pending', refundFee: refund.refundFee });
  expect((await w.doc('orders', order._id)).status).toBe('refunding');
  expect((await w.ok('refunds.failed', { page: 1, pageSize: 20 })).items.map((r: any) => r._id)).not.toContain(
    refund._id,
  );
  // A second click is the same refund, not another.
  expect(await w.ok('refunds.retry', { outRefundNo: refund._id })).toMatchObject({ status: 'pending' });
  await pay().simulateRefund(w.env, refund._id);
  expect(await w.doc('orders', order._id)).toMatchObject({ status: 'refunded', refundedFen: order.paidFen });
  expect(
    pay()
      .listRefunds(w.env)
      .filter((r) => r.outRefundNo === refund._id),
  ).toHaveLength(1);
  const done = await w.admin('refunds.retry', { outRefundNo: refund._id });
  expect(done).toMatchObject({ ok: false, code: 'INVALID_STATE' });
});

test('a refund 退款异常 (CHANGE) reported by its notice is failed too; only admins list or retry failed refunds', async () => {
  const order = await w.paidOrder(RES2, OPEN, [{ batchItemId: ITEM.qingcai, qty: 3 }]);
  const refund = await w.ok('orders.refund', {
    orderId: order._id,
    lines: [{ batchItemId: ITEM.qingcai, qty: 1 }],
    reason: '青菜破损',
    outRefundNo: `chase-${order.orderNo}-x`,
  });
  await pay().simulateRefund(w.env, refund._id, { status: 'CHANGE' });
  expect((await w.doc('refunds', refund._id)).status).toBe('failed');
  for (const [, who, code] of NOT_ADMINS) {
    expect(await w.admin('refunds.failed', { page: 1, pageSize: 20 }, who)).toMatchObject({ ok: false, code });
    expect(await w.admin('refunds.retry', { outRefundNo: refund._id }, who)).toMatchObject({ ok: false, code });
  }
  expect((await w.doc('refunds', refund._id)).status).toBe('failed');
  expect(await w.admin('refunds.retry', { outRefundNo: 'no-such-refund' })).toMatchObject({
    ok: false,
    code: 'NOT_FOUND',
  });
});

test('an approved after-sale whose refund WeChat Pay then closes shows 退款失败 in 售后 and is retried there', async () => {
  const order = await w.arrivedOrder(RES2, OPEN, [{ batchItemId: ITEM.rice, qty: 1 }]);
  const asked = await w.call(
    'order',
    {
      action: 'afterSale',
      orderId: order._id,
      lines: [{ batchItemId: ITEM.rice, qty: 1 }],
      reason: '商品破损',
      description: '袋子破了',
    },
    RES2,
  );
  expect(asked.ok).toBe(true);
  const reviewed = await w.ok('afterSales.review', { id: asked.data._id, approve: true, reason: '同意' });
  expect(reviewed.status).toBe('refunded');
  const listed = async () =>
    (await w.ok('afterSales.list', { page: 1, pageSize: 100 })).items.find((a: any) => a._id === asked.data._id);
  expect(await listed()).toMatchObject({ status: 'refunded', refundStatus: 'pending' });
  await pay().simulateRefund(w.env, reviewed.outRefundNo, { status: 'CHANGE' });
  expect(await listed()).toMatchObject({ status: 'refunded', refundStatus: 'failed' });

  expect(await w.ok('refunds.retry', { outRefundNo: reviewed.outRefundNo })).toMatchObject({ status: 'pending' });
  await pay().simulateRefund(w.env, reviewed.outRefundNo);
  expect(await listed()).toMatchObject({ refundStatus: 'success' });
  expect((await w.doc('orders', order._id)).refundedFen).toBe(order.paidFen);
});
