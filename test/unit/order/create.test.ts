import { batchItem, moneyWorld } from '../support/money-world';

describe('order creation over in-memory repositories', () => {
  test('totals come from the server prices; stock and the limited item’s counter are taken', async () => {
    const w = moneyWorld();
    const order = await w.buy('alice', [
      { batchItemId: 'veg', qty: 3 },
      { batchItemId: 'egg', qty: 2 },
      { batchItemId: 'veg', qty: 1 },
    ]);
    // 4 × ¥12.90 + 2 × ¥18.50
    expect(order.totalFen).toBe(4 * 1290 + 2 * 1850);
    expect(order.lines.map((l) => [l.batchItemId, l.qty, l.amountFen])).toEqual([
      ['veg', 4, 5160],
      ['egg', 2, 3700],
    ]);
    expect(order.status).toBe('pending_payment');
    expect(w.stock('veg')).toBe(6);
    expect(w.stock('egg')).toBe(3);
    expect(w.batchItems.bought('alice', 'egg')).toBe(2);
    expect(w.batchItems.bought('alice', 'veg')).toBe(0);
  });

  test('short stock refuses the order and leaves every line as it was', async () => {
    const w = moneyWorld();
    await expect(
      w.buy('alice', [
        { batchItemId: 'egg', qty: 1 },
        { batchItemId: 'veg', qty: 11 },
      ]),
    ).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    expect(w.stock('veg')).toBe(10);
    expect(w.stock('egg')).toBe(5);
    expect(w.batchItems.bought('alice', 'egg')).toBe(0);
    expect(w.orders.docs.size).toBe(0);
  });

  test('a limited item that runs short leaves the resident’s counter untouched', async () => {
    const w = moneyWorld([batchItem('egg', 1850, 1, 2)]);
    await expect(w.buy('alice', [{ batchItemId: 'egg', qty: 2 }])).rejects.toMatchObject({ code: 'OUT_OF_STOCK' });
    expect(w.batchItems.bought('alice', 'egg')).toBe(0);
    await expect(w.buy('alice', [{ batchItemId: 'egg', qty: 1 }])).resolves.toMatchObject({ totalFen: 1850 });
  });

  test('the per-resident limit holds across orders and never touches the stock', async () => {
    const w = moneyWorld();
    await w.buy('alice', [{ batchItemId: 'egg', qty: 2 }]);
    await expect(w.buy('alice', [{ batchItemId: 'egg', qty: 1 }])).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    await expect(w.buy('bob', [{ batchItemId: 'egg', qty: 3 }])).rejects.toMatchObject({ code: 'LIMIT_EXCEEDED' });
    expect(w.stock('egg')).toBe(3);
    expect(w.batchItems.bought('alice', 'egg')).toBe(2);
    expect(w.batchItems.bought('bob', 'egg')).toBe(0);
  });

  test('concurrent orders of one resident cannot pass the limit together', async () => {
    const w = moneyWorld();
    const results = await Promise.allSettled([
      w.buy('alice', [{ batchItemId: 'egg', qty: 2 }]),
      w.buy('alice', [{ batchItemId: 'egg', qty: 2 }]),
      w.buy('alice', [{ batchItemId: 'egg', qty: 1 }]),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(w.batchItems.bought('alice', 'egg')).toBe(2);
    expect(w.stock('egg')).toBe(3);
  });

  test('concurrent buyers never oversell: the last units go to exactly as many orders as there are', async () => {
    const w = moneyWorld([batchItem('melon', 3990, 3)]);
    const buyers = ['a', 'b', 'c', 'd', 'e'].map((who) => w.buy(who, [{ batchItemId: 'melon', qty: 1 }]));
    const results = await Promise.allSettled(buyers);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(
      ['OUT_OF_STOCK', 'OUT_OF_STOCK'],
    );
    expect(w.batchItems.get('melon')).toMatchObject({ stock: 0, sold: 3 });
  });

  test('a retried request ends at the same order and takes stock once', async () => {
    const w = moneyWorld();
    const first = await w.buy('alice', [{ batchItemId: 'egg', qty: 2 }], 'tap-once-1234');
    const again = await w.buy('alice', [{ batchItemId: 'egg', qty: 2 }], 'tap-once-1234');
    expect(again._id).toBe(first._id);
    expect(w.orders.docs.size).toBe(1);
    expect(w.stock('egg')).toBe(3);
    expect(w.batchItems.bought('alice', 'egg')).toBe(2);
  });

  test('a doubled request sent at once still makes one order and gives the loser’s reservation back', async () => {
    const w = moneyWorld();
    const [a, b] = await Promise.all([
      w.buy('alice', [{ batchItemId: 'veg', qty: 4 }], 'double-tap-99'),
      w.buy('alice', [{ batchItemId: 'veg', qty: 4 }], 'double-tap-99'),
    ]);
    expect(a._id).toBe(b._id);
    expect(w.orders.docs.size).toBe(1);
    expect(w.stock('veg')).toBe(6);
  });

  test('after cut-off nothing is sold and nothing is reserved', async () => {
    const w = moneyWorld();
    w.clock.now = new Date('2025-04-01T14:00:00Z');
    await expect(w.buy('alice', [{ batchItemId: 'veg', qty: 1 }])).rejects.toMatchObject({ code: 'BATCH_CLOSED' });
    expect(w.stock('veg')).toBe(10);
  });
});
