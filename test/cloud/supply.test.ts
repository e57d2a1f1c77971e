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

beforeAll(async () => {
  w = await startAdminWorld(env);
}, 60_000);
afterAll(() => w?.stop());

const fire = (fn: string): Promise<any> => w.t.running.cloud.functions.fireTrigger(env, fn);
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
/** What the paid orders add up to, per key. */
function expectedBy(key: (o: any, l: any) => string) {
  const out = new Map<string, { qty: number; amountFen: number }>();
  for (const o of orders)
    for (const l of o.lines) {
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
  const cutoffAt = new Date(now.getTime() + 120 * MINUTE);
  const price = (productId: string, priceFen: number) => ({
    productId,
    priceFen,
    originalPriceFen: priceFen + 100,
    stock: 100,
    limitPerUser: 0,
    minQuantity: 0,
  });
  const created = await w.ok('batches.create', {
    title: '供应链测试团',
    opensAt: new Date(now.getTime() - MINUTE).toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate: addDays(businessDate(cutoffAt), 1),
    items: [price('p-qingcai', 300), price('p-tomato', 400), price('p-rice', 4000), price('p-milk', 5000)],
  });
  batchId = created.batch._id;
  item = Object.fromEntries(created.items.map((i: any) => [i.productId.slice(2), i._id]));
  await w.ok('batches.open', { id: batchId });

  orders.push(
    await w.paidOrder(RES1, batchId, [
      { batchItemId: item.qingcai, qty: 2 },
      { batchItemId: item.rice, qty: 1 },
    ]),
    await w.paidOrder(RES2, batchId, [
      { batchItemId: item.qingcai, qty: 3 },
      { batchItemId: item.milk, qty: 1 },
    ]),
    await w.paidOrder(LEADER1, batchId, [
      { batchItemId: item.tomato, qty: 2 },
      { batchItemId: item.qingcai, qty: 1 },
    ]),
    await w.paidOrder(RES1, batchId, [{ batchItemId: item.rice, qty: 2 }]),
  );
  expect(orders.every((o) => o.status === 'paid')).toBe(true);
  // Never paid: cancelled by the scheduler, so it must not be bought.
  await w.unpaidOrder('oRESIDENT3', batchId, [{ batchItemId: item.qingcai, qty: 5 }], 'pp-cuiyuan');

  expect((await w.admin('supply.run', { batchId })).code).toBe('INVALID_STATE');
});

test('at cut-off the scheduler closes the batch and the supply timer writes the documents', async () => {
  w.advance(121 * MINUTE);
  expect((await fire('scheduler')).ok).toBe(true);
  const batch = await w.doc('batches', batchId);
  expect(batch.status).toBe('cutoff');
  expect(batch.minimumsSettledAt).toBeDefined();

  const tick: any = await fire('supply');
  expect(tick).toMatchObject({ ok: true });
  expect(tick.data.done).toBeGreaterThanOrEqual(1);
  expect((await w.doc('batches', batchId)).supplyDoneAt).toBeDefined();
  const status = await w.ok('supply.status', { batchId });
  expect(status).toMatchObject({ phase: 'done', lines: 7, purchaseOrders: 3, packingLists: 2 });

  const { purchaseOrders, packingLists, route } = await documents();
  // Purchase orders: per supplier, per item, equal to the paid orders (the unpaid one is not there).
  const bySupplierItem = expectedBy((_o, l) => `${l.supplierId}|${l.batchItemId}`);
  expect(purchaseOrders.map((p: any) => p._id)).toEqual([
    `${batchId}_sup-daily`,
    `${batchId}_sup-oil`,
    `${batchId}_sup-veg`,
  ]);
  for (const po of purchaseOrders)
    for (const line of po.lines)
      expect({ k: `${po.supplierId}|${line.batchItemId}`, qty: line.qty, amountFen: line.amountFen }).toEqual({
        k: `${po.supplierId}|${line.batchItemId}`,
        ...bySupplierItem.get(`${po.supplierId}|${line.batchItemId}`),
      });
  const veg = purchaseOrders.find((p: any) => p.supplierId === 'sup-veg');
  expect(veg).toMatchObject({ supplierName: '城南蔬菜基地', totalQty: 8, totalAmountFen: 6 * 300 + 2 * 400 });
  // Lines sorted by batch item id (`<batchId>_p-qingcai` < `<batchId>_p-tomato`).
  expect(veg.lines.map((l: any) => [l.title, l.qty])).toEqual([
    ['本地小青菜 500g', 6],
    ['自然熟西红柿', 2],
  ]);
  const total = orders.reduce((s, o) => s + o.paidFen, 0);
  expect(purchaseOrders.reduce((s: number, p: any) => s + p.totalAmountFen, 0)).toBe(total);

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
  expect(await w.ok('purchaseOrders.list', { batchId })).toEqual(purchaseOrders);
  expect((await w.ok('purchaseOrders.list', { batchId }, SUPPLIER)).map((p: any) => p.supplierId)).toEqual(['sup-veg']);
  expect((await w.admin('purchaseOrders.list', { batchId }, RES1)).code).toBe('FORBIDDEN');
  expect(await w.ok('packingLists.get', { batchId, pickupPointId: 'pp-sunshine' })).toEqual(packingLists[1]);
  expect((await w.ok('packingLists.list', { batchId })).items).toEqual(packingLists);
  expect(await w.ok('routes.get', { batchId })).toEqual(route[0]);

  // The timer does not redo a finished batch.
  const again: any = await fire('supply');
  expect(again.data.batches).toBe(0);
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
