import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadIndexFile } from '../../emulator/src/db/service';
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

test('a unique index rejects duplicates on insert, update, set and commit', async () => {
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
  const tx = await db.startTransaction();
  await tx.collection('orders').add({ data: { _id: 'o4', outTradeNo: 'T1' } });
  expect(JSON.stringify(await failure(tx.commit()))).toContain('DATABASE_DUPLICATE_WRITE');
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
