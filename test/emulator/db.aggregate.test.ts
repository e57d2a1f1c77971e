import { startDb, type DbHarness } from './db-helpers';

const ENV = 'db-agg-env';
let h: DbHarness;
beforeAll(async () => {
  h = await startDb(ENV);
  const { db } = h;
  await db.createCollection('shops');
  await db.createCollection('noindex');
  await db.collection('noindex').add({ data: { loc: db.Geo.Point(113.33, 23.14) } });
  h.running.cloud.db.defineIndexes({ shops: [{ name: 'loc', keys: { loc: '2dsphere' } }] }, ENV);
  await db.createCollection('orders');
  const shops = [
    { _id: 's1', name: 'Tianhe', city: 'gz', loc: db.Geo.Point(113.33, 23.14) },
    { _id: 's2', name: 'Yuexiu', city: 'gz', loc: db.Geo.Point(113.27, 23.13) },
    { _id: 's3', name: 'Futian', city: 'sz', loc: db.Geo.Point(114.05, 22.54) },
  ];
  for (const s of shops) await db.collection('shops').add({ data: s });
  const orders = [
    { shopId: 's1', qty: 2, amount: 200 },
    { shopId: 's1', qty: 1, amount: 100 },
    { shopId: 's2', qty: 5, amount: 50 },
  ];
  for (const o of orders) await db.collection('orders').add({ data: o });
});
afterAll(() => h.running.stop());

test('$match $group $sort $project', async () => {
  const { db } = h;
  const $ = db.command.aggregate;
  const res = await db
    .collection('orders')
    .aggregate()
    .match({ qty: db.command.gte(1) })
    .group({ _id: '$shopId', total: $.sum('$amount'), n: $.sum(1) })
    .sort({ total: -1 })
    .project({ _id: 0, shop: '$_id', total: 1, n: 1 })
    .end();
  expect(res.list).toEqual([
    { shop: 's1', total: 300, n: 2 },
    { shop: 's2', total: 50, n: 1 },
  ]);
});

test('$lookup $unwind $addFields $skip $limit $count', async () => {
  const { db } = h;
  const res = await db
    .collection('orders')
    .aggregate()
    .lookup({ from: 'shops', localField: 'shopId', foreignField: '_id', as: 'shop' })
    .unwind('$shop')
    .addFields({ shopName: '$shop.name' })
    .sort({ amount: 1 })
    .skip(1)
    .limit(5)
    .project({ _id: 0, shopName: 1, amount: 1 })
    .end();
  expect(res.list).toEqual([
    { amount: 100, shopName: 'Tianhe' },
    { amount: 200, shopName: 'Tianhe' },
  ]);
  const count = await db.collection('orders').aggregate().match({ shopId: 's1' }).count('n').end();
  expect(count.list).toEqual([{ n: 2 }]);
  const sample = await db.collection('orders').aggregate().sample({ size: 2 }).end();
  expect(sample.list).toHaveLength(2);
});

test('without $limit the result is capped at 20 rows', async () => {
  const { db } = h;
  await db.createCollection('many');
  h.running.cloud.db
    .env(ENV)
    .apply(Array.from({ length: 30 }, (_, i) => ({ c: 'many', id: `m${i}`, doc: { _id: `m${i}`, i } })));
  expect((await db.collection('many').aggregate().match({}).end()).list).toHaveLength(20);
  expect((await db.collection('many').aggregate().match({}).limit(25).end()).list).toHaveLength(25);
});

test('$geoNear: distances in meters, nearest first, maxDistance and query', async () => {
  const { db } = h;
  const res = await db
    .collection('shops')
    .aggregate()
    .geoNear({ near: db.Geo.Point(113.32, 23.14), distanceField: 'dist', spherical: true, key: 'loc' })
    .project({ name: 1, dist: 1 })
    .limit(10)
    .end();
  expect(res.list.map((s: any) => s.name)).toEqual(['Tianhe', 'Yuexiu', 'Futian']);
  expect(res.list[0].dist).toBeGreaterThan(900);
  expect(res.list[0].dist).toBeLessThan(1100);
  const near = await db
    .collection('shops')
    .aggregate()
    .geoNear({ near: db.Geo.Point(113.32, 23.14), distanceField: 'd', maxDistance: 10000, query: { city: 'gz' } })
    .limit(10)
    .end();
  expect(near.list.map((s: any) => s._id)).toEqual(['s1', 's2']);
});

test('geoNear needs a 2dsphere index, as in the cloud', async () => {
  const { db, _ } = h;
  const q = await db
    .collection('noindex')
    .where({ loc: _.geoNear({ geometry: db.Geo.Point(113.26, 23.13) }) })
    .get()
    .catch((e: any) => e);
  expect(q.errMsg).toContain('unable to find index for $geoNear');
  const a = await db
    .collection('noindex')
    .aggregate()
    .geoNear({ near: db.Geo.Point(113.32, 23.14), distanceField: 'd', spherical: true })
    .end()
    .catch((e: any) => e);
  expect(String(a.errMsg ?? a.message)).toContain('unable to find index for $geoNear');
});

test('geo queries in where(): geoNear sorted by distance, geoWithin polygon and centerSphere', async () => {
  const { db, _ } = h;
  const near = await db
    .collection('shops')
    .where({ loc: _.geoNear({ geometry: db.Geo.Point(113.26, 23.13), maxDistance: 20000 }) })
    .get();
  expect(near.data.map((s: any) => s._id)).toEqual(['s2', 's1']);
  const far = await db
    .collection('shops')
    .where({ loc: _.geoNear({ geometry: db.Geo.Point(113.26, 23.13), minDistance: 20000 }) })
    .get();
  expect(far.data.map((s: any) => s._id)).toEqual(['s3']);
  const polygon = db.Geo.Polygon([
    db.Geo.LineString([
      db.Geo.Point(113.3, 23.1),
      db.Geo.Point(113.4, 23.1),
      db.Geo.Point(113.4, 23.2),
      db.Geo.Point(113.3, 23.2),
      db.Geo.Point(113.3, 23.1),
    ]),
  ]);
  const within = await db
    .collection('shops')
    .where({ loc: _.geoWithin({ geometry: polygon }) })
    .get();
  expect(within.data.map((s: any) => s._id)).toEqual(['s1']);
  const sphere = await db
    .collection('shops')
    .where({ city: 'gz', loc: _.geoWithin({ centerSphere: [[113.27, 23.13], 2000 / 6378100] }) })
    .get();
  expect(sphere.data.map((s: any) => s._id)).toEqual(['s2']);
  const stored = (await db.collection('shops').doc('s1').get()).data.loc;
  expect(stored.longitude).toBeCloseTo(113.33);
});
