import { BATCH, startPayWorld, type PayWorld } from './payWorld';

/**
 * 成团 as a resident follows it: an item's paid units toward its minimum while the
 * batch sells, the scheduler's decision after cut-off, and on the order which
 * lines did not run and whether their money is back.
 */
const env = 'minimum-progress-env';
const ALICE = 'oAliceMin';
const BOB = 'oBobMin';
const CAROL = 'oCarolMin';
const MINUTE = 60_000;
let w: PayWorld;

beforeAll(async () => {
  w = await startPayWorld(
    env,
    [
      { _id: 'item-rice', priceFen: 3990, stock: 10 },
      { _id: 'item-durian', priceFen: 8800, stock: 20, minQuantity: 10 },
      { _id: 'item-tofu', priceFen: 300, stock: 20, minQuantity: 2 },
    ],
    40 * MINUTE,
  );
}, 60_000);
afterAll(() => w?.stop());

const catalog = (data: Record<string, unknown>, openid = CAROL) => w.t.call('catalog', data, openid);
const detail = (orderId: string, openid: string) => w.t.call('order', { action: 'detail', orderId }, openid);
const byId = (items: any[]) => new Map(items.map((i) => [i._id, i]));
const lineOf = (order: any, itemId: string) => order.lines.find((l: any) => l.batchItemId === itemId);

async function paid(openid: string, lines: Array<{ batchItemId: string; qty: number }>) {
  const order = await w.createOrder(openid, lines);
  await w.prepare(openid, order._id);
  await w.t.running.cloud.pay.simulatePay(env, order.orderNo, { openid });
  return order;
}

test('an item below its minimum shows 7/10 paid, runs or not at cut-off, and the order says its money is back', async () => {
  const alice = await paid(ALICE, [
    { batchItemId: 'item-durian', qty: 7 },
    { batchItemId: 'item-tofu', qty: 1 },
  ]);
  await paid(BOB, [{ batchItemId: 'item-tofu', qty: 1 }]);
  // Carol reserves 2 durians and never pays: a reservation is not progress.
  await w.createOrder(CAROL, [{ batchItemId: 'item-durian', qty: 2 }]);

  const open = await catalog({ action: 'items', batchId: BATCH });
  expect(open.ok).toBe(true);
  const before = byId(open.data.items);
  expect(before.get('item-durian')).toMatchObject({ minQuantity: 10, sold: 9, minimum: { paidQty: 7 } });
  expect(before.get('item-durian').minimum.outcome).toBeUndefined();
  expect(before.get('item-tofu')).toMatchObject({ minimum: { paidQty: 2 } });
  expect(before.get('item-rice')).not.toHaveProperty('minimum');
  const page = await catalog({ action: 'item', batchItemId: 'item-durian' });
  expect(page.data.minimum).toEqual({ paidQty: 7 });
  expect((await detail(alice._id, ALICE)).data.lines.every((l: any) => !l.notRunning)).toBe(true);

  w.t.running.cloud.clock.advance(41 * MINUTE);
  expect((await w.fireScheduler()).data).toMatchObject({ itemsNotRunning: 1 });

  const after = byId((await catalog({ action: 'items', batchId: BATCH })).data.items);
  expect(after.get('item-durian').minimum).toEqual({ paidQty: 7, outcome: 'not_running', refunded: true });
  expect(after.get('item-tofu').minimum).toEqual({ paidQty: 2, outcome: 'ran' });
  expect((await catalog({ action: 'item', batchItemId: 'item-tofu' })).data.minimum).toEqual({
    paidQty: 2,
    outcome: 'ran',
  });

  const asked = (await detail(alice._id, ALICE)).data;
  expect(lineOf(asked, 'item-durian').notRunning).toBe('refunding');
  expect(lineOf(asked, 'item-tofu')).not.toHaveProperty('notRunning');

  const [refund] = await w.find('refunds', { orderId: alice._id });
  expect(refund).toMatchObject({ refundFee: 7 * 8800, status: 'pending' });
  await w.t.running.cloud.pay.simulateRefund(env, refund._id);
  const back = (await detail(alice._id, ALICE)).data;
  expect(lineOf(back, 'item-durian')).toMatchObject({ notRunning: 'refunded', refundedQty: 7, refundedFen: 7 * 8800 });
  expect(lineOf(back, 'item-tofu')).not.toHaveProperty('notRunning');
});

test("a stranger's order detail is refused and shows nothing", async () => {
  const [order] = await w.find('orders', { openid: ALICE });
  const res = await detail(order._id, BOB);
  expect(res).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  expect(res.data).toBeUndefined();
  expect(await w.t.call('order', { action: 'detail', orderId: order._id }, undefined)).toMatchObject({
    ok: false,
    code: 'UNAUTHENTICATED',
  });
});
