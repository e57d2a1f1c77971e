import { ITEM, OPEN, startShop, type Shop } from './shop';

const env = 'pricing-env';
const ADMIN = 'oADMIN';
let shop: Shop;
let opensAt = 0;
let cutoffAt = 0;
beforeAll(async () => {
  shop = await startShop(env);
  const batch = await shop.doc('batches', OPEN);
  opensAt = new Date(batch.opensAt).getTime();
  cutoffAt = new Date(batch.cutoffAt).getTime();
  // Eggs in four past batches at four prices, selling as price^-2 (elasticity −2).
  for (const [k, priceFen] of [1990, 2290, 2590, 2990].entries())
    await shop.db.collection('batchItems').add({
      data: {
        _id: `past-egg-${k}`,
        batchId: `past-${k}`,
        productId: 'p-egg',
        title: '散养土鸡蛋 30枚',
        priceFen,
        sold: Math.round(4e8 * priceFen ** -2),
        stock: 0,
        batchStatus: 'closed',
        cutoffAt: new Date(Date.now() - (k + 1) * 86_400_000),
      },
    });
}, 60_000);
afterAll(() => shop.stop());
afterEach(() => shop.t.running.cloud.clock.reset());

const suggestions = () => shop.call('admin', { action: 'pricing.suggestions', batchId: OPEN }, ADMIN);

test('halfway through the window, eggs that sold 10 of 60 get a markdown from their own elasticity; the rest none', async () => {
  await shop.db
    .collection('batchItems')
    .doc(ITEM.egg)
    .update({ data: { sold: 10, stock: 50 } });
  await shop.db
    .collection('batchItems')
    .doc(ITEM.qingcai)
    .update({ data: { sold: 150, stock: 50 } });
  shop.t.running.cloud.clock.set(opensAt + (cutoffAt - opensAt) / 2);
  const res = await suggestions();
  expect(res.ok).toBe(true);
  const egg = res.data.find((s: any) => s.batchItemId === ITEM.egg);
  expect(egg).toMatchObject({
    priceFen: 2590,
    sold: 10,
    stock: 50,
    elapsed: 0.5,
    projectedSold: 20,
    projectedLeftover: 40,
    elasticity: { value: expect.closeTo(-2, 1), batches: 4, r2: expect.any(Number) },
  });
  // 50 left need 5× the rest of the window's 10: capped at 30 % off → ¥18.13 (¥18.10 would be 30.1 % off).
  expect(egg.markdown).toEqual({ priceFen: 1813, expectedSold: expect.any(Number) });
  expect(egg.markdown.expectedSold).toBeGreaterThan(egg.projectedSold);
  // 青菜 sells out at this pace (150 of 200 by half-time): no markdown; no past batches: the default elasticity.
  const qingcai = res.data.find((s: any) => s.batchItemId === ITEM.qingcai);
  expect(qingcai).toMatchObject({ markdown: null, elasticity: { value: -1.5, batches: 0, r2: null } });
});

test('accepting a markdown lowers the price for new orders only; a higher price or a closed batch is refused', async () => {
  shop.t.running.cloud.clock.set(opensAt + (cutoffAt - opensAt) / 2);
  const res = await shop.call('admin', { action: 'pricing.markdown', batchItemId: ITEM.pork, priceFen: 1490 }, ADMIN);
  expect(res).toMatchObject({ ok: true, data: { _id: ITEM.pork, priceFen: 1490 } });
  const items = (await shop.call('catalog', { action: 'items', batchId: OPEN }, 'oRESIDENT1')).data.items;
  expect(items.find((i: any) => i._id === ITEM.pork).priceFen).toBe(1490);

  const before = await shop.doc('batchItems', ITEM.pork);
  for (const [data, code] of [
    [{ batchItemId: ITEM.pork, priceFen: 1490 }, 'INVALID_INPUT'],
    [{ batchItemId: ITEM.pork, priceFen: 1990 }, 'INVALID_INPUT'],
    [{ batchItemId: ITEM.pork, priceFen: 0 }, 'INVALID_INPUT'],
    [{ batchItemId: ITEM.pork, priceFen: 9.5 }, 'INVALID_INPUT'],
    [{ batchItemId: 'no-such-item', priceFen: 100 }, 'NOT_FOUND'],
    [{ batchItemId: 'batch-tomorrow-yogurt', priceFen: 100 }, 'INVALID_STATE'],
  ] as const) {
    const r = await shop.call('admin', { action: 'pricing.markdown', ...data }, ADMIN);
    expect({ data, code: r.code }).toEqual({ data, code });
  }
  expect(await shop.doc('batchItems', ITEM.pork)).toEqual(before);
});

test('only admins; a batch that is not selling has no suggestions', async () => {
  expect((await shop.call('admin', { action: 'pricing.suggestions', batchId: OPEN }, 'oRESIDENT1')).code).toBe(
    'FORBIDDEN',
  );
  expect(
    (await shop.call('admin', { action: 'pricing.markdown', batchItemId: ITEM.egg, priceFen: 100 }, 'oSUPPLIER1')).code,
  ).toBe('FORBIDDEN');
  expect((await shop.call('admin', { action: 'pricing.suggestions', batchId: 'batch-tomorrow' }, ADMIN)).code).toBe(
    'INVALID_STATE',
  );
  expect((await shop.call('admin', { action: 'pricing.suggestions', batchId: 'nope' }, ADMIN)).code).toBe('NOT_FOUND');
});
