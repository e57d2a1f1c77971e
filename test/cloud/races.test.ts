import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { RES1, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN, rid } from './shop';

/**
 * Idempotency keys under a race: ten callers sending the same key at once all
 * get the one stored result (never INTERNAL), and one document is stored.
 */
jest.setTimeout(120_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('races-env');
}, 60_000);
afterAll(() => w?.stop());

/** Starts every instance the local cloud allows a function (4), so the ten calls really run side by side. */
const warm = (fn: string) => Promise.all(TEN.map(() => w.call(fn, { action: 'no-such-action' }, RES1)));
const TEN = Array.from({ length: 10 }, (_, k) => k);
const codes = (answers: Array<{ ok: boolean; code?: string }>) => answers.map((a) => (a.ok ? 'ok' : a.code));

test('ten parallel batches.create with one requestId: all ten answer the same batch, one is stored', async () => {
  const opensAt = w.now();
  const cutoffAt = new Date(opensAt.getTime() + 2 * 3_600_000);
  const item = (productId: string) => ({
    productId,
    priceFen: 500,
    originalPriceFen: 800,
    stock: 50,
    limitPerUser: 0,
    minQuantity: 0,
  });
  const input = {
    title: '并发团',
    opensAt: opensAt.toISOString(),
    cutoffAt: cutoffAt.toISOString(),
    pickupDate: addDays(businessDate(cutoffAt), 1),
    items: [item('p-qingcai'), item('p-rice')],
    requestId: rid('batch'),
  };
  await warm('admin');
  const answers = await Promise.all(TEN.map(() => w.admin('batches.create', input)));
  expect(codes(answers)).toEqual(TEN.map(() => 'ok'));
  const ids = new Set(answers.map((a) => a.data.batch._id));
  expect(ids.size).toBe(1);
  expect(answers.every((a) => a.data.items.length === 2)).toBe(true);
  const [id] = ids;
  expect(await w.find('batches', { title: '并发团' })).toHaveLength(1);
  expect(await w.find('batchItems', { batchId: id })).toHaveLength(2);
});

test('ten parallel order.create with one clientRequestId: one order, stock taken once, all ten answer it', async () => {
  const before = await w.doc('batchItems', ITEM.qingcai);
  const input = {
    action: 'create',
    clientRequestId: rid('order'),
    batchId: OPEN,
    lines: [{ batchItemId: ITEM.qingcai, qty: 2 }],
  };
  await warm('order');
  const answers = await Promise.all(TEN.map(() => w.call('order', input, RES1)));
  expect(codes(answers)).toEqual(TEN.map(() => 'ok'));
  expect(new Set(answers.map((a) => a.data._id)).size).toBe(1);
  expect(await w.find('orders', { clientRequestId: input.clientRequestId })).toHaveLength(1);
  expect((await w.doc('batchItems', ITEM.qingcai)).stock).toBe(before.stock - 2);
});

test('ten parallel suppliers.save with one requestId: one supplier, all ten answer it', async () => {
  const input = { name: '并发供应商', requestId: rid('sup') };
  await warm('admin');
  const answers = await Promise.all(TEN.map(() => w.admin('suppliers.save', input)));
  expect(codes(answers)).toEqual(TEN.map(() => 'ok'));
  expect(new Set(answers.map((a) => a.data._id)).size).toBe(1);
  expect(await w.find('suppliers', { name: '并发供应商' })).toHaveLength(1);
});

test('ten parallel categories.save and products.save with one requestId each: one of each stored', async () => {
  const cat = { name: '并发分类', commissionBps: 500, requestId: rid('cat') };
  const cats = await Promise.all(TEN.map(() => w.admin('categories.save', cat)));
  expect(codes(cats)).toEqual(TEN.map(() => 'ok'));
  expect(await w.find('categories', { name: '并发分类' })).toHaveLength(1);
  const product = {
    title: '并发商品',
    categoryId: cats[0].data._id,
    supplierId: 'sup-veg',
    unit: '份',
    images: ['/images/qingcai.png'],
    requestId: rid('prod'),
  };
  const products = await Promise.all(TEN.map(() => w.admin('products.save', product)));
  expect(codes(products)).toEqual(TEN.map(() => 'ok'));
  expect(new Set(products.map((a) => a.data._id)).size).toBe(1);
  expect(await w.find('products', { title: '并发商品' })).toHaveLength(1);
});

test('ten first visits of one new resident at once: one user, all ten answer it', async () => {
  const openid = 'oRACE-NEWCOMER';
  await warm('user');
  const answers = await Promise.all(TEN.map(() => w.call('user', { action: 'enter' }, openid)));
  expect(codes(answers)).toEqual(TEN.map(() => 'ok'));
  expect(await w.find('users', { _id: openid })).toHaveLength(1);
});
