import { refundLines } from '../../../cloudfunctions/core/usecases/refund/lines';
import { handleRefundNotice } from '../../../cloudfunctions/core/usecases/refund/notice';
import { moneyWorld } from '../support/money-world';

/** Alice paid ¥44.30: 2 × veg ¥12.90 and 1 × egg ¥18.50. */
async function paid() {
  const w = moneyWorld();
  const order = await w.paidOrder('alice', [
    { batchItemId: 'veg', qty: 2 },
    { batchItemId: 'egg', qty: 1 },
  ]);
  w.commissionCalls.length = 0;
  const refund = (lines: { batchItemId: string; qty: number }[], outRefundNo: string) =>
    refundLines(order._id, lines, '缺货', outRefundNo, w.payDeps);
  const notice = (outRefundNo: string) => handleRefundNotice(outRefundNo, w.payDeps);
  return { w, order, refund, notice };
}

describe('refunds of order lines over in-memory repositories', () => {
  test('a partial refund gives back price × quantity of that line and counts on the order when WeChat Pay is done', async () => {
    const { w, order, refund, notice } = await paid();
    const record = await refund([{ batchItemId: 'veg', qty: 1 }], 'short-veg-1');
    expect(record).toMatchObject({ refundFee: 1290, totalFee: 4430, status: 'pending' });
    expect(w.wxpay.refundedFen(order.orderNo)).toBe(1290);
    // Until WeChat Pay reports it done the order shows nothing refunded.
    expect(w.order(order._id)).toMatchObject({ status: 'paid', refundedFen: 0 });

    expect(await notice('short-veg-1')).toBe('not_final');
    // Not done yet: nothing to tell the resident.
    expect(w.refundsTold).toEqual([]);
    w.wxpay.finishRefund('short-veg-1');
    expect(await notice('short-veg-1')).toBe('refunded');
    const after = w.order(order._id);
    expect(after).toMatchObject({ status: 'paid', paidFen: 4430, refundedFen: 1290 });
    expect(after.lines.find((l) => l.batchItemId === 'veg')).toMatchObject({ refundedQty: 1, refundedFen: 1290 });
    expect(after.lines.find((l) => l.batchItemId === 'egg')).toMatchObject({ refundedQty: 0, refundedFen: 0 });
    expect(w.commissionCalls).toEqual([order._id]);
    expect(w.refundsTold).toEqual(['short-veg-1']);
  });

  test('the same out_refund_no is the same refund: asked for and counted once', async () => {
    const { w, order, refund, notice } = await paid();
    const first = await refund([{ batchItemId: 'egg', qty: 1 }], 'damaged-egg');
    const again = await refund([{ batchItemId: 'egg', qty: 1 }], 'damaged-egg');
    expect(again).toMatchObject({ _id: first._id, refundFee: 1850 });
    expect(w.wxpay.refundCalls).toBe(1);
    w.wxpay.finishRefund('damaged-egg');
    expect(await notice('damaged-egg')).toBe('refunded');
    expect(await notice('damaged-egg')).toBe('duplicate');
    await refund([{ batchItemId: 'egg', qty: 1 }], 'damaged-egg');
    expect(w.order(order._id).refundedFen).toBe(1850);
    expect(w.payments.get(order.orderNo)?.refundReservedFen).toBe(1850);
    expect(w.wxpay.refundCalls).toBe(1);
  });

  test('never more than was bought or paid, even by refunds racing each other', async () => {
    const { w, order, refund } = await paid();
    await expect(refund([{ batchItemId: 'veg', qty: 3 }], 'too-many')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    const race = await Promise.allSettled([
      refund([{ batchItemId: 'veg', qty: 2 }], 'leader-shortage'),
      refund([{ batchItemId: 'veg', qty: 2 }], 'admin-shortage'),
      refund([{ batchItemId: 'veg', qty: 1 }], 'after-sale'),
    ]);
    expect(race.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
    expect(w.wxpay.refundedFen(order.orderNo)).toBe(2580);
    expect(w.payments.get(order.orderNo)).toMatchObject({ refundReservedFen: 2580, refundReservedQty: { veg: 2 } });
    expect(w.refunds.docs.size).toBe(1);
    await expect(refund([{ batchItemId: 'nope', qty: 1 }], 'no-such-line')).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
  });

  test('refunds of one line add up: the third unit of a two-unit line is refused', async () => {
    const { w, order, refund } = await paid();
    await refund([{ batchItemId: 'veg', qty: 1 }], 'veg-a');
    await refund([{ batchItemId: 'veg', qty: 1 }], 'veg-b');
    await expect(refund([{ batchItemId: 'veg', qty: 1 }], 'veg-c')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(w.payments.get(order.orderNo)).toMatchObject({ refundReservedFen: 2580, refundReservedQty: { veg: 2 } });
    expect(w.wxpay.refundedFen(order.orderNo)).toBe(2580);
  });

  test('refunding everything shows 退款中, then 已退款 with every fen given back', async () => {
    const { w, order, refund, notice } = await paid();
    const all = [
      { batchItemId: 'veg', qty: 2 },
      { batchItemId: 'egg', qty: 1 },
    ];
    await refund(all, 'not-running');
    expect(w.order(order._id).status).toBe('refunding');
    w.wxpay.finishRefund('not-running');
    await notice('not-running');
    expect(w.order(order._id)).toMatchObject({ status: 'refunded', refundedFen: 4430, paidFen: 4430 });
    await expect(refund([{ batchItemId: 'egg', qty: 1 }], 'one-more')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(w.wxpay.refundedFen(order.orderNo)).toBe(4430);
  });

  test('a refund WeChat Pay refuses or closes gives its reservation back, so it can be asked for again', async () => {
    const { w, order, refund, notice } = await paid();
    w.wxpay.rejectNextRefund = '余额不足';
    await expect(
      refund(
        [
          { batchItemId: 'veg', qty: 2 },
          { batchItemId: 'egg', qty: 1 },
        ],
        'try-1',
      ),
    ).rejects.toMatchObject({ code: 'PAYMENT_FAILED' });
    expect(w.refunds.get('try-1')?.status).toBe('failed');
    expect(w.order(order._id).status).toBe('paid');
    expect(w.payments.get(order.orderNo)).toMatchObject({
      refundReservedFen: 0,
      refundReservedQty: { veg: 0, egg: 0 },
    });

    await refund([{ batchItemId: 'veg', qty: 2 }], 'try-2');
    w.wxpay.finishRefund('try-2', 'REFUNDCLOSE');
    expect(await notice('try-2')).toBe('failed');
    expect(await notice('try-2')).toBe('failed');
    expect(w.payments.get(order.orderNo)).toMatchObject({ refundReservedFen: 0, refundReservedQty: { veg: 0 } });

    await refund([{ batchItemId: 'veg', qty: 2 }], 'try-3');
    w.wxpay.finishRefund('try-3');
    await notice('try-3');
    expect(w.order(order._id)).toMatchObject({ status: 'paid', refundedFen: 2580 });
  });

  test('an out_refund_no of another order is refused and nothing is sent', async () => {
    const { w, refund } = await paid();
    await refund([{ batchItemId: 'egg', qty: 1 }], 'egg-refund');
    const bob = await w.paidOrder('bob', [{ batchItemId: 'egg', qty: 1 }]);
    await expect(
      refundLines(bob._id, [{ batchItemId: 'egg', qty: 1 }], '损坏', 'egg-refund', w.payDeps),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(w.wxpay.refundedFen(bob.orderNo)).toBe(0);
  });

  test('an unpaid order has nothing to refund', async () => {
    const w = moneyWorld();
    const view = await w.buy('alice', [{ batchItemId: 'veg', qty: 1 }]);
    await expect(
      refundLines(view._id, [{ batchItemId: 'veg', qty: 1 }], '缺货', 'early', w.payDeps),
    ).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(w.refunds.docs.size).toBe(0);
  });
});
