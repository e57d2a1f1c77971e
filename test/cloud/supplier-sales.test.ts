import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { batchLine, NOT_ADMINS, RES1, RES2, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

/**
 * 销售统计 through the real SDK: a supplier's goods sold per delivery day and per
 * item, net of refunds, at its cost price; only its own; bad ranges refused.
 */
const env = 'supplier-sales-env';
const MINUTE = 60_000;
jest.setTimeout(60_000);
let w: AdminWorld;
let pickupDate: string;

beforeAll(async () => {
  w = await startAdminWorld(env);
}, 60_000);
afterAll(() => w?.stop());

test('units sold per day and item at cost, net of an after-sale refund; each figure is the sum of its rows', async () => {
  const now = w.now();
  const cutoffAt = new Date(now.getTime() + 60 * MINUTE);
  pickupDate = addDays(businessDate(cutoffAt), 1);
  const created = await w.ok('batches.create', {
    title: '销售统计测试团',
    opensAt: new Date(now.getTime() - MINUTE).toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate,
    items: [batchLine('p-qingcai', 300), batchLine('p-tomato', 500), batchLine('p-rice', 4000)],
  });
  const id = Object.fromEntries(created.items.map((i: any) => [i.productId.slice(2), i]));
  await w.ok('batches.open', { id: created.batch._id });
  const batchId = created.batch._id;

  const a = await w.arrivedOrder(RES1, batchId, [
    { batchItemId: id.qingcai._id, qty: 4 },
    { batchItemId: id.tomato._id, qty: 1 },
    { batchItemId: id.rice._id, qty: 1 },
  ]);
  await w.paidOrder(RES2, batchId, [{ batchItemId: id.qingcai._id, qty: 2 }], 'pp-cuiyuan');
  // One 青菜 of the first order comes back after sale.
  const asked = await w.call(
    'order',
    { action: 'afterSale', orderId: a._id, lines: [{ batchItemId: id.qingcai._id, qty: 1 }], reason: '烂叶' },
    RES1,
  );
  expect(asked.ok).toBe(true);
  await w.ok('afterSales.review', { id: asked.data._id, approve: true, reason: '同意' });
  // WeChat Pay's refund notice arrives: the unit is refunded on the order.
  for (const r of await w.find('refunds', { orderId: a._id }))
    await w.t.running.cloud.pay.simulateRefund(w.env, r.outRefundNo ?? r._id);
  expect((await w.doc('orders', a._id)).lines[0]).toMatchObject({ qty: 4, refundedQty: 1 });

  const from = addDays(pickupDate, -2);
  const sales = await w.ok('supplierSales.get', { from, to: pickupDate }, SUPPLIER);
  const qc = id.qingcai.costFen;
  const tc = id.tomato.costFen;
  expect(qc).toBeGreaterThan(0);
  expect(sales.supplierId).toBe('sup-veg');
  // Every day of the range, the empty ones too; the rice is another supplier's.
  expect(sales.days).toEqual([
    { date: from, qty: 0, costFen: 0, costPending: 0 },
    { date: addDays(pickupDate, -1), qty: 0, costFen: 0, costPending: 0 },
    { date: pickupDate, qty: 6, costFen: 5 * qc + tc, costPending: 0 },
  ]);
  expect(sales.items.map((i: any) => [i.title, i.qty, i.costFen])).toEqual([
    [id.qingcai.title, 5, 5 * qc],
    [id.tomato.title, 1, tc],
  ]);
  expect(sales.total).toEqual({ qty: 6, costFen: 5 * qc + tc, costPending: 0 });
  const sum = (rows: any[], k: string) => rows.reduce((s, r) => s + r[k], 0);
  expect(sum(sales.rows, 'costFen')).toBe(sales.total.costFen);
  expect(sum(sales.days, 'costFen')).toBe(sales.total.costFen);
  expect(sum(sales.items, 'qty')).toBe(sales.total.qty);
  for (const r of sales.rows) expect(r.costFen).toBe(r.qty * r.unitCostFen);
  // Cost only: the residents' prices are not the supplier's business.
  expect(JSON.stringify(sales)).not.toMatch(/price|amountFen|salesFen/i);

  // The admin names the supplier: 金龙鱼 sold the rice.
  const oil = await w.ok('supplierSales.get', { from: pickupDate, to: pickupDate, supplierId: 'sup-oil' });
  expect(oil.total).toEqual({ qty: 1, costFen: id.rice.costFen, costPending: 0 });
});

test('a supplier gets only its own, whatever supplier it names', async () => {
  const mine = await w.ok('supplierSales.get', { from: pickupDate, to: pickupDate, supplierId: 'sup-oil' }, SUPPLIER);
  expect(mine.supplierId).toBe('sup-veg');
  expect(mine.items.map((i: any) => i.productId).sort()).toEqual(['p-qingcai', 'p-tomato']);
});

test.each([
  ['from after to', { from: '2026-12-10', to: '2026-12-09', supplierId: 'sup-veg' }, 'INVALID_INPUT'],
  ['more than 92 days', { from: '2026-01-01', to: '2026-12-31', supplierId: 'sup-veg' }, 'INVALID_INPUT'],
  ['not a day', { from: '2026-02-30', to: '2026-03-01', supplierId: 'sup-veg' }, 'INVALID_INPUT'],
  ['no supplier named by the admin', { from: '2026-12-01', to: '2026-12-02' }, 'INVALID_INPUT'],
  ['an unknown supplier', { from: '2026-12-01', to: '2026-12-02', supplierId: 'sup-nobody' }, 'NOT_FOUND'],
])('bad input (%s) gets a clear code', async (_n, input, code) => {
  expect((await w.admin('supplierSales.get', input)).code).toBe(code);
});

test.each(NOT_ADMINS)('a %s cannot read sales', async (_n, who, code) => {
  expect((await w.admin('supplierSales.get', { from: '2026-12-01', to: '2026-12-02' }, who)).code).toBe(code);
});
