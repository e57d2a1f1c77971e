import { startPayWorld, type PayWorld } from './payWorld';

const env = 'pay-env';
const ALICE = 'oAlicePay';
const BOB = 'oBobPay';
const ADMIN = 'oAdminPay';
let w: PayWorld;

beforeAll(async () => {
  w = await startPayWorld(env, [
    { _id: 'item-egg', priceFen: 1290, stock: 50 },
    { _id: 'item-milk', priceFen: 650, stock: 50 },
  ]);
  await w.db.collection('users').add({ data: { _id: ADMIN, roles: ['admin'], createdAt: w.now() } });
}, 60_000);
afterAll(() => w?.stop());

const pay = (outTradeNo: string, mode: 'normal' | 'duplicate' = 'normal', parallel = false) =>
  w.t.running.cloud.pay.simulatePay(env, outTradeNo, { mode, parallel, openid: ALICE });

async function paidOrder(
  lines = [
    { batchItemId: 'item-egg', qty: 2 },
    { batchItemId: 'item-milk', qty: 3 },
  ],
) {
  const order = await w.createOrder(ALICE, lines);
  const prep = await w.prepare(ALICE, order._id);
  expect(prep.ok).toBe(true);
  await pay(order.orderNo);
  return w.order(order._id);
}

const refund = (orderId: string, lines: Array<{ batchItemId: string; qty: number }>, outRefundNo: string, as = ADMIN) =>
  w.t.call('pay', { action: 'refund', orderId, lines, reason: '缺货', outRefundNo }, as);

describe('prepare', () => {
  test('answers wx.requestPayment parameters for the server total and records the payment once', async () => {
    const order = await w.createOrder(ALICE, [{ batchItemId: 'item-egg', qty: 2 }]);
    const res = await w.prepare(ALICE, order._id);
    expect(res.ok).toBe(true);
    expect(res.data.totalFen).toBe(2580);
    expect(res.data.payment).toMatchObject({
      package: expect.stringMatching(/^prepay_id=/),
      signType: expect.any(String),
      paySign: expect.any(String),
      timeStamp: expect.any(String),
      nonceStr: expect.any(String),
    });
    const trade = w.t.running.cloud.pay.findOrder(env, { outTradeNo: order.orderNo });
    expect(trade).toMatchObject({ totalFee: 2580, functionName: 'pay', envId: env, state: 'NOTPAY' });

    const unified = w.payCalls('unifiedOrder');
    const again = await w.prepare(ALICE, order._id);
    expect(again.data.payment).toEqual(res.data.payment);
    expect(w.payCalls('unifiedOrder')).toBe(unified);
    expect(await w.find('payments', { orderId: order._id })).toHaveLength(1);
  });

  test("another resident's order is not found, and nothing is asked of WeChat Pay", async () => {
    const order = await w.createOrder(ALICE, [{ batchItemId: 'item-milk', qty: 1 }]);
    const res = await w.prepare(BOB, order._id);
    expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(w.t.running.cloud.pay.findOrder(env, { outTradeNo: order.orderNo })).toBeUndefined();
    expect(await w.t.call('pay', { action: 'prepare', orderId: order._id })).toMatchObject({
      ok: false,
      code: 'UNAUTHENTICATED',
    });
  });

  test('the client cannot name an amount: extra fields are ignored and the trade is for the order total', async () => {
    const order = await w.createOrder(ALICE, [{ batchItemId: 'item-milk', qty: 2 }]);
    const res = await w.t.call('pay', { action: 'prepare', orderId: order._id, totalFee: 1, totalFen: 1 }, ALICE);
    expect(res.ok).toBe(true);
    expect(w.t.running.cloud.pay.findOrder(env, { outTradeNo: order.orderNo })?.totalFee).toBe(1300);
  });
});

describe('payment notification', () => {
  test('a payment marks the order paid with a pickup code the owner sees in the order detail', async () => {
    const order = await paidOrder();
    expect(order).toMatchObject({
      status: 'paid',
      paidFen: order.totalFen,
      transactionId: expect.stringMatching(/^4200/),
    });
    expect(order.history.filter((h: any) => h.status === 'paid')).toHaveLength(1);
    const detail = await w.t.call('order', { action: 'detail', orderId: order._id }, ALICE);
    expect(detail.data.status).toBe('paid');
    expect(detail.data.pickupCode).toMatch(/^\d{6}$/);
    const [payment] = await w.find('payments', { _id: order.orderNo });
    expect(payment).toMatchObject({ status: 'paid', totalFee: order.totalFen, transactionId: order.transactionId });
  });

  test('duplicate notifications, one after another and at the same time, pay the order once', async () => {
    const created = await w.createOrder(ALICE, [{ batchItemId: 'item-egg', qty: 1 }]);
    await w.prepare(ALICE, created._id);
    const { notices } = await pay(created.orderNo, 'duplicate', true);
    await pay(created.orderNo, 'duplicate');
    expect(notices.every((n) => n.status === 'delivered')).toBe(true);
    const order = await w.order(created._id);
    expect(order.status).toBe('paid');
    expect(order.history.filter((h: any) => h.status === 'paid')).toHaveLength(1);
  });

  test('a forged notification sent by a resident through the gateway changes nothing and tells nothing', async () => {
    const created = await w.createOrder(ALICE, [{ batchItemId: 'item-milk', qty: 1 }]);
    await w.prepare(ALICE, created._id);
    const paidByBob = await w.createOrder(BOB, [{ batchItemId: 'item-milk', qty: 1 }]);
    await w.prepare(BOB, paidByBob._id);
    await pay(paidByBob.orderNo);
    const forged = (outTradeNo: string) => ({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo,
      transactionId: '4200000000000000000000000001',
      totalFee: created.totalFen,
      subMchId: '1900000109',
      timeEnd: '20300101120000',
    });
    // Own unpaid order, another resident's paid order, a number that does not exist, with and
    // without a user: one and the same refusal, so nobody learns another order's payment state.
    const answers = [
      await w.t.call('pay', forged(created.orderNo), ALICE),
      await w.t.call('pay', forged(paidByBob.orderNo), ALICE),
      await w.t.call('pay', forged('NO-SUCH-ORDER-0001'), ALICE),
      await w.t.call('pay', forged(paidByBob.orderNo)),
    ];
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(answers[0]).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    expect((await w.order(created._id)).status).toBe('pending_payment');
    // A forged refund notification is refused the same way.
    const refund = await w.t.call(
      'pay',
      {
        returnCode: 'SUCCESS',
        reqInfo: { outRefundNo: `${paidByBob.orderNo}-void`, refundStatus: 'SUCCESS', refundFee: 1 },
      },
      ALICE,
    );
    expect(refund).toEqual(answers[0]);
    expect(await w.find('refunds', { orderId: paidByBob._id })).toHaveLength(0);
    expect((await w.order(paidByBob._id)).status).toBe('paid');
  });

  test('a resident who cancels after paying (notice still on its way) keeps a paid order', async () => {
    const created = await w.createOrder(ALICE, [{ batchItemId: 'item-egg', qty: 3 }]);
    await w.prepare(ALICE, created._id);
    const stockAfterOrder = (await w.item('item-egg')).stock;
    // WeChat Pay took the money but its notification has not arrived yet.
    await w.t.running.cloud.pay.simulatePay(env, created.orderNo, { mode: 'delayed' });
    const res = await w.t.call('order', { action: 'cancel', orderId: created._id }, ALICE);
    expect(res).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    const order = await w.order(created._id);
    expect(order.status).toBe('paid');
    expect((await w.item('item-egg')).stock).toBe(stockAfterOrder);
    expect(await w.find('refunds', { orderId: created._id })).toHaveLength(0);
  });

  test('a cancel closes the WeChat Pay trade, so the order can no longer be paid', async () => {
    const created = await w.createOrder(ALICE, [{ batchItemId: 'item-egg', qty: 1 }]);
    await w.prepare(ALICE, created._id);
    expect((await w.t.call('order', { action: 'cancel', orderId: created._id }, ALICE)).ok).toBe(true);
    await expect(w.t.running.cloud.pay.simulatePay(env, created.orderNo)).rejects.toThrow();
    expect((await w.order(created._id)).status).toBe('cancelled');
  });

  test('money that arrives for an order cancelled elsewhere is refunded in full; the order stays cancelled', async () => {
    const created = await w.createOrder(ALICE, [{ batchItemId: 'item-egg', qty: 3 }]);
    await w.prepare(ALICE, created._id);
    // Cancelled without closing the trade (e.g. by hand in the database console).
    await w.db
      .collection('orders')
      .doc(created._id)
      .update({ data: { status: 'cancelled' } });
    await pay(created.orderNo, 'duplicate');

    const order = await w.order(created._id);
    expect(order.status).toBe('cancelled');
    const refunds = await w.find('refunds', { orderId: created._id });
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ kind: 'void', refundFee: created.totalFen, status: 'pending' });
    expect(w.t.running.cloud.pay.listRefunds(env).filter((r) => r.outTradeNo === created.orderNo)).toHaveLength(1);
    await w.t.running.cloud.pay.simulateRefund(env, refunds[0]._id);
    expect((await w.find('refunds', { _id: refunds[0]._id }))[0].status).toBe('success');
    expect((await w.order(created._id)).status).toBe('cancelled');
  });
});

describe('refunds', () => {
  test('a partial refund of one line counts on the order once WeChat Pay reports it done', async () => {
    const order = await paidOrder();
    const res = await refund(order._id, [{ batchItemId: 'item-milk', qty: 1 }], `${order.orderNo}-r1`);
    expect(res).toMatchObject({ ok: true, data: { status: 'pending', refundFee: 650 } });
    expect((await w.order(order._id)).refundedFen).toBe(0);

    await w.t.running.cloud.pay.simulateRefund(env, `${order.orderNo}-r1`);
    const after = await w.order(order._id);
    expect(after.refundedFen).toBe(650);
    expect(after.status).toBe('paid');
    expect(after.lines.find((l: any) => l.batchItemId === 'item-milk')).toMatchObject({
      refundedQty: 1,
      refundedFen: 650,
    });
    expect(after.lines.find((l: any) => l.batchItemId === 'item-egg')).toMatchObject({
      refundedQty: 0,
      refundedFen: 0,
    });
  });

  test('the same out_refund_no twice is one refund and one cloudPay call', async () => {
    const order = await paidOrder();
    const before = w.payCalls('refund');
    const first = await refund(order._id, [{ batchItemId: 'item-egg', qty: 1 }], `${order.orderNo}-r2`);
    const second = await refund(order._id, [{ batchItemId: 'item-egg', qty: 1 }], `${order.orderNo}-r2`);
    expect(second.data).toEqual(first.data);
    expect(w.payCalls('refund')).toBe(before + 1);
    expect(await w.find('refunds', { orderId: order._id })).toHaveLength(1);
    expect((await w.find('payments', { _id: order.orderNo }))[0].refundReservedFen).toBe(1290);
  });

  test('duplicate refund notifications count once; a full refund makes the order refunded', async () => {
    const order = await paidOrder([{ batchItemId: 'item-milk', qty: 2 }]);
    await refund(order._id, [{ batchItemId: 'item-milk', qty: 2 }], `${order.orderNo}-all`);
    expect((await w.order(order._id)).status).toBe('refunding');
    await w.t.running.cloud.pay.simulateRefund(env, `${order.orderNo}-all`, { mode: 'duplicate', times: 3 });
    await w.t.running.cloud.pay.simulateRefund(env, `${order.orderNo}-all`);
    const after = await w.order(order._id);
    expect(after.refundedFen).toBe(1300);
    expect(after.status).toBe('refunded');
    expect(after.lines[0]).toMatchObject({ refundedQty: 2, refundedFen: 1300 });
    expect(after.history.filter((h: any) => h.status === 'refunded')).toHaveLength(1);
  });

  test('with a refund delay (npm start) a refund completes by itself, as WeChat Pay notifies: 退款中, then 已退款', async () => {
    const cloudPay = w.t.running.cloud.pay;
    cloudPay.refundDelayMs = 200;
    try {
      const order = await paidOrder([{ batchItemId: 'item-egg', qty: 1 }]);
      await refund(order._id, [{ batchItemId: 'item-egg', qty: 1 }], `${order.orderNo}-auto`);
      expect((await w.order(order._id)).status).toBe('refunding');
      // Nobody calls simulateRefund: the refund notice arrives after the delay.
      let after = await w.order(order._id);
      for (let i = 0; i < 150 && after.status !== 'refunded'; i++) {
        await new Promise((r) => setTimeout(r, 100));
        after = await w.order(order._id);
      }
      expect(after).toMatchObject({ status: 'refunded', refundedFen: 1290 });
      expect(cloudPay.listRefunds(env).find((r) => r.outRefundNo === `${order.orderNo}-auto`)?.status).toBe('SUCCESS');
    } finally {
      cloudPay.refundDelayMs = undefined;
    }
  });

  test('refunds never exceed what was bought, pending ones included', async () => {
    const order = await paidOrder([{ batchItemId: 'item-milk', qty: 2 }]);
    expect((await refund(order._id, [{ batchItemId: 'item-milk', qty: 2 }], `${order.orderNo}-a`)).ok).toBe(true);
    expect(await refund(order._id, [{ batchItemId: 'item-milk', qty: 1 }], `${order.orderNo}-b`)).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(await refund(order._id, [{ batchItemId: 'item-milk', qty: 1 }], `${order.orderNo}-c`, ALICE)).toMatchObject({
      ok: false,
      code: 'FORBIDDEN',
    });
  });
});
