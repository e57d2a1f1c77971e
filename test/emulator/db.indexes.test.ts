import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Collection } from '../../emulator/src/db/collection';
import type { Doc } from '../../emulator/src/db/ejson';
import { find, matchAll } from '../../emulator/src/db/query';
import { loadIndexFile, type IndexDef } from '../../emulator/src/db/service';
import { failure, startDb, type DbHarness } from './db-helpers';

const ENV = 'db-index-env';
let h: DbHarness;
beforeAll(async () => {
  h = await startDb(ENV);
});
afterAll(() => h.running.stop());
beforeEach(() => h.running.cloud.reset());

test('the index file format loads and validates', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'idx-'));
  const file = path.join(dir, 'indexes.json');
  expect(loadIndexFile(file)).toBeUndefined();
  fs.writeFileSync(
    file,
    JSON.stringify({
      collections: { orders: { indexes: [{ name: 'outTradeNo', keys: { outTradeNo: 1 }, unique: true }] } },
    }),
  );
  expect(loadIndexFile(file)?.collections.orders.indexes[0].unique).toBe(true);
  fs.writeFileSync(file, JSON.stringify({ collections: { orders: { indexes: [{ keys: { a: 2 } }] } } }));
  expect(() => loadIndexFile(file)).toThrow(/invalid index file/);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a unique index rejects duplicates on insert, update, set and inside a transaction', async () => {
  const { db, running, _ } = h;
  running.cloud.db.defineIndexes({ orders: [{ name: 'outTradeNo', keys: { outTradeNo: 1 }, unique: true }] }, ENV);
  await db.createCollection('orders');
  const col = db.collection('orders');
  await col.add({ data: { _id: 'o1', outTradeNo: 'T1' } });
  await col.add({ data: { _id: 'o2', outTradeNo: 'T2' } });
  const dup = await failure(col.add({ data: { outTradeNo: 'T1' } }));
  expect(dup.errMsg).toContain('E11000 duplicate key error');
  expect(dup.errMsg).toContain('orders.outTradeNo');
  await failure(col.doc('o2').update({ data: { outTradeNo: 'T1' } }));
  await failure(col.doc('o3').set({ data: { outTradeNo: 'T2' } }));
  // Inside a transaction the duplicate fails the write itself and ends the transaction, as in MongoDB.
  const tx = await db.startTransaction();
  const inTx = await failure(tx.collection('orders').add({ data: { _id: 'o4', outTradeNo: 'T1' } }));
  expect(inTx.errMsg).toContain('E11000 duplicate key error, index: orders.outTradeNo');
  expect((await failure(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  // Moving a key inside one transaction is fine.
  const tx2 = await db.startTransaction();
  await tx2
    .collection('orders')
    .doc('o1')
    .update({ data: { outTradeNo: 'T9' } });
  await tx2.collection('orders').add({ data: { _id: 'o5', outTradeNo: 'T1' } });
  await tx2.commit();
  expect((await col.where({ outTradeNo: _.in(['T1', 'T2', 'T9']) }).count()).total).toBe(3);
  // Declaring a unique index over duplicate data fails.
  // As in MongoDB, a missing key counts as null: only one document may lack it.
  await col.add({ data: { _id: 'o6', status: 'x' } });
  expect((await failure(col.add({ data: { _id: 'o7', status: 'x' } }))).errMsg).toContain('duplicate key');
  await col.add({ data: { _id: 'o7', status: 'x', outTradeNo: 'T7' } });
  expect(() =>
    running.cloud.db.defineIndexes({ orders: [{ name: 's', keys: { status: 1 }, unique: true }] }, ENV),
  ).toThrow(/duplicate key/);
});

test('indexed queries over 100k documents examine few documents; unindexed ones scan all', async () => {
  const { db, running, _ } = h;
  const N = 100_000;
  running.cloud.db.defineIndexes({
    orders: [
      { name: 'openid_status', keys: { _openid: 1, status: 1 } },
      { name: 'day', keys: { day: 1 } },
    ],
  });
  await db.createCollection('orders');
  const statuses = ['CREATED', 'PAID', 'DONE'];
  const t0 = Date.now();
  const env = running.cloud.db.env(ENV);
  env.apply(
    Array.from({ length: N }, (_x, i) => ({
      c: 'orders',
      id: `o${i}`,
      doc: { _id: `o${i}`, _openid: `u${i % 5000}`, status: statuses[i % 3], day: i % 1000, amount: i },
    })),
  );
  const insertMs = Date.now() - t0;
  const col = db.collection('orders');
  const stats = running.cloud.db.stats;

  running.cloud.db.resetStats();
  const mine = await col.where({ _openid: 'u42', status: 'CREATED' }).get();
  const indexedScanned = stats.scanned;
  expect(mine.data.every((d: any) => d._openid === 'u42' && d.status === 'CREATED')).toBe(true);
  expect(mine.data.length).toBeGreaterThan(0);
  expect(indexedScanned).toBeLessThanOrEqual(20);

  running.cloud.db.resetStats();
  const inList = await col.where({ _openid: _.in(['u1', 'u2']) }).count();
  expect(inList.total).toBe(40);
  expect(stats.scanned).toBe(40);

  running.cloud.db.resetStats();
  const range = await col
    .where({ day: _.gte(10).and(_.lt(12)) })
    .limit(1000)
    .get();
  expect(range.data).toHaveLength(200);
  expect(stats.scanned).toBe(200);

  running.cloud.db.resetStats();
  await col.doc('o777').get();
  expect(stats.scanned).toBe(1);

  running.cloud.db.resetStats();
  const unindexed = await col.where({ amount: 777 }).get();
  expect(unindexed.data).toHaveLength(1);
  const unindexedScanned = stats.scanned;
  expect(unindexedScanned).toBe(N);
  // Written to the console so the numbers land in the test log.
  console.log(
    `100k: in-process insert ${insertMs} ms; scanned indexed=${indexedScanned} unindexed=${unindexedScanned}`,
  );
});

test('paging 20k orders by _id with a compound {batchId, _id} index examines each document about once', async () => {
  const { db, running, _ } = h;
  running.cloud.db.defineIndexes(
    {
      orders: [
        { name: 'batchId_pickupPointId', keys: { batchId: 1, pickupPointId: 1 } },
        { name: 'batchId_id', keys: { batchId: 1, _id: 1 } },
      ],
    },
    ENV,
  );
  await db.createCollection('orders');
  const N = 20_000;
  const statuses = ['paid', 'arrived', 'cancelled'];
  running.cloud.db.env(ENV).apply(
    Array.from({ length: N + 5000 }, (_x, i) => {
      const id = `o${String((i * 7919) % (N + 5000)).padStart(6, '0')}`;
      const batchId = i < N ? 'b1' : 'b2';
      return { c: 'orders', id, doc: { _id: id, batchId, pickupPointId: `p${i % 50}`, status: statuses[i % 3] } };
    }),
  );
  const col = db.collection('orders');
  const walk = async (dir: 'asc' | 'desc') => {
    const seen: string[] = [];
    let cursor = dir === 'asc' ? '' : '~';
    let pages = 0;
    for (;;) {
      const where = {
        batchId: 'b1',
        status: _.in(['paid', 'arrived']),
        _id: dir === 'asc' ? _.gt(cursor) : _.lt(cursor),
      };
      const page = (await col.where(where).orderBy('_id', dir).limit(1000).get()).data;
      pages++;
      seen.push(...page.map((d: any) => d._id));
      if (page.length < 1000) return { seen, pages };
      cursor = page[page.length - 1]._id;
    }
  };
  const stats = running.cloud.db.stats;
  for (const dir of ['asc', 'desc'] as const) {
    running.cloud.db.resetStats();
    const { seen, pages } = await walk(dir);
    const expected = Array.from({ length: N + 5000 }, (_x, i) => i)
      .filter((i) => i < N && i % 3 !== 2)
      .map((i) => `o${String((i * 7919) % (N + 5000)).padStart(6, '0')}`)
      .sort();
    if (dir === 'desc') expected.reverse();
    expect(seen).toEqual(expected);
    expect(pages).toBe(14);
    // Each document of the batch examined about once (one page's worth of slack), not pages × batch size.
    expect(stats.scanned).toBeGreaterThanOrEqual(N - 3);
    expect(stats.scanned).toBeLessThanOrEqual(N + 1000);
  }
});

/** mulberry32: small, fast, seeded. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

test('compound index plans answer exactly as a full scan (random data, prefixes, ranges, orders, limits)', () => {
  const random = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const pool: IndexDef[] = [
    { name: 'a_b_id', keys: { a: 1, b: 1, _id: 1 } },
    { name: 'b_c', keys: { b: 1, c: -1 } },
    { name: 'c', keys: { c: 1 } },
    { name: 'd_id', keys: { d: 1, _id: -1 } },
    { name: 'a_c_d', keys: { a: -1, c: 1, d: 1 } },
    { name: 'id', keys: { _id: 1 } },
    { name: 'tags_c', keys: { tags: 1, c: 1 } },
  ];
  const plain = new Collection('plain');
  const indexed = pool.map((def) => {
    const c = new Collection(def.name);
    c.setIndexes([def]);
    return c;
  });
  const all = [plain, ...indexed];
  let version = 0;
  const values = {
    a: [0, 1, 2, 3, null, undefined],
    b: ['x', 'y', 'z', 'yy', 5, undefined],
    d: [1, 2, 'p', 'q', true, null, undefined, new Date(5), 2.5],
  };
  const randomDoc = (id: string): Doc => {
    const doc: Doc = { _id: id };
    for (const [f, vs] of Object.entries(values)) {
      const v = pick(vs);
      if (v !== undefined) doc[f] = v;
    }
    if (random() < 0.9) doc.c = random() < 0.9 ? Math.floor(random() * 40) : pick(['s', 'u']);
    if (random() < 0.3) doc.tags = Array.from({ length: Math.floor(random() * 3) }, () => pick(['t1', 't2', 't3']));
    return doc;
  };
  const write = (id: string, doc: Doc | null) => {
    version++;
    for (const c of all) {
      if (doc) c.put(id, doc, version);
      else c.delete(id);
    }
  };
  const ids = Array.from({ length: 300 }, (_x, i) => `k${String((i * 7919) % 300).padStart(4, '0')}`);
  for (const id of ids) write(id, randomDoc(id));

  const cond = (f: string): unknown => {
    if (f === 'c' || (f === '_id' && random() < 0.8) || random() < 0.3) {
      const scale = f === '_id' ? (n: number) => `k${String(n * 8).padStart(4, '0')}` : (n: number) => n;
      const lo = Math.floor(random() * 35);
      const ops: Doc = {};
      if (random() < 0.7) ops[pick(['$gt', '$gte'])] = scale(lo);
      if (random() < 0.7 || !Object.keys(ops).length)
        ops[pick(['$lt', '$lte'])] = scale(lo + Math.floor(random() * 10));
      return ops;
    }
    const vs = f === 'tags' ? ['t1', 't2', 't3'] : f === '_id' ? ids : values[f as keyof typeof values];
    const defined = vs.filter((v) => v !== undefined);
    return random() < 0.6 ? pick(defined) : { $in: [pick(defined), pick(defined)] };
  };
  let orderedPlans = 0;
  for (let trial = 0; trial < 300; trial++) {
    // Mutate a little between queries: updates, deletes and inserts exercise the lazily sorted index lists.
    for (let w = 0; w < 3; w++) {
      const id = random() < 0.9 ? pick(ids) : `n${trial}_${w}`;
      write(id, random() < 0.15 ? null : randomDoc(id));
    }
    const query: Doc = {};
    for (const f of ['a', 'b', 'c', 'd', '_id', 'tags']) if (random() < 0.35) query[f] = cond(f);
    let order: Doc | undefined;
    if (random() < 0.6) {
      // The fields of a pooled index after a prefix, all in index direction or all reversed.
      const keys = Object.entries(pick(pool).keys);
      const sign = pick([1, -1]);
      const from = Math.floor(random() * keys.length);
      order = Object.fromEntries(
        keys.slice(from, from + 1 + Math.floor(random() * 2)).map(([f, d]) => [f, sign * (d as number)]),
      );
    } else if (random() < 0.5) {
      order = { [pick(['a', 'b', 'c', 'd', '_id'])]: pick([1, -1]) };
    }
    const options = {
      order,
      offset: random() < 0.3 ? Math.floor(random() * 20) : 0,
      limit: 1 + Math.floor(random() * 60),
    };
    const stats = { scanned: 0 };
    const expected = find(plain, query, options, stats).map((d) => d._id);
    const expectedAll = matchAll(plain, query, stats).map((d) => d._id);
    for (const c of indexed) {
      const s = { scanned: 0 };
      const got = find(c, query, options, s).map((d) => d._id);
      if (s.scanned < Math.min(expectedAll.length, options.offset + options.limit) + 1 && order) orderedPlans++;
      expect({ trial, index: c.name, query, order, got }).toEqual({
        trial,
        index: c.name,
        query,
        order,
        got: expected,
      });
      expect({ trial, index: c.name, query, all: matchAll(c, query, s).map((d) => d._id) }).toEqual({
        trial,
        index: c.name,
        query,
        all: expectedAll,
      });
    }
  }
  // The ordered walks (early stop) did happen.
  expect(orderedPlans).toBeGreaterThan(50);
});
