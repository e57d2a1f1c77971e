import { ITEM, OPEN, startShop, type Shop } from './shop';

const env = 'recommend-env';
let shop: Shop;
beforeAll(async () => {
  shop = await startShop(env);
});
afterAll(() => shop.stop());

const HOUR = 3600_000;
const MILK = `${OPEN}-milk`;
const ORANGE = `${OPEN}-orange`;
const RICE = ITEM.rice;
const TISSUE = `${OPEN}-tissue`;
let seq = 0;
/** A paid, picked-up order of the past, as the order function leaves it (only what the model reads matters). */
async function pastOrder(openid: string, pickupPointId: string, productIds: string[], refunded: string[] = []) {
  const at = new Date(Date.now() - 3 * 24 * HOUR);
  const n = seq++;
  await shop.db.collection('orders').add({
    data: {
      _id: `rec-order-${n}`,
      orderNo: `rec${String(n).padStart(10, '0')}`,
      openid,
      batchId: 'batch-past',
      pickupPointId,
      leaderId: 'leader-wang',
      status: 'picked_up',
      pickupKey: `rec-key-${n}`,
      lines: productIds.map((productId) => ({
        batchItemId: `past-${productId}`,
        productId,
        title: productId,
        qty: 1,
        refundedQty: refunded.includes(productId) ? 1 : 0,
        amountFen: 100,
        refundedFen: refunded.includes(productId) ? 100 : 0,
      })),
      totalFen: 100 * productIds.length,
      paidFen: 100 * productIds.length,
      refundedFen: 0,
      createdAt: at,
      paidAt: at,
    },
  });
}
const recommend = (openid: string, extra: Record<string, unknown> = {}) =>
  shop.call('catalog', { action: 'recommend', batchId: OPEN, ...extra }, openid);
const tick = async () => ((await shop.t.running.cloud.functions.fireTrigger(env, 'scheduler')) as any).data;

test('before the first model, 猜你喜欢 is the batch in its own order, only what is on sale', async () => {
  const res = await recommend('oRecNobody');
  expect(res.ok).toBe(true);
  expect(res.data.basis).toBe('batch');
  const items = (await shop.call('catalog', { action: 'items', batchId: OPEN }, 'oRecNobody')).data.items;
  expect(res.data.batchItemIds).toEqual(
    items
      .filter((i: any) => !i.soldOut)
      .slice(0, 10)
      .map((i: any) => i._id),
  );
});

test('the timer builds the model once a day; a resident gets what neighbours with the same taste bought', async () => {
  // Six neighbours at 翠苑 buy milk with oranges, again and again; 阳光 buys rice; 桂花 buys tissues.
  for (let r = 0; r < 6; r++)
    for (let k = 0; k < 3; k++) await pastOrder(`oRecN${r}`, 'pp-cuiyuan', ['p-milk', 'p-orange']);
  for (let r = 0; r < 8; r++) await pastOrder(`oRecS${r}`, 'pp-sunshine', ['p-rice']);
  for (let r = 0; r < 5; r++) await pastOrder(`oRecG${r}`, 'pp-guihua', ['p-tissue']);
  // The resident at 阳光 bought milk once; a refunded line is not a purchase.
  await pastOrder('oRecTarget', 'pp-sunshine', ['p-milk', 'p-detergent'], ['p-detergent']);

  const first = await tick();
  expect(first.recommendations).toBe('built');
  const model = await shop.doc('recommendations', 'model');
  expect(model.orders).toBeGreaterThanOrEqual(6 * 3 + 8 + 5 + 1);
  expect((await tick()).recommendations).toBe('fresh');
  expect((await shop.doc('recommendations', 'model')).builtAt).toEqual(model.builtAt);

  const res = await recommend('oRecTarget');
  expect(res.data.basis).toBe('history');
  // Milk again (a staple), then what milk's buyers also buy (oranges), then their point's best seller (rice);
  // the point's own best seller alone would have started with rice.
  expect(res.data.batchItemIds.slice(0, 3)).toEqual([MILK, ORANGE, RICE]);
  expect(res.data.batchItemIds).toHaveLength(10);
  expect(new Set(res.data.batchItemIds).size).toBe(10);

  // A day later the next tick rebuilds it (the model is made a day old: moving the clock would cut off the batch).
  const dayOld = new Date(new Date(model.builtAt).getTime() - 24 * HOUR);
  await shop.db
    .collection('recommendations')
    .doc('model')
    .update({ data: { builtAt: dayOld } });
  expect((await tick()).recommendations).toBe('built');
  const rebuilt = await shop.doc('recommendations', 'model');
  expect(new Date(rebuilt.builtAt).getTime()).toBeGreaterThan(dayOld.getTime());
});

test('a new resident gets the best sellers of the point they chose; sold-out items are never offered', async () => {
  const fresh = await recommend('oRecNewcomer', { pickupPointId: 'pp-guihua' });
  expect(fresh.data.basis).toBe('popular');
  expect(fresh.data.batchItemIds[0]).toBe(TISSUE);

  await shop.db
    .collection('batchItems')
    .doc(ORANGE)
    .update({ data: { stock: 0 } });
  const res = await recommend('oRecTarget');
  expect(res.data.batchItemIds.slice(0, 2)).toEqual([MILK, RICE]);
  expect(res.data.batchItemIds).not.toContain(ORANGE);
});

test('bad input, unknown batches, strangers and residents running the timer are refused', async () => {
  const before = await shop.find('recommendations');
  for (const [data, code] of [
    [{ action: 'recommend' }, 'INVALID_INPUT'],
    [{ action: 'recommend', batchId: '' }, 'INVALID_INPUT'],
    [{ action: 'recommend', batchId: OPEN, pickupPointId: 7 }, 'INVALID_INPUT'],
    [{ action: 'recommend', batchId: 'no-such-batch' }, 'NOT_FOUND'],
  ] as const) {
    const res = await shop.call('catalog', data, 'oRecTarget');
    expect({ data, code: res.code }).toEqual({ data, code });
  }
  expect((await shop.call('catalog', { action: 'recommend', batchId: OPEN })).code).toBe('UNAUTHENTICATED');
  expect((await shop.call('scheduler', { Type: 'Timer' }, 'oRecTarget')).code).toBe('FORBIDDEN');
  expect(await shop.find('recommendations')).toEqual(before);
});
