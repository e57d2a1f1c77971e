import { failure, startDb, type DbHarness } from './db-helpers';

const ENV = 'db-crud-env';
let h: DbHarness;
beforeAll(async () => {
  h = await startDb(ENV);
});
afterAll(() => h.running.stop());
beforeEach(() => h.running.cloud.reset());

test('a missing collection answers DATABASE_COLLECTION_NOT_EXIST (-502005) for every action', async () => {
  const { db } = h;
  const c = db.collection('nope');
  const calls = [
    c.add({ data: { a: 1 } }),
    c.get(),
    c.doc('x').get(),
    c.count(),
    c.where({ a: 1 }).update({ data: { a: 2 } }),
    c.doc('x').set({ data: { a: 1 } }),
    c.where({ a: 1 }).remove(),
    c.aggregate().match({ a: 1 }).end(),
  ];
  for (const call of calls) {
    const err = await failure(call);
    expect(String(err.errMsg)).toContain('database collection not exists: nope');
    // aggregate() rejects through node-sdk's own path, which reports errCode -1.
    expect([-502005, -1]).toContain(err.errCode);
  }
  expect((await failure(c.get())).errCode).toBe(-502005);
});

test('addCollection fails when the collection exists; env names are separate namespaces', async () => {
  await h.db.createCollection('goods');
  const err = await failure(h.db.createCollection('goods'));
  expect(String(err.errMsg ?? err.message)).toContain('already exists');
  expect(h.running.cloud.db.env(ENV).collections.has('goods')).toBe(true);
  expect(h.running.cloud.db.env('other-env').collections.has('goods')).toBe(false);
});

test('insert, get by id and where, with generated 32-hex ids and EJSON types', async () => {
  const { db } = h;
  await db.createCollection('goods');
  const created = new Date('2024-01-01T00:00:00Z');
  const res = await db.collection('goods').add({
    data: { name: 'Apple', price: 12.5, stock: 10, tags: ['fruit'], createdAt: created, meta: { hot: true } },
  });
  expect(res._id).toMatch(/^[0-9a-f]{32}$/);
  await db.collection('goods').add({ data: { _id: 'banana', name: 'Banana', price: 5, stock: 3, tags: ['fruit'] } });
  const one = await db.collection('goods').doc(res._id).get();
  expect(one.data).toEqual({
    _id: res._id,
    name: 'Apple',
    price: 12.5,
    stock: 10,
    tags: ['fruit'],
    createdAt: created,
    meta: { hot: true },
  });
  const err = await failure(db.collection('goods').add({ data: { _id: 'banana', name: 'again' } }));
  // DATABASE_DUPLICATE_WRITE is not in the SDK's code table: it reports -501001 with the message.
  expect(err.errCode).toBe(-501001);
  expect(String(err.errMsg)).toContain('E11000 duplicate key');
  const fruit = await db
    .collection('goods')
    .where({ tags: 'fruit', price: db.command.gte(5) })
    .get();
  expect(fruit.data.map((d: any) => d.name).sort()).toEqual(['Apple', 'Banana']);
  const missing = await failure(db.collection('goods').doc('nope').get());
  expect(String(missing.errMsg)).toContain('does not exist');
});

test('order, skip, limit (default 100, cap 1000), projection and count', async () => {
  const { db, running } = h;
  await db.createCollection('rows');
  const docs = Array.from({ length: 1200 }, (_, i) => ({
    _id: `r${String(i).padStart(4, '0')}`,
    n: i,
    odd: i % 2 === 1,
    pad: 'x',
  }));
  // Seed in-process (fast), read through the SDK.
  running.cloud.db.env(ENV).apply(docs.map((d) => ({ c: 'rows', id: d._id, doc: d })));
  const col = db.collection('rows');
  expect((await col.get()).data).toHaveLength(100);
  expect((await col.limit(5000).get()).data).toHaveLength(1000);
  const page = await col.where({ odd: true }).orderBy('n', 'desc').skip(2).limit(3).field({ n: true }).get();
  expect(page.data).toEqual([
    { _id: 'r1195', n: 1195 },
    { _id: 'r1193', n: 1193 },
    { _id: 'r1191', n: 1191 },
  ]);
  const multi = await col
    .where({ n: db.command.lt(4) })
    .orderBy('odd', 'asc')
    .orderBy('n', 'desc')
    .field({ pad: false })
    .get();
  expect(multi.data.map((d: any) => d.n)).toEqual([2, 0, 3, 1]);
  expect(multi.data[0].pad).toBeUndefined();
  expect((await col.count()).total).toBe(1200);
  expect((await col.where({ odd: false, n: db.command.gte(1000) }).count()).total).toBe(100);
  // A raw request above the cap is capped too.
  const raw = await fetch(`${running.url}/admin`, {
    method: 'POST',
    body: JSON.stringify({
      action: 'database.getDocument',
      envName: ENV,
      collectionName: 'rows',
      queryType: 'WHERE',
      query: '{}',
      limit: 5000,
    }),
  }).then((r) => r.json());
  expect(raw.data.list).toHaveLength(1000);
  expect(raw.data.limit).toBe(1000);
});

test('query operators and RegExp', async () => {
  const { db, _ } = h;
  await db.createCollection('q');
  const col = db.collection('q');
  for (const d of [
    { _id: 'a', name: 'Apple', price: 12, tags: ['fruit', 'red'], spec: { w: 1 } },
    { _id: 'b', name: 'banana', price: 5, tags: ['fruit'], spec: { w: 2 } },
    { _id: 'c', name: 'Cabbage', price: 3, tags: ['veg'] },
  ]) {
    await col.add({ data: d });
  }
  const ids = async (q: any) => (await col.where(q).get()).data.map((d: any) => d._id).sort();
  expect(await ids({ name: db.RegExp({ regexp: '^[ab]', options: 'i' }) })).toEqual(['a', 'b']);
  expect(await ids({ name: /^c/i })).toEqual(['c']);
  expect(await ids({ price: _.in([3, 12]) })).toEqual(['a', 'c']);
  expect(await ids({ price: _.nin([3, 12]) })).toEqual(['b']);
  expect(await ids({ price: _.gt(3).and(_.lt(12)) })).toEqual(['b']);
  expect(await ids(_.or([{ price: 3 }, { name: 'Apple' }]))).toEqual(['a', 'c']);
  expect(await ids({ spec: { w: 2 } })).toEqual(['b']);
  expect(await ids({ spec: _.exists(false) })).toEqual(['c']);
  expect(await ids({ tags: _.all(['fruit', 'red']) })).toEqual(['a']);
  expect(await ids({ tags: _.size(1) })).toEqual(['b', 'c']);
  expect(await ids({ price: _.neq(5) })).toEqual(['a', 'c']);
  expect(await ids({ tags: _.elemMatch(_.eq('veg')) })).toEqual(['c']);
});

test('update operators, serverDate, set (replace) and upsert', async () => {
  const { db, _, running } = h;
  running.cloud.clock.set(new Date('2030-01-01T00:00:00Z'));
  await db.createCollection('u');
  const col = db.collection('u');
  await col.add({
    data: {
      _id: 'x',
      n: 5,
      arr: [1, 2, 3],
      tags: ['a'],
      old: 1,
      gone: true,
      m: 2,
      lo: 5,
      hi: 5,
      list: [{ v: 1 }, { v: 7 }],
      created: db.serverDate(),
    },
  });
  const before = (await col.doc('x').get()).data;
  expect(before.created.getTime() - Date.parse('2030-01-01T00:00:00Z')).toBeGreaterThanOrEqual(0);
  expect(before.created.getTime() - Date.parse('2030-01-01T00:00:00Z')).toBeLessThan(5000);
  const r = await col.doc('x').update({
    data: {
      n: _.inc(2),
      m: _.mul(3),
      lo: _.min(1),
      hi: _.max(9),
      gone: _.remove(),
      old: _.rename('renamed'),
      arr: _.push({ each: [0], position: 0, slice: 3, sort: 1 }),
      tags: _.addToSet({ $each: ['b', 'a', 'b'] }),
      list: _.pull({ v: _.gt(5) }),
      'nested.deep': 1,
      at: db.serverDate({ offset: 1000 }),
    },
  });
  expect(r.stats.updated).toBe(1);
  const after = (await col.doc('x').get()).data;
  expect(after).toMatchObject({
    n: 7,
    m: 6,
    lo: 1,
    hi: 9,
    renamed: 1,
    arr: [0, 1, 2],
    tags: ['a', 'b'],
    list: [{ v: 1 }],
    nested: { deep: 1 },
  });
  expect(after.gone).toBeUndefined();
  expect(after.old).toBeUndefined();
  expect(after.at.getTime() - before.created.getTime()).toBeGreaterThanOrEqual(1000);
  expect(after.at.getTime() - before.created.getTime()).toBeLessThan(6000);
  await col.doc('x').update({ data: { arr: _.pop(), tags: _.pullAll(['a']) } });
  await col.doc('x').update({ data: { arr: _.shift(), list: _.unshift([{ v: 0 }]) } });
  const popped = (await col.doc('x').get()).data;
  expect(popped.arr).toEqual([1]);
  expect(popped.tags).toEqual(['b']);
  expect(popped.list).toEqual([{ v: 0 }, { v: 1 }]);
  // An update that changes nothing reports 0 (MongoDB nModified).
  expect((await col.doc('x').update({ data: { n: 7 } })).stats.updated).toBe(0);
  // set replaces the document, keeping _id.
  await col.doc('x').set({ data: { only: true } });
  expect((await col.doc('x').get()).data).toEqual({ _id: 'x', only: true });
  // set on a missing id upserts.
  const up = await col.doc('y').set({ data: { nick: 'Alice' } });
  expect(up.stats).toMatchObject({ updated: 0 });
  expect(up._id).toBe('y');
  expect((await col.doc('y').get()).data).toEqual({ _id: 'y', nick: 'Alice' });
  // multi update and remove.
  await col.add({ data: { _id: 'z', nick: 'Bob' } });
  expect((await col.where({ nick: _.exists(true) }).update({ data: { seen: true } })).stats.updated).toBe(2);
  expect((await col.where({ seen: true }).count()).total).toBe(2);
  expect((await col.doc('y').remove()).stats.removed).toBe(1);
  expect((await col.where({ seen: true }).remove()).stats.removed).toBe(1);
  expect((await col.count()).total).toBe(1);
  // _id cannot change.
  const err = await failure(col.where({ only: true }).update({ data: { _id: 'other' } }));
  expect(err).toBeDefined();
});

test('200 concurrent conditional decrements on stock 100: exactly 100 succeed, never negative', async () => {
  const { db, _ } = h;
  await db.createCollection('stock');
  await db.collection('stock').add({ data: { _id: 'sku', stock: 100 } });
  const results = await Promise.all(
    Array.from({ length: 200 }, () =>
      db
        .collection('stock')
        .where({ _id: 'sku', stock: _.gte(1) })
        .update({ data: { stock: _.inc(-1) } }),
    ),
  );
  expect(results.filter((r: any) => r.stats.updated === 1)).toHaveLength(100);
  expect(results.filter((r: any) => r.stats.updated === 0)).toHaveLength(100);
  expect((await db.collection('stock').doc('sku').get()).data.stock).toBe(0);
});

test('fault injection: dbFailRate=1 fails every request with DATABASE_REQUEST_FAILED and changes nothing', async () => {
  const { db, running } = h;
  await db.createCollection('f');
  await db.collection('f').add({ data: { _id: 'a', n: 1 } });
  running.cloud.faults.set({ dbFailRate: 1 });
  for (const call of [
    db.collection('f').add({ data: { _id: 'b' } }),
    db
      .collection('f')
      .doc('a')
      .update({ data: { n: 2 } }),
    db.collection('f').doc('a').remove(),
    db.collection('f').get(),
  ]) {
    const err = await failure(call);
    expect(err.errCode).toBe(-502001);
  }
  running.cloud.faults.clear();
  expect((await db.collection('f').get()).data).toEqual([{ _id: 'a', n: 1 }]);
});

test('fault injection: latencyMs delays every request by at least that long', async () => {
  const { db, running } = h;
  await db.createCollection('slow');
  running.cloud.faults.set({ latencyMs: 120 });
  const started = Date.now();
  await db.collection('slow').count();
  const elapsed = Date.now() - started;
  running.cloud.faults.clear();
  // A lower bound only: the injected delay must be there; how much more the machine adds does not matter.
  expect(elapsed).toBeGreaterThanOrEqual(120);
});
