import { RES1, RES2, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * After paying, as the resident sees it: a paid order cancelled before cut-off
 * gives its stock and limit back and is refunded in full; each after-sale
 * request with its status and the admin's reason.
 */
jest.setTimeout(120_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('after-paying-env');
}, 60_000);
afterAll(() => w?.stop());

const order = (data: Record<string, unknown>, openid = RES1) => w.call('order', data, openid);
const item = (id: string) => w.doc('batchItems', id);
const eventually = async <T>(read: () => Promise<T>, ok: (v: T) => boolean): Promise<T> => {
  for (let i = 0; i < 50; i++) {
    const v = await read();
    if (ok(v)) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  return read();
};

describe('cancelling a paid order before cut-off', () => {
  test('stock and the limit come back, the whole payment is refunded, once however often it is asked', async () => {
    const [egg, qingcai] = [await item(ITEM.egg), await item(ITEM.qingcai)]; // egg: limit 2
    const paid = await w.paidOrder(RES1, OPEN, [
      { batchItemId: ITEM.egg, qty: 2 },
      { batchItemId: ITEM.qingcai, qty: 3 },
    ]);
    expect((await order({ action: 'detail', orderId: paid._id })).data.cancellable).toBe(true);
    // At the limit: no third egg.
    const more = { action: 'create', clientRequestId: `more-${Date.now()}`, batchId: OPEN };
    expect((await order({ ...more, lines: [{ batchItemId: ITEM.egg, qty: 1 }] })).code).toBe('LIMIT_EXCEEDED');

    const answers = await Promise.all([1, 2, 3].map(() => order({ action: 'cancel', orderId: paid._id })));
    expect(answers.every((a) => a.ok)).toBe(true);
    expect(answers.filter((a) => a.data.cancelled)).toHaveLength(1);

    const asked = await w.doc('orders', paid._id);
    expect(asked.status).toBe('refunding');
    // WeChat Pay completes the refund and calls back.
    await w.t.running.cloud.pay.simulateRefund(w.env, `cancel_${paid.orderNo}`);
    const done = await eventually(
      () => w.doc('orders', paid._id),
      (o) => o.status === 'refunded',
    );
    expect(done).toMatchObject({ status: 'refunded', refundedFen: paid.totalFen, cancelReason: '用户取消' });
    const refunds = await w.find('refunds', { orderId: paid._id });
    expect(refunds.map((r: any) => [r.refundFee, r.status])).toEqual([[paid.totalFen, 'success']]);
    expect([(await item(ITEM.egg)).stock, (await item(ITEM.qingcai)).stock]).toEqual([egg.stock, qingcai.stock]);
    // The limit is free again.
    const again = await order({
      ...more,
      clientRequestId: `again-${Date.now()}`,
      lines: [{ batchItemId: ITEM.egg, qty: 2 }],
    });
    expect(again.ok).toBe(true);
    // A repeat after the refund changes nothing.
    const late = await order({ action: 'cancel', orderId: paid._id });
    expect(late.data).toMatchObject({ cancelled: false, order: { status: 'refunded' } });
    expect(await w.find('refunds', { orderId: paid._id })).toHaveLength(1);
  });

  test('after cut-off it is refused with a clear reason and nothing changes', async () => {
    const paid = await w.paidOrder(RES2, OPEN, [{ batchItemId: ITEM.rice, qty: 1 }]);
    const stock = (await item(ITEM.rice)).stock;
    await w.db
      .collection('batches')
      .doc(OPEN)
      .update({ data: { cutoffAt: new Date(Date.now() - 1000) } });
    try {
      expect((await order({ action: 'detail', orderId: paid._id }, RES2)).data.cancellable).toBe(false);
      const res = await order({ action: 'cancel', orderId: paid._id }, RES2);
      expect(res.code).toBe('INVALID_STATE');
      expect(res.message).toContain('已截单');
      expect((await w.doc('orders', paid._id)).status).toBe('paid');
      expect((await item(ITEM.rice)).stock).toBe(stock);
      expect(await w.find('refunds', { orderId: paid._id })).toEqual([]);
    } finally {
      await w.db
        .collection('batches')
        .doc(OPEN)
        .update({ data: { cutoffAt: new Date(Date.now() + 6 * 3600_000) } });
    }
  });

  test("another resident's order is not found and stays paid; a stranger is UNAUTHENTICATED", async () => {
    const paid = await w.paidOrder(RES1, OPEN, [{ batchItemId: ITEM.qingcai, qty: 1 }]);
    expect((await order({ action: 'cancel', orderId: paid._id }, RES2)).code).toBe('NOT_FOUND');
    expect((await w.call('order', { action: 'cancel', orderId: paid._id })).code).toBe('UNAUTHENTICATED');
    expect((await w.doc('orders', paid._id)).status).toBe('paid');
  });
});

describe("the resident's after-sale requests", () => {
  test('each request with its status and the admin’s reason, only the caller’s own', async () => {
    const paid = await w.arrivedOrder(RES1, OPEN, [{ batchItemId: ITEM.pork, qty: 2 }]);
    const ask = (qty: number) =>
      order({
        action: 'afterSale',
        orderId: paid._id,
        lines: [{ batchItemId: ITEM.pork, qty }],
        reason: '商品破损',
      });
    const first = await ask(1);
    await w.ok('afterSales.review', { id: first.data._id, approve: false, reason: '照片看不出破损' });
    const second = await ask(1);

    const mine = await order({ action: 'afterSales', orderId: paid._id });
    expect(mine.ok).toBe(true);
    expect(mine.data.map((a: any) => [a._id, a.status, a.reviewReason])).toEqual([
      [second.data._id, 'pending', undefined],
      [first.data._id, 'rejected', '照片看不出破损'],
    ]);
    expect(mine.data[1]).toMatchObject({ orderNo: paid.orderNo, reason: '商品破损', lines: [{ qty: 1 }] });
    expect((await order({ action: 'afterSales' })).data.map((a: any) => a._id)).toEqual(
      expect.arrayContaining([first.data._id, second.data._id]),
    );
    expect((await order({ action: 'afterSales', orderId: paid._id }, RES2)).data).toEqual([]);
    expect((await order({ action: 'afterSales', orderId: '' })).code).toBe('INVALID_INPUT');
    expect((await order({ action: 'afterSales', orderId: 7 })).code).toBe('INVALID_INPUT');
    expect((await w.call('order', { action: 'afterSales' })).code).toBe('UNAUTHENTICATED');
  });
});
