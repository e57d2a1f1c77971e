import { BATCH, POINT, startPayWorld, type PayWorld } from './payWorld';

const env = 'scheduler-env';
const ALICE = 'oAliceSched';
const BOB = 'oBobSched';
const MINUTE = 60_000;
let w: PayWorld;

// The batch cuts off 40 minutes after the start; the tests walk the clock forward in order.
beforeAll(async () => {
  w = await startPayWorld(
    env,
    [
      { _id: 'item-rice', priceFen: 3990, stock: 10 },
      { _id: 'item-durian', priceFen: 8800, stock: 20, minQuantity: 5 },
      { _id: 'item-tofu', priceFen: 300, stock: 20, minQuantity: 2 },
    ],
    40 * MINUTE,
  );
}, 60_000);
afterAll(() => w?.stop());

const advance = (ms: number) => w.t.running.cloud.clock.advance(ms);
const payNow = (outTradeNo: string, openid: string) => w.t.running.cloud.pay.simulatePay(env, outTradeNo, { openid });

test('a resident cannot run the scheduler through the gateway', async () => {
  expect(await w.t.call('scheduler', { Type: 'Timer' }, ALICE)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('orders unpaid 15 minutes after ordering are cancelled and their stock released exactly once', async () => {
  const plain = await w.createOrder(ALICE, [{ batchItemId: 'item-rice', qty: 2 }]);
  const prepared = await w.createOrder(BOB, [{ batchItemId: 'item-rice', qty: 3 }]);
  await w.prepare(BOB, prepared._id);
  expect((await w.item('item-rice')).stock).toBe(5);

  advance(14 * MINUTE);
  await w.fireScheduler();
  expect((await w.order(plain._id)).status).toBe('pending_payment');

  advance(2 * MINUTE);
  // Two ticks at once (a slow tick overlapping the next) release once.
  const [a, b] = await Promise.all([w.fireScheduler(), w.fireScheduler()]);
  expect(a.ok && b.ok).toBe(true);
  expect((await w.order(plain._id)).status).toBe('cancelled');
  expect((await w.order(prepared._id)).status).toBe('cancelled');
  expect(await w.item('item-rice')).toMatchObject({ stock: 10, sold: 0 });
  // The trade is closed so the resident can no longer pay for released stock.
  expect(w.t.running.cloud.pay.findOrder(env, { outTradeNo: prepared.orderNo })?.state).toBe('CLOSED');
  await w.fireScheduler();
  expect(await w.item('item-rice')).toMatchObject({ stock: 10, sold: 0 });
});

test('an order paid just before the deadline whose notification is late is kept, not cancelled', async () => {
  const created = await w.createOrder(ALICE, [{ batchItemId: 'item-rice', qty: 1 }]);
  await w.prepare(ALICE, created._id);
  await w.t.running.cloud.pay.simulatePay(env, created.orderNo, { openid: ALICE, mode: 'delayed' });
  advance(16 * MINUTE);
  await w.fireScheduler();
  const order = await w.order(created._id);
  expect(order.status).toBe('paid');
  expect((await w.item('item-rice')).stock).toBe(9);
  await w.t.running.cloud.pay.deliverAll(env);
  expect((await w.order(created._id)).history.filter((h: any) => h.status === 'paid')).toHaveLength(1);
  expect(await w.find('refunds', { orderId: created._id })).toHaveLength(0);
});

test('at cut-off the batch closes, and an item below its minimum is refunded to every buyer once', async () => {
  const buyers = [
    {
      openid: ALICE,
      lines: [
        { batchItemId: 'item-durian', qty: 1 },
        { batchItemId: 'item-tofu', qty: 1 },
      ],
    },
    {
      openid: BOB,
      lines: [
        { batchItemId: 'item-durian', qty: 2 },
        { batchItemId: 'item-tofu', qty: 1 },
      ],
    },
  ];
  const orders = [];
  for (const b of buyers) {
    const order = await w.createOrder(b.openid, b.lines);
    await w.prepare(b.openid, order._id);
    await payNow(order.orderNo, b.openid);
    orders.push(order);
  }
  advance(10 * MINUTE); // past cutoffAt
  const refundCalls = w.payCalls('refund');
  const tick = await w.fireScheduler();
  expect(tick.data).toMatchObject({ batchesCutOff: 1, itemsNotRunning: 1, refundsRequested: 2 });

  const [batch] = await w.find('batches', { _id: BATCH });
  expect(batch.status).toBe('cutoff');
  expect((await w.find('batchItems', { batchId: BATCH })).every((i: any) => i.batchStatus === 'cutoff')).toBe(true);
  const late = await w.t.call(
    'order',
    {
      action: 'create',
      clientRequestId: 'late-order-1',
      batchId: BATCH,
      pickupPointId: POINT,
      lines: [{ batchItemId: 'item-tofu', qty: 1 }],
    },
    ALICE,
  );
  expect(late).toMatchObject({ ok: false, code: 'BATCH_CLOSED' });

  expect(await w.item('item-durian')).toMatchObject({ notRunning: true, paidQtyAtCutoff: 3 });
  expect(await w.item('item-tofu')).toMatchObject({ notRunning: false, paidQtyAtCutoff: 2 });
  const refunds = await w.find('refunds', { reason: /未达成团/ });
  expect(refunds.map((r: any) => r.refundFee).sort()).toEqual([17600, 8800]);
  expect(w.payCalls('refund')).toBe(refundCalls + 2);

  // The same tick went on to the documents, in the pipeline's order: the item that does not run is not bought.
  const [pipeline] = await w.find('jobs', { _id: `cutoff_${BATCH}` });
  expect(pipeline.history.map((h: any) => h.stage)).toEqual(['cutoff', 'unpaid', 'minimums', 'aggregate', 'documents']);
  expect(tick.data.documentsWritten).toBe(1);
  const [po] = await w.find('purchaseOrders', { batchId: BATCH });
  expect(po.lines.map((l: any) => [l.batchItemId, l.qty])).toEqual([
    ['item-rice', 1],
    ['item-tofu', 2],
  ]);
  const [list] = await w.find('packingLists', { batchId: BATCH });
  expect(list.lines.map((l: any) => l.batchItemId)).toEqual(['item-rice', 'item-tofu']);

  // Reruns ask for nothing new and rewrite nothing.
  const written = JSON.stringify(await w.find('purchaseOrders', { batchId: BATCH }));
  await w.fireScheduler();
  await w.fireScheduler();
  expect(w.payCalls('refund')).toBe(refundCalls + 2);
  expect(JSON.stringify(await w.find('purchaseOrders', { batchId: BATCH }))).toBe(written);

  for (const r of refunds) await w.t.running.cloud.pay.simulateRefund(env, r._id);
  const bob = await w.order(orders[1]._id);
  expect(bob.status).toBe('paid');
  expect(bob.refundedFen).toBe(17600);
  expect(bob.lines.find((l: any) => l.batchItemId === 'item-durian')).toMatchObject({
    refundedQty: 2,
    refundedFen: 17600,
  });
  expect(bob.lines.find((l: any) => l.batchItemId === 'item-tofu')).toMatchObject({ refundedQty: 0 });
});
