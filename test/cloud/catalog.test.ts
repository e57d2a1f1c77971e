import { ITEM, NEXT, OPEN, rid, startShop, type Shop } from './shop';

let shop: Shop;
beforeAll(async () => {
  shop = await startShop('catalog-env');
});
afterAll(() => shop.stop());
afterEach(() => shop.t.running.cloud.clock.reset());

test('batches: the open batch with its cut-off countdown, and the one opening next', async () => {
  const res = await shop.call('catalog', { action: 'batches' }, 'oRESIDENT1');
  expect(res.ok).toBe(true);
  expect(res.data.open.map((b: any) => b._id)).toEqual([OPEN]);
  expect(res.data.upcoming.map((b: any) => b._id)).toEqual([NEXT]);
  const open = res.data.open[0];
  expect(Date.parse(open.cutoffAt)).toBeGreaterThan(Date.parse(res.data.serverNow));
  // The cut-off is 23:00 Shanghai = 15:00 UTC.
  expect(new Date(open.cutoffAt).getUTCHours()).toBe(15);
  expect(open.pickupDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
});

test('after the cut-off the next batch is the open one', async () => {
  const { data } = await shop.call('catalog', { action: 'batches' }, 'oRESIDENT1');
  shop.t.running.cloud.clock.set(Date.parse(data.open[0].cutoffAt) + 1000);
  const later = await shop.call('catalog', { action: 'batches' }, 'oRESIDENT1');
  expect(later.data.open.map((b: any) => b._id)).toEqual([NEXT]);
  expect(later.data.upcoming).toEqual([]);
});

test("items: live stock and the caller's own remaining limit", async () => {
  const before = await shop.call('catalog', { action: 'items', batchId: OPEN }, 'oRESIDENT2');
  expect(before.ok).toBe(true);
  expect(before.data.items).toHaveLength(12);
  const egg = before.data.items.find((i: any) => i._id === ITEM.egg);
  expect(egg).toMatchObject({
    priceFen: 2590,
    originalPriceFen: 3290,
    stock: 60,
    limitPerUser: 2,
    remainingLimit: 2,
    soldOut: false,
  });
  expect(before.data.items.find((i: any) => i._id === ITEM.qingcai).remainingLimit).toBeNull();

  const order = await shop.call(
    'order',
    { action: 'create', clientRequestId: rid(), batchId: OPEN, lines: [{ batchItemId: ITEM.egg, qty: 1 }] },
    'oRESIDENT2',
  );
  expect(order.ok).toBe(true);
  const after = await shop.call('catalog', { action: 'items', batchId: OPEN }, 'oRESIDENT2');
  expect(after.data.items.find((i: any) => i._id === ITEM.egg)).toMatchObject({
    stock: 59,
    sold: 1,
    remainingLimit: 1,
  });
  // Someone else's limit is untouched.
  const other = await shop.call('catalog', { action: 'items', batchId: OPEN }, 'oRESIDENT1');
  expect(other.data.items.find((i: any) => i._id === ITEM.egg).remainingLimit).toBe(2);
});

test("items: the tabs are the batch's own categories in the console's order", async () => {
  const open = await shop.call('catalog', { action: 'items', batchId: OPEN }, 'oRESIDENT1');
  expect(open.data.categories.map((c: any) => c.name)).toEqual(['生鲜', '水果', '乳品', '粮油', '日用品']);
  // Tomorrow's batch has no fruit: no 水果 tab that would show nothing.
  const next = await shop.call('catalog', { action: 'items', batchId: NEXT }, 'oRESIDENT1');
  expect(next.data.categories).toEqual([
    { _id: 'fresh', name: '生鲜' },
    { _id: 'dairy', name: '乳品' },
    { _id: 'grain', name: '粮油' },
    { _id: 'daily', name: '日用品' },
  ]);
  const used = new Set(next.data.items.map((i: any) => i.categoryId));
  expect(next.data.categories.every((c: any) => used.has(c._id))).toBe(true);
});

test('明日预告: tomorrow’s items with prices and the opening time, not for sale before it opens', async () => {
  const next = await shop.call('catalog', { action: 'items', batchId: NEXT }, 'oRESIDENT1');
  expect(next.data.batch).toMatchObject({ _id: NEXT, phase: 'upcoming' });
  expect(Date.parse(next.data.batch.opensAt)).toBeGreaterThan(Date.parse(next.data.serverNow));
  const yogurt = next.data.items.find((i: any) => i._id === ITEM.yogurtNext);
  expect(yogurt.priceFen).toBeGreaterThan(0);
  expect(yogurt.neighbours).toBe(0);
  const stock = (await shop.doc('batchItems', ITEM.yogurtNext)).stock;
  const early = await shop.call(
    'order',
    { action: 'create', clientRequestId: rid(), batchId: NEXT, lines: [{ batchItemId: ITEM.yogurtNext, qty: 1 }] },
    'oRESIDENT1',
  );
  expect(early.code).toBe('BATCH_CLOSED');
  expect(await shop.find('orders', { batchId: NEXT })).toEqual([]);
  expect((await shop.doc('batchItems', ITEM.yogurtNext)).stock).toBe(stock);
});

test('item: detail with the product images and description', async () => {
  const res = await shop.call('catalog', { action: 'item', batchItemId: ITEM.grape }, 'oRESIDENT1');
  expect(res.ok).toBe(true);
  expect(res.data).toMatchObject({
    title: '阳光玫瑰葡萄',
    unit: '串',
    remainingLimit: 1,
    description: '约1.5斤，玫瑰香味',
  });
  expect(res.data.images).toHaveLength(1);
  expect(res.data.batch._id).toBe(OPEN);
  const next = await shop.call('catalog', { action: 'item', batchItemId: ITEM.yogurtNext }, 'oRESIDENT1');
  expect(next.data.batch.phase).toBe('upcoming');
});

test('bad input, unknown ids and strangers', async () => {
  const cases: Array<[Record<string, unknown>, string]> = [
    [{ action: 'items' }, 'INVALID_INPUT'],
    [{ action: 'items', batchId: '' }, 'INVALID_INPUT'],
    [{ action: 'items', batchId: 42 }, 'INVALID_INPUT'],
    [{ action: 'item', batchItemId: ['x'] }, 'INVALID_INPUT'],
    [{ action: 'items', batchId: 'no-such-batch' }, 'NOT_FOUND'],
    [{ action: 'item', batchItemId: 'no-such-item' }, 'NOT_FOUND'],
    [{ action: 'menu' }, 'UNKNOWN_ACTION'],
  ];
  for (const [data, code] of cases) {
    const res = await shop.call('catalog', data, 'oRESIDENT1');
    expect({ data, code: res.code }).toEqual({ data, code });
  }
  for (const data of [
    { action: 'batches' },
    { action: 'items', batchId: OPEN },
    { action: 'item', batchItemId: ITEM.egg },
  ]) {
    expect((await shop.call('catalog', data)).code).toBe('UNAUTHENTICATED');
  }
});
