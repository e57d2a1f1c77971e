import { RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * 退款通知: when WeChat Pay reports a refund done, the resident gets one
 * subscribe message (template TPL_REFUND in the local cloud) with the amount
 * and the reason, through the same outbox and consent counter as the pickup
 * notice: once per refund however often (and however concurrently) the refund
 * notice arrives, and only on a consent the resident has left.
 */
jest.setTimeout(60_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('refund-notice-env');
}, 60_000);
afterAll(() => w?.stop());

const refundMessages = (openid: string) =>
  w.t.running.cloud.openapi.outbox(w.env).filter((m) => m.template === 'TPL_REFUND' && m.touser === openid);
/** The resident accepted the refund template n times (WeChat's consent and the backend's counter). */
async function consent(openid: string, n: number) {
  for (let i = 0; i < n; i++) {
    w.t.running.cloud.openapi.recordConsent(w.env, openid, 'TPL_REFUND');
    const res = await w.call('notify', { action: 'recordSubscriptions', results: { TPL_REFUND: 'accept' } }, openid);
    expect(res.ok).toBe(true);
  }
}
const cancel = (orderId: string, openid: string) => w.call('order', { action: 'cancel', orderId }, openid);

test('a refund completes: one notice with the amount in ¥ and the reason, one consent taken, though WeChat Pay notifies three times at once', async () => {
  await consent(RES1, 2);
  const paid = await w.paidOrder(RES1, OPEN, [{ batchItemId: ITEM.qingcai, qty: 2 }]);
  expect((await cancel(paid._id, RES1)).ok).toBe(true);
  // Asked for, not done yet: nothing told.
  expect(refundMessages(RES1)).toHaveLength(0);

  const outRefundNo = `cancel_${paid.orderNo}`;
  await w.t.running.cloud.pay.simulateRefund(w.env, outRefundNo, { mode: 'duplicate', times: 3, parallel: true });
  await w.t.running.cloud.pay.simulateRefund(w.env, outRefundNo);

  expect((await w.doc('orders', paid._id)).status).toBe('refunded');
  const sent = refundMessages(RES1);
  expect(sent).toHaveLength(1);
  const yuan = `¥${(paid.totalFen / 100).toFixed(2)}`;
  expect(sent[0].data).toMatchObject({
    character_string1: { value: paid.orderNo },
    amount2: { value: yuan },
    thing3: { value: '用户取消' },
    time4: { value: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/) },
  });
  // A tap opens the order.
  expect(sent[0].page).toBe(`packages/order/detail/index?id=${paid._id}`);
  expect(await w.doc('notices', `refund|${outRefundNo}`)).toMatchObject({
    kind: 'refund',
    orderId: paid._id,
    refundNo: outRefundNo,
    openid: RES1,
    status: 'sent',
  });
  expect((await w.doc('subscriptions', `${RES1}|TPL_REFUND`)).remaining).toBe(1);
  expect(w.t.running.cloud.openapi.consents(w.env, RES1).TPL_REFUND).toBe(1);
});

test('a partial refund by the admin tells its own amount and reason; a second refund of the order is a second notice', async () => {
  const paid = await w.paidOrder(RES1, OPEN, [
    { batchItemId: ITEM.rice, qty: 1 },
    { batchItemId: ITEM.pork, qty: 2 },
  ]);
  const before = refundMessages(RES1).length;
  const refund = await w.ok('orders.refund', {
    orderId: paid._id,
    lines: [{ batchItemId: ITEM.pork, qty: 1 }],
    reason: '猪肉缺货',
    outRefundNo: `adm-${paid.orderNo}-1`,
  });
  await w.t.running.cloud.pay.simulateRefund(w.env, refund._id);
  const sent = refundMessages(RES1).slice(before);
  expect(sent.map((m) => [m.data.amount2.value, m.data.thing3.value])).toEqual([
    [`¥${(refund.refundFee / 100).toFixed(2)}`, '猪肉缺货'],
  ]);
  expect(refund.refundFee).toBeLessThan(paid.totalFen);
  // The last consent was used: the next refund of this order is recorded but not sent.
  const second = await w.ok('orders.refund', {
    orderId: paid._id,
    lines: [{ batchItemId: ITEM.rice, qty: 1 }],
    reason: '大米破损',
    outRefundNo: `adm-${paid.orderNo}-2`,
  });
  await w.t.running.cloud.pay.simulateRefund(w.env, second._id);
  expect(refundMessages(RES1).slice(before)).toHaveLength(1);
  expect(await w.doc('notices', `refund|${second._id}`)).toMatchObject({ status: 'failed', reason: 'no_consent' });
});

test('without a consent nothing is sent (no WeChat call) and the refund still completes', async () => {
  const paid = await w.paidOrder(RES2, OPEN, [{ batchItemId: ITEM.qingcai, qty: 1 }]);
  expect((await cancel(paid._id, RES2)).ok).toBe(true);
  const calls = w.t.running.cloud.openapi.calls(w.env).filter((c) => c.api === 'subscribeMessage.send').length;
  await w.t.running.cloud.pay.simulateRefund(w.env, `cancel_${paid.orderNo}`, { mode: 'duplicate', times: 2 });

  expect((await w.doc('orders', paid._id)).status).toBe('refunded');
  expect(refundMessages(RES2)).toHaveLength(0);
  expect(w.t.running.cloud.openapi.calls(w.env).filter((c) => c.api === 'subscribeMessage.send')).toHaveLength(calls);
  expect(await w.doc('notices', `refund|cancel_${paid.orderNo}`)).toMatchObject({
    kind: 'refund',
    status: 'failed',
    reason: 'no_consent',
  });
  expect(await w.find('notices', { orderId: paid._id })).toHaveLength(1);
});
