import fixture from './fixtures/db-wire-requests.json';
import { startDb, type DbHarness } from './db-helpers';

/**
 * Wire contract: what the installed wx-server-sdk sends for a fixed set of
 * calls must equal the requests captured from wx-server-sdk@4.0.2 (the
 * fixture). An SDK upgrade that changes the wire format fails here.
 */
const ENV = 'db-contract-env';
const COMMON = ['envName', 'wxCloudApiToken', 'wxCloudbaseAccesstoken', 'tcb_sessionToken', 'crossAuthorizationToken'];
let h: DbHarness;
const seen: Array<Record<string, any>> = [];

beforeAll(async () => {
  h = await startDb(ENV);
  const cloud = h.running.cloud;
  const original = cloud.handler.bind(cloud);
  cloud.handler = (action: string) => {
    const handler = original(action);
    return (
      handler &&
      ((req) => {
        const body = { ...req.body };
        for (const k of COMMON) delete body[k];
        seen.push(body);
        return handler(req);
      })
    );
  };
});
afterAll(() => h.running.stop());

test('the SDK sends the captured request shapes', async () => {
  const { db, _ } = h;
  const $ = _.aggregate;
  await db.createCollection('goods');
  await db.createCollection('users');
  seen.length = 0;
  await db.collection('goods').add({
    data: {
      name: 'Apple',
      price: 12.5,
      stock: 10,
      tags: ['fruit'],
      createdAt: db.serverDate(),
      loc: db.Geo.Point(113.3, 23.1),
    },
  });
  await db.collection('goods').add({ data: { _id: 'banana', name: 'Banana', price: 5, stock: 3, tags: ['fruit'] } });
  await db
    .collection('goods')
    .where({ tags: 'fruit', name: db.RegExp({ regexp: '^[ab]', options: 'i' }), price: _.gte(5).and(_.lt(100)) })
    .orderBy('price', 'desc')
    .limit(10)
    .field({ name: true, price: true })
    .get();
  await db
    .collection('goods')
    .where(_.or([{ stock: 0 }, { name: _.in(['Banana']) }]))
    .count();
  await db
    .collection('goods')
    .doc('banana')
    .update({
      data: {
        stock: _.inc(-1),
        spec: _.set({ w: 1 }),
        updatedAt: db.serverDate(),
        meta: { hot: true },
        tags: _.push(['sale']),
      },
    });
  await db
    .collection('goods')
    .where({ tags: 'fruit' })
    .update({ data: { onSale: true } });
  await db
    .collection('users')
    .doc('u1')
    .set({ data: { nick: 'Alice' } });
  await db
    .collection('goods')
    .aggregate()
    .match({ price: _.gt(1) })
    .group({ _id: null, total: $.sum('$stock'), n: $.sum(1) })
    .end();
  await db.collection('goods').where({ stock: 0 }).remove();

  for (const { name, request } of fixture.requests) {
    const match = seen.find(
      (s) =>
        s.action === request.action &&
        JSON.stringify(Object.keys(s).sort()) === JSON.stringify(Object.keys(request).sort()) &&
        Object.entries(request).every(([k, v]) => JSON.stringify(s[k]) === JSON.stringify(v)),
    );
    expect({ name, sent: match ?? seen.filter((s) => s.action === request.action) }).toEqual({ name, sent: request });
  }
});

test('the emulator answers in the captured response shapes', async () => {
  const { db } = h;
  const doc = (await db.collection('goods').doc('banana').get()).data;
  expect(doc).toMatchObject({
    _id: 'banana',
    stock: 2,
    tags: ['fruit', 'sale'],
    meta: { hot: true },
    spec: { w: 1 },
    onSale: true,
  });
  expect(doc.updatedAt).toBeInstanceOf(Date);
  // Raw reply of a WHERE get, byte for byte in the canonical EJSON the cloud uses.
  const raw = await fetch(`${h.running.url}/admin`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.getDocument',
      envName: ENV,
      collectionName: 'goods',
      queryType: 'WHERE',
      query: '{"_id":"banana"}',
      projection: '{"name":{"$numberInt":"1"},"price":{"$numberInt":"1"}}',
      limit: 10,
    }),
  }).then((r) => r.json());
  // As captured: projected fields first, then _id.
  expect(raw.data).toEqual({
    list: ['{"name":"Banana","price":{"$numberInt":"5"},"_id":"banana"}'],
    limit: 10,
    offset: 0,
  });
  const apple = await fetch(`${h.running.url}/admin`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.getDocument',
      envName: ENV,
      collectionName: 'goods',
      queryType: 'WHERE',
      query: '{"name":"Apple"}',
      projection: '{"price":1,"createdAt":1,"_id":0}',
    }),
  }).then((r) => r.json());
  expect(apple.data.list[0]).toContain('"price":{"$numberDouble":"12.5"}');
  expect(apple.data.list[0]).toMatch(/"createdAt":\{"\$date":\{"\$numberLong":"\d+"\}\}/);
  const agg = await fetch(`${h.running.url}/admin`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.aggregateDocuments',
      envName: ENV,
      collectionName: 'goods',
      stages: [{ stageKey: '$count', stageValue: '"n"' }],
    }),
  }).then((r) => r.json());
  expect(agg.data).toEqual({ list: ['{"n":{"$numberInt":"2"}}'] });
});
