import { cancelOrder } from '../../../cloudfunctions/core/usecases/order/cancel';
import { closeTradeBeforeCancel } from '../../../cloudfunctions/core/usecases/pay/close';
import { answerPayNotice, handlePaymentNotice } from '../../../cloudfunctions/core/usecases/pay/notice';
import { preparePayment } from '../../../cloudfunctions/core/usecases/pay/prepare';
import { settlePayment } from '../../../cloudfunctions/core/usecases/pay/settle';
import { moneyWorld } from '../support/money-world';

const alice = { openid: 'alice', source: 'wx_client' };

async function orderedAndPrepared() {
  const w = moneyWorld();
  const view = await w.buy('alice', [
    { batchItemId: 'veg', qty: 2 },
    { batchItemId: 'egg', qty: 1 },
  ]);
  await preparePayment(view._id, alice, w.payDeps);
  return { w, view };
}

describe('payment over in-memory repositories', () => {
  test('WeChat Pay is asked for the order’s own total, once, however often the resident taps 支付', async () => {
    const { w, view } = await orderedAndPrepared();
    const again = await preparePayment(view._id, alice, w.payDeps);
    expect(again.totalFen).toBe(2 * 1290 + 1850);
    expect(w.wxpay.unifiedOrderCalls).toBe(1);
    expect(w.wxpay.trades.get(view.orderNo)?.totalFee).toBe(4430);
    await expect(preparePayment(view._id, { openid: 'mallory', source: 'wx_client' }, w.payDeps)).rejects.toMatchObject(
      {
        code: 'NOT_FOUND',
      },
    );
  });

  test('duplicate and concurrent notifications mark the order paid exactly once', async () => {
    const { w, view } = await orderedAndPrepared();
    w.wxpay.pay(view.orderNo);
    const outcomes = await Promise.all([1, 2, 3].map(() => handlePaymentNotice(view.orderNo, w.payDeps)));
    expect(outcomes.sort()).toEqual(['already_paid', 'already_paid', 'paid']);
    const order = w.order(view._id);
    expect(order).toMatchObject({ status: 'paid', paidFen: 4430, transactionId: `tx-${view.orderNo}` });
    expect(order.history.filter((h) => h.status === 'paid')).toHaveLength(1);
    expect(w.payments.get(view.orderNo)).toMatchObject({ status: 'paid', totalFee: 4430, refundReservedFen: 0 });
    expect(w.commissionCalls).toEqual([view._id]);
  });

  test('a notification is not believed: an unpaid or short-paid trade settles nothing', async () => {
    const { w, view } = await orderedAndPrepared();
    expect(await handlePaymentNotice(view.orderNo, w.payDeps)).toBe('not_paid:NOTPAY');
    w.wxpay.pay(view.orderNo, 1);
    expect(await handlePaymentNotice(view.orderNo, w.payDeps)).toBe('amount_mismatch');
    expect(w.order(view._id)).toMatchObject({ status: 'pending_payment', paidFen: 0 });
    expect(w.commissionCalls).toEqual([]);
    expect(await answerPayNotice({ kind: 'payment', outTradeNo: 'no-such-order' }, w.payDeps)).toEqual({
      errcode: 0,
      errmsg: 'unknown_order',
    });
  });

  test('money arriving after the order was cancelled goes back in full, once, and the order stays cancelled', async () => {
    const { w, view } = await orderedAndPrepared();
    await cancelOrder(view._id, '超时未支付', { now: w.clock.now }, w.orderDeps);
    w.wxpay.pay(view.orderNo);
    expect(await handlePaymentNotice(view.orderNo, w.payDeps)).toBe('voided');
    // A repeat: WeChat Pay now says REFUND; settling it again anyway asks for no second refund.
    expect(await handlePaymentNotice(view.orderNo, w.payDeps)).toBe('not_paid:REFUND');
    const trade = { transactionId: `tx-${view.orderNo}`, totalFee: 4430 };
    expect(await settlePayment(view._id, trade, w.payDeps)).toBe('voided');
    expect(w.wxpay.refundCalls).toBe(1);
    expect(w.order(view._id).status).toBe('cancelled');
    expect(w.payments.get(view.orderNo)?.status).toBe('voided');
    expect(w.wxpay.refundedFen(view.orderNo)).toBe(4430);
    expect([...w.refunds.docs.values()]).toEqual([
      expect.objectContaining({ kind: 'void', refundFee: 4430, status: 'pending' }),
    ]);
    // Stock was released by the cancel and is not taken again by the late payment.
    expect(w.stock('veg')).toBe(10);
    expect(w.commissionCalls).toEqual([]);
  });

  test('closing the trade before a cancel settles it instead when the resident just paid', async () => {
    const { w, view } = await orderedAndPrepared();
    w.wxpay.pay(view.orderNo);
    expect(await closeTradeBeforeCancel(w.order(view._id), undefined, w.payDeps)).toBe('paid');
    expect(w.order(view._id).status).toBe('paid');

    const other = await w.buy('bob', [{ batchItemId: 'veg', qty: 1 }]);
    await preparePayment(other._id, { openid: 'bob', source: 'wx_client' }, w.payDeps);
    expect(await closeTradeBeforeCancel(w.order(other._id), undefined, w.payDeps)).toBe('closed');
    expect(w.wxpay.trades.get(other.orderNo)?.tradeState).toBe('CLOSED');
  });

  test('settling a missing order changes nothing', async () => {
    const w = moneyWorld();
    expect(await settlePayment('nope', { transactionId: 't', totalFee: 100 }, w.payDeps)).toBe('ignored');
    expect(w.payments.docs.size).toBe(0);
  });
});
