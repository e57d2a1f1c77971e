import { cancelOrder } from '../../../cloudfunctions/core/usecases/order/cancel';
import { moneyWorld } from '../support/money-world';

describe('cancelling an unpaid order over in-memory repositories', () => {
  test('stock and the limit counter come back exactly once, however many cancels race', async () => {
    const w = moneyWorld();
    const order = await w.buy('alice', [
      { batchItemId: 'veg', qty: 3 },
      { batchItemId: 'egg', qty: 2 },
    ]);
    const outcomes = await Promise.all([
      cancelOrder(order._id, '用户取消', { openid: 'alice', now: w.clock.now }, w.orderDeps),
      cancelOrder(order._id, '超时未支付', { now: w.clock.now }, w.orderDeps),
      cancelOrder(order._id, '超时未支付', { now: w.clock.now }, w.orderDeps),
    ]);
    expect(outcomes.filter((o) => o.cancelled)).toHaveLength(1);
    expect(w.order(order._id).status).toBe('cancelled');
    expect(w.batchItems.get('veg')).toMatchObject({ stock: 10, sold: 0 });
    expect(w.batchItems.get('egg')).toMatchObject({ stock: 5, sold: 0 });
    expect(w.batchItems.bought('alice', 'egg')).toBe(0);
    // The counter given back is usable again: the resident may buy their 2 eggs.
    await expect(w.buy('alice', [{ batchItemId: 'egg', qty: 2 }])).resolves.toMatchObject({ totalFen: 3700 });
  });

  test('a paid order is not cancelled and keeps its stock', async () => {
    const w = moneyWorld();
    const order = await w.paidOrder('alice', [{ batchItemId: 'egg', qty: 1 }]);
    await expect(cancelOrder(order._id, '用户取消', { openid: 'alice' }, w.orderDeps)).rejects.toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(w.order(order._id).status).toBe('paid');
    expect(w.stock('egg')).toBe(4);
    expect(w.batchItems.bought('alice', 'egg')).toBe(1);
  });

  test('another resident’s order looks missing and is left alone', async () => {
    const w = moneyWorld();
    const order = await w.buy('alice', [{ batchItemId: 'veg', qty: 2 }]);
    await expect(cancelOrder(order._id, '用户取消', { openid: 'mallory' }, w.orderDeps)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(w.order(order._id).status).toBe('pending_payment');
    expect(w.stock('veg')).toBe(8);
  });
});
