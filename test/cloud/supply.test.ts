import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { ADMIN, LEADER1, RES1, RES2, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

const env = 'supply-env';
const MINUTE = 60_000;
// Functions run in worker processes on a shared 2-core box: a test step may take seconds.
jest.setTimeout(60_000);
let w: AdminWorld;
let batchId: string;
let item: Record<string, string>;
const orders: any[] = [];
let unpaid: any;
let cutoffAt: Date;

beforeAll(async () => {
  // The demo's batches cut off at the next 23:00 Shanghai: started between 13:00 and 15:00 UTC, the two hours
  // this file moves the clock on would cut them off too. Keep them selling for a day more.
  w = await startAdminWorld(env, (seed) => {
    for (const b of seed.collections.batches as Array<{ cutoffAt: { $date: string } }>)
      b.cutoffAt = { $date: new Date(Date.parse(b.cutoffAt.$date) + 24 * 3_600_000).toISOString() };
  });
}, 60_000);
afterAll(() => w?.stop());

const fireScheduler = (): Promise<any> => w.t.running.cloud.functions.fireTrigger(env, 'scheduler');
const supplyFn = (data: Record<string, unknown>, as = ADMIN) => w.call('supply', data, as);
/** The batch's cut-off documents, as stored. */
async function documents() {
  const get = async (c: string) =>
    (await w.db.collection(c).where({ batchId }).orderBy('_id', 'asc').limit(1000).get()).data;
  return {
    purchaseOrders: await get('purchaseOrders'),
    packingLists: await get('packingLists'),
    route: await get('deliveryRoutes'),
  };
}
/** What the paid orders still hold (paid less refunded units), per key. */
function expectedBy(key: (o: any, l: any) => string) {
  const out = new Map<string, { qty: number; amountFen: number }>();
  for (const o of orders)
    for (const l of o.lines) {
      if (l.qty - l.refundedQty <= 0) continue;
      const k = key(o, l);
      const cur = out.get(k) ?? { qty: 0, amountFen: 0 };
      cur.qty += l.qty - l.refundedQty;
      cur.amountFen += l.amountFen - l.refundedFen;
      out.set(k, cur);
    }
  return out;
}

test('create a batch, open it, residents order and pay', async () => {
  const now = w.now();
  cutoffAt = new Date(now.getTime() + 120 * MINUTE);
  const price = (productId: string, priceFen: number, minQuantity = 0, costFen?: number) => ({
    productId,
    priceFen,
    originalPriceFen: priceFen + 100,
    stock: 100,
    limitPerUser: 0,
    minQuantity,
    ...(costFen === undefined ? {} : { costFen }),
  });
  const created = await w.ok('batches.create', {
    title: '供应链测试团',
    opensAt: new Date(now.getTime() - MINUTE).toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate: addDays(businessDate(cutoffAt), 1),
    items: [
      // A cost price set for this batch; the others start from their product's 供货价 (the seed's).
      price('p-qingcai', 300, 5, 200),
      price('p-tomato', 400),
      price('p-rice', 4000),
      price('p-milk', 5000),
      // Bought 3 times: below its minimum of 5, it does not run.
      price('p-oil', 6000, 5),
    ],
  });
  batchId = created.batch._id;
  item = Object.fromEntries(created.items.map((i: any) => [i.productId.slice(2), i._id]));
  expect(Object.fromEntries(created.items.map((i: any) => [i.productId, i.costFen]))).toEqual({
    'p-qingcai': 200,
    'p-tomato': 260,
    'p-rice': 3100,
    'p-milk': 3600,
    'p-oil': 4800,
  });
  // The milk is an item from before cost prices existed: it has none.
  await w.db
    .collection('batchItems')
    .doc(item.milk)
    .update({ data: { costFen: w._.remove() } });
  await w.ok('batches.open', { id: batchId });

  orders.push(
    await w.paidOrder(RES1, batchId, [
      { batchItemId: item.qingcai, qty: 2 },
      { batchItemId: item.rice, qty: 1 },
    ]),
    await w.paidOrder(RES2, batchId, [
      { batchItemId: item.qingcai, qty: 3 },
      { batchItemId: item.milk, qty: 1 },
      { batchItemId: item.oil, qty: 1 },
    ]),
    await w.paidOrder(LEADER1, batchId, [
      { batchItemId: item.tomato, qty: 2 },
      { batchItemId: item.qingcai, qty: 1 },
      { batchItemId: item.oil, qty: 2 },
    ]),
    await w.paidOrder(RES1, batchId, [{ batchItemId: item.rice, qty: 2 }]),
  );
  expect(orders.every((o) => o.status === 'paid')).toBe(true);
  expect((await w.admin('supply.run', { batchId })).code).toBe('INVALID_STATE');
});

test('the supply step triggered first waits for the stages before it', async () => {
  // Ten minutes before cut-off a resident orders and does not pay: the order is in its window until after cut-off.
  w.advance(110 * MINUTE);
  unpaid = await w.unpaidOrder('oRESIDENT3', batchId, [{ batchItemId: item.qingcai, qty: 5 }], 'pp-cuiyuan');
  w.advance(11 * MINUTE);
  // Past the cut-off time but before the scheduler has cut the batch off: nothing to buy yet.
  const early = await w.admin('supply.run', { batchId });
  expect(early).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '团期未截单，不能生成采购单' });

  // The scheduler cuts off; the unpaid order holds the pipeline at its unpaid stage.
  const tick = await fireScheduler();
  expect(tick.data).toMatchObject({ batchesCutOff: 1, documentsWritten: 0 });
  expect((await w.doc('batches', batchId)).status).toBe('cutoff');
  expect(await w.doc('jobs', `cutoff_${batchId}`)).toMatchObject({ stage: 'unpaid' });
  for (const run of [() => w.admin('supply.run', { batchId }), () => supplyFn({ action: 'run', batchId })]) {
    const res = await run();
    expect(res).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(res.message).toContain('1 个未支付订单');
  }
  // Nothing of a later stage has happened: no minimum decided, no refund, no checkpoint, no document.
  expect((await w.find('batchItems', { batchId })).some((i: any) => 'notRunning' in i)).toBe(false);
  expect(await w.find('refunds', { orderId: w._.in(orders.map((o) => o._id)) })).toHaveLength(0);
  expect(await w.doc('jobs', `supply_${batchId}`)).toBeUndefined();
  expect((await documents()).purchaseOrders).toHaveLength(0);
  expect((await w.doc('batches', batchId)).minimumsSettledAt).toBeUndefined();
});

test('a supply run cut short settles minimums first, and the scheduler resumes it to the documents', async () => {
  // The unpaid order's window closes; an admin's run comes before the next tick and drives the stages in order.
  w.advance(5 * MINUTE);
  const first = await supplyFn({ action: 'run', batchId, pageSize: 1, maxPages: 2 });
  expect(first.data).toMatchObject({ phase: 'reading', pages: 2, invocations: 1 });
  expect((await w.doc('orders', unpaid._id)).status).toBe('cancelled');
  expect(await w.doc('batchItems', item.oil)).toMatchObject({ notRunning: true, paidQtyAtCutoff: 3 });
  expect(await w.doc('batchItems', item.qingcai)).toMatchObject({ notRunning: false, paidQtyAtCutoff: 6 });
  const refunds = await w.find('refunds', { reason: '金龙鱼花生油 1.8L 未达成团数量，自动退款' });
  expect(refunds.map((r: any) => r.refundFee).sort()).toEqual([12000, 6000]);
  expect(await w.doc('jobs', `cutoff_${batchId}`)).toMatchObject({ stage: 'aggregate' });
  expect((await documents()).purchaseOrders).toHaveLength(0);

  const tick = await fireScheduler();
  expect(tick.data).toMatchObject({ documentsWritten: 1, refundsRequested: 0 });
  const pipeline = await w.doc('jobs', `cutoff_${batchId}`);
  expect(pipeline.stage).toBe('done');
  expect(pipeline.history.map((h: any) => h.stage)).toEqual(['cutoff', 'unpaid', 'minimums', 'aggregate', 'documents']);
  const times = pipeline.history.map((h: any) => new Date(h.at).getTime());
  expect(times).toEqual([...times].sort((a, b) => a - b));
  const batch = await w.doc('batches', batchId);
  expect(new Date(batch.minimumsSettledAt).getTime()).toBeLessThanOrEqual(new Date(batch.supplyDoneAt).getTime());
  // The checkpoint was resumed, not started over.
  expect(await w.ok('supply.status', { batchId })).toMatchObject({ phase: 'done', invocations: 2, lines: 7 });

  // WeChat Pay completes the minimum refunds: the orders now hold what is still bought.
  for (const r of refunds) await w.t.running.cloud.pay.simulateRefund(env, r._id);
  for (const [k, o] of orders.entries()) orders[k] = await w.doc('orders', o._id);
});

test('the documents hold the paid units, without the item below its minimum', async () => {
  const status = await w.ok('supply.status', { batchId });
  expect(status).toMatchObject({ phase: 'done', lines: 7, purchaseOrders: 3, packingLists: 2 });

  const { purchaseOrders, packingLists, route } = await documents();
  expect(
    purchaseOrders.flatMap((p: any) => p.lines).concat(packingLists.flatMap((p: any) => p.lines)),
  ).not.toContainEqual(expect.objectContaining({ batchItemId: item.oil }));
  // Purchase orders: per supplier, per item, equal to the paid orders (the unpaid one is not there).
  const bySupplierItem = expectedBy((_o, l) => `${l.supplierId}|${l.batchItemId}`);
  expect(purchaseOrders.map((p: any) => p._id)).toEqual([
    `${batchId}_sup-daily`,
    `${batchId}_sup-oil`,
    `${batchId}_sup-veg`,
  ]);
  // At cost: the platform owes each supplier qty × the item's cost price, never residents' prices.
  const costOf: Record<string, number | null> = {
    [item.qingcai]: 200,
    [item.tomato]: 260,
    [item.rice]: 3100,
    [item.milk]: null,
  };
  for (const po of purchaseOrders)
    for (const line of po.lines) {
      const k = `${po.supplierId}|${line.batchItemId}`;
      const unit = costOf[line.batchItemId];
      expect({ k, qty: line.qty, unitCostFen: line.unitCostFen, costFen: line.costFen }).toEqual({
        k,
        qty: bySupplierItem.get(k)?.qty,
        unitCostFen: unit,
        costFen: (bySupplierItem.get(k)?.qty ?? 0) * (unit ?? 0),
      });
      expect(line).not.toHaveProperty('amountFen');
    }
  expect(purchaseOrders.find((p: any) => p.supplierId === 'sup-oil')).toMatchObject({
    totalQty: 3,
    totalCostFen: 3 * 3100,
    costPending: 0,
  });
  const veg = purchaseOrders.find((p: any) => p.supplierId === 'sup-veg');
  expect(veg).toMatchObject({
    supplierName: '城南蔬菜基地',
    totalQty: 8,
    totalCostFen: 6 * 200 + 2 * 260,
    costPending: 0,
  });
  // The item without a cost price: 成本待定, counted as nothing until the admin sets it.
  expect(purchaseOrders.find((p: any) => p.supplierId === 'sup-daily')).toMatchObject({
    totalQty: 1,
    totalCostFen: 0,
    costPending: 1,
  });
  // Lines sorted by batch item id (`<batchId>_p-qingcai` < `<batchId>_p-tomato`).
  expect(veg.lines.map((l: any) => [l.title, l.qty])).toEqual([
    ['本地小青菜 500g', 6],
    ['自然熟西红柿', 2],
  ]);
  // Paid less refunded: what residents' money stands for is the run's sales total, not a purchase amount.
  const total = orders.reduce((s, o) => s + o.paidFen - o.refundedFen, 0);
  expect(orders.reduce((s, o) => s + o.refundedFen, 0)).toBe(3 * 6000);
  expect(status.totalAmountFen).toBe(total);

  // Packing lists: per pickup point, per item.
  const byPointItem = expectedBy((o, l) => `${o.pickupPointId}|${l.batchItemId}`);
  expect(packingLists.map((p: any) => p.pickupPointId)).toEqual(['pp-cuiyuan', 'pp-sunshine']);
  for (const list of packingLists) {
    for (const line of list.lines)
      expect(line.qty).toBe(byPointItem.get(`${list.pickupPointId}|${line.batchItemId}`)?.qty);
    expect(list.lines).toHaveLength(
      [...byPointItem.keys()].filter((k) => k.startsWith(`${list.pickupPointId}|`)).length,
    );
  }
  expect(
    packingLists.find((p: any) => p.pickupPointId === 'pp-cuiyuan').lines.map((l: any) => [l.title, l.qty]),
  ).toEqual(
    expect.arrayContaining([
      ['本地小青菜 500g', 3],
      ['纯牛奶 250ml×12', 1],
    ]),
  );

  // Route: from the seeded Hangzhou warehouse through every point of the batch (Hangzhou, then Shanghai).
  expect(route).toHaveLength(1);
  expect(route[0].depot).toMatchObject({ id: 'warehouse', name: '杭州中心仓' });
  expect(route[0].stops.map((s: any) => s.pickupPointId)).toEqual(['pp-cuiyuan', 'pp-sunshine']);
  expect(route[0].totalKm).toBeGreaterThan(250);
  expect(route[0].totalKm).toBeCloseTo(route[0].stops[1].cumulativeKm + route[0].returnLegKm, 2);
  expect(packingLists.map((p: any) => p.routeSequence)).toEqual([1, 2]);

  // The console reads the same documents; a supplier sees only its own purchase order.
  // With how far the delivery has got: 2 points on the route, no leader has confirmed arrival yet.
  expect(await w.ok('purchaseOrders.list', { batchId })).toEqual(
    purchaseOrders.map((p: any) => ({ ...p, delivery: { points: 2, arrived: 0 } })),
  );
  expect((await w.ok('purchaseOrders.list', { batchId }, SUPPLIER)).map((p: any) => p.supplierId)).toEqual(['sup-veg']);
  expect((await w.admin('purchaseOrders.list', { batchId }, RES1)).code).toBe('FORBIDDEN');
  expect(await w.ok('packingLists.get', { batchId, pickupPointId: 'pp-sunshine' })).toEqual(packingLists[1]);
  expect((await w.ok('packingLists.list', { batchId })).items).toEqual(packingLists);
  expect(await w.ok('routes.get', { batchId })).toEqual(route[0]);

  // The scheduler does not redo a finished batch, nor ask for a refund twice.
  const before = JSON.stringify(await documents());
  const again: any = await fireScheduler();
  expect(again.data).toMatchObject({ documentsWritten: 0, refundsRequested: 0, batchesCutOff: 0 });
  expect(JSON.stringify(await documents())).toBe(before);
  expect((await w.ok('supply.status', { batchId })).invocations).toBe(2);
});

test('a rerun writes identical documents', async () => {
  const before = JSON.stringify(await documents());
  const res = await w.ok('supply.run', { batchId });
  expect(res).toMatchObject({ phase: 'done', invocations: 1 });
  expect(JSON.stringify(await documents())).toBe(before);
});

test('a run cut short resumes from its checkpoint and ends with the same documents', async () => {
  const before = JSON.stringify(await documents());
  const first = await supplyFn({ action: 'run', batchId, restart: true, pageSize: 1, maxPages: 2 });
  expect(first.data).toMatchObject({ phase: 'reading', pages: 2, invocations: 1 });
  const job = await w.doc('jobs', `supply_${batchId}`);
  expect(job.snapshot.pagesAdded).toBe(2);
  expect(job.after).toBe([...orders].map((o) => o._id).sort()[1]);

  const second = await supplyFn({ action: 'run', batchId, pageSize: 1, maxPages: 1 });
  expect(second.data).toMatchObject({ phase: 'reading', pages: 3, invocations: 2 });
  const last = await supplyFn({ action: 'run', batchId, pageSize: 1 });
  expect(last.data).toMatchObject({ phase: 'done', pages: 4, lines: 7, invocations: 3 });
  expect(JSON.stringify(await documents())).toBe(before);
  expect((await w.doc('jobs', `supply_${batchId}`)).snapshot).toBeNull();
});

test('a cost price set after cut-off reprices the written purchase order; residents never see a cost', async () => {
  // Bad input and the wrong caller change nothing; selling terms stay frozen after cut-off.
  for (const costFen of [-1, 1.5, '3500', 100_000_001])
    expect((await w.admin('batches.items.update', { batchItemId: item.milk, costFen })).code).toBe('INVALID_INPUT');
  expect((await w.admin('batches.items.update', { batchItemId: item.milk, priceFen: 100 })).code).toBe('INVALID_STATE');
  expect((await w.admin('batches.items.update', { batchItemId: item.milk, costFen: 1 }, SUPPLIER)).code).toBe(
    'FORBIDDEN',
  );
  expect((await w.admin('batches.items.update', { batchItemId: item.milk, costFen: 1 }, RES1)).code).toBe('FORBIDDEN');
  expect((await w.doc('batchItems', item.milk)).costFen).toBeUndefined();
  expect((await documents()).purchaseOrders.find((p: any) => p.supplierId === 'sup-daily').costPending).toBe(1);

  const updated = await w.ok('batches.items.update', { batchItemId: item.milk, costFen: 3500 });
  expect(updated).toMatchObject({ costFen: 3500, priceFen: 5000, batchStatus: 'cutoff' });
  const daily = (await documents()).purchaseOrders.find((p: any) => p.supplierId === 'sup-daily');
  expect(daily).toMatchObject({ totalQty: 1, totalCostFen: 3500, costPending: 0 });
  expect(daily.lines).toEqual([
    expect.objectContaining({ batchItemId: item.milk, qty: 1, unitCostFen: 3500, costFen: 3500 }),
  ]);
  // The supplier's own view says the same; a rerun from the orders writes the same documents.
  expect(await w.ok('purchaseOrders.list', { batchId })).toContainEqual({
    ...daily,
    delivery: { points: 2, arrived: 0 },
  });
  const before = JSON.stringify(await documents());
  await w.ok('supply.run', { batchId, restart: true });
  expect(JSON.stringify(await documents())).toBe(before);

  // Residents: the catalog and their orders carry no cost anywhere.
  const seen = [
    await w.call('catalog', { action: 'items', batchId }, RES2),
    await w.call('catalog', { action: 'item', batchItemId: item.milk }, RES2),
    await w.call('order', { action: 'detail', orderId: orders[1]._id }, RES2),
  ];
  expect(seen.map((r: any) => r.ok)).toEqual([true, true, true]);
  expect(JSON.stringify(seen)).not.toMatch(/cost/i);
});

test('the supplier confirms dispatch once; a rerun keeps it; nobody else can', async () => {
  const before = await w.dump('purchaseOrders');
  expect((await w.admin('purchaseOrders.dispatch', { batchId })).code).toBe('FORBIDDEN');
  expect((await w.admin('purchaseOrders.dispatch', { batchId }, RES1)).code).toBe('FORBIDDEN');
  expect((await w.admin('purchaseOrders.dispatch', { batchId: 'no-such-batch' }, SUPPLIER)).code).toBe('NOT_FOUND');
  expect((await w.admin('purchaseOrders.dispatch', { batchId: 42 }, SUPPLIER)).code).toBe('INVALID_INPUT');
  expect(await w.dump('purchaseOrders')).toBe(before);

  const sent = await w.ok('purchaseOrders.dispatch', { batchId }, SUPPLIER);
  expect(sent).toMatchObject({ supplierId: 'sup-veg', delivery: { points: 2, arrived: 0 } });
  expect(Math.abs(new Date(sent.dispatchedAt).getTime() - w.now().getTime())).toBeLessThan(5000);
  w.advance(MINUTE);
  expect((await w.ok('purchaseOrders.dispatch', { batchId }, SUPPLIER)).dispatchedAt).toBe(sent.dispatchedAt);
  await w.ok('supply.run', { batchId, restart: true });
  expect((await w.doc('purchaseOrders', `${batchId}_sup-veg`)).dispatchedAt).toBe(sent.dispatchedAt);
  expect((await w.doc('purchaseOrders', `${batchId}_sup-oil`)).dispatchedAt).toBeUndefined();
});

test('after a refund, a rerun drops what is no longer bought (set, not add)', async () => {
  const milkOrder = orders[1];
  const refund = await w.ok('orders.refund', {
    orderId: milkOrder._id,
    lines: [{ batchItemId: item.milk, qty: 1 }],
    reason: '缺货',
    outRefundNo: `short-${milkOrder.orderNo}`,
  });
  await w.t.running.cloud.pay.simulateRefund(env, refund._id);
  orders[1] = await w.doc('orders', milkOrder._id);
  expect(orders[1].lines.find((l: any) => l.batchItemId === item.milk).refundedQty).toBe(1);

  await w.ok('supply.run', { batchId });
  const { purchaseOrders, packingLists } = await documents();
  expect(purchaseOrders.map((p: any) => p.supplierId)).toEqual(['sup-oil', 'sup-veg']);
  expect(packingLists.find((p: any) => p.pickupPointId === 'pp-cuiyuan').lines.map((l: any) => l.batchItemId)).toEqual([
    item.qingcai,
  ]);
});

test('a supplier picks among the published batches that carry its items, and only those', async () => {
  const now = w.now();
  const window = {
    opensAt: new Date(now.getTime() - MINUTE).toISOString(),
    cutoffAt: new Date(now.getTime() + 60 * MINUTE).toISOString(),
    pickupDate: addDays(businessDate(now), 2),
  };
  const line = (productId: string) => ({
    productId,
    priceFen: 500,
    originalPriceFen: 600,
    stock: 10,
    limitPerUser: 0,
    minQuantity: 0,
  });
  // Only 粮油 (sup-oil) items: not the vegetable supplier's batch.
  const oilOnly = (await w.ok('batches.create', { title: '粮油专场', ...window, items: [line('p-rice')] })).batch._id;
  await w.ok('batches.open', { id: oilOnly });
  // A draft with its items is not published yet.
  const draft = (await w.ok('batches.create', { title: '草稿团', ...window, items: [line('p-qingcai')] })).batch._id;

  const ids = (list: any[]) => list.map((b) => b._id);
  const mine = await w.ok('purchaseOrders.batches', {}, SUPPLIER);
  expect(ids(mine)).toEqual(expect.arrayContaining([batchId, 'batch-today']));
  expect(ids(mine)).not.toContain(oilOnly);
  expect(ids(mine)).not.toContain(draft);
  expect(mine.find((b: any) => b._id === batchId)).toMatchObject({ title: '供应链测试团' });
  expect(ids(await w.ok('purchaseOrders.batches', {}))).toEqual(expect.arrayContaining([batchId, oilOnly, draft]));
  expect((await w.admin('purchaseOrders.batches', {}, RES1)).code).toBe('FORBIDDEN');
  expect((await w.admin('purchaseOrders.batches', {}, undefined)).code).toBe('UNAUTHENTICATED');
});
