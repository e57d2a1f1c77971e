import { failure, startDb, type DbHarness } from './db-helpers';

const ENV = 'db-tx-env';
let h: DbHarness;
beforeAll(async () => {
  h = await startDb(ENV);
});
afterAll(() => h.running.stop());
beforeEach(async () => {
  await h.running.cloud.reset();
  await h.db.createCollection('acc');
  await h.db.createCollection('orders');
  await h.db.collection('acc').add({ data: { _id: 'a', amount: 100 } });
  await h.db.collection('acc').add({ data: { _id: 'b', amount: 0 } });
});

const amount = async (id: string) => (await h.db.collection('acc').doc(id).get()).data.amount;

test('own writes are visible inside, invisible outside until commit', async () => {
  const { db, _ } = h;
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-10) } });
  await tx
    .collection('acc')
    .doc('b')
    .update({ data: { amount: _.inc(10) } });
  const added = await tx.collection('orders').add({ data: { what: 'transfer' } });
  expect((await tx.collection('acc').doc('a').get()).data.amount).toBe(90);
  expect((await tx.collection('orders').doc(added._id).get()).data.what).toBe('transfer');
  expect(await amount('a')).toBe(100);
  expect((await db.collection('orders').count()).total).toBe(0);
  await tx.commit();
  expect(await amount('a')).toBe(90);
  expect(await amount('b')).toBe(10);
  expect((await db.collection('orders').count()).total).toBe(1);
});

test('rollback discards; set and remove inside a transaction', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  await tx.collection('acc').doc('a').remove();
  await tx
    .collection('acc')
    .doc('c')
    .set({ data: { amount: 5 } });
  // The SDK turns a missing document into a rejection.
  expect((await failure(tx.collection('acc').doc('a').get())).errMsg).toContain('does not exist');
  await tx.rollback();
  expect(await amount('a')).toBe(100);
  expect((await db.collection('acc').count()).total).toBe(2);
  const tx2 = await db.startTransaction();
  await tx2.collection('acc').doc('a').remove();
  await tx2
    .collection('acc')
    .doc('c')
    .set({ data: { amount: 5 } });
  await tx2.commit();
  expect((await db.collection('acc').get()).data).toEqual([
    { _id: 'b', amount: 0 },
    { _id: 'c', amount: 5 },
  ]);
});

test('two transactions writing one document: the second commit gets DATABASE_TRANSACTION_CONFLICT', async () => {
  const { db, _ } = h;
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  await t1
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-1) } });
  await t2
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-2) } });
  await t1.commit();
  const err = await failure(t2.commit());
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await amount('a')).toBe(99);
  // The conflicting transaction is gone.
  expect(JSON.stringify(await failure(t2.commit()))).toContain('DATABASE_TRANSACTION_NOT_EXIST');
});

test('a plain write after the transaction touched the document makes the commit conflict', async () => {
  const { db, _ } = h;
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-1) } });
  await db
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(5) } });
  const err = await failure(tx.commit());
  expect(err.code ?? JSON.stringify(err)).toContain('DATABASE_TRANSACTION_CONFLICT');
  expect(await amount('a')).toBe(105);
});

test('read-then-write: a concurrent commit between the read and the write conflicts', async () => {
  const { db, _ } = h;
  const tx = await db.startTransaction();
  expect((await tx.collection('acc').doc('a').get()).data.amount).toBe(100);
  await db
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(1) } });
  // Snapshot: the transaction still sees its first read.
  expect((await tx.collection('acc').doc('a').get()).data.amount).toBe(100);
  await tx
    .collection('acc')
    .doc('a')
    .update({ data: { amount: 0 } });
  expect((await failure(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await amount('a')).toBe(101);
});

test('runTransaction retries on conflict and succeeds', async () => {
  const { db, _, running } = h;
  let attempts = 0;
  const result = await db.runTransaction(async (t: any) => {
    attempts++;
    const a = (await t.collection('acc').doc('a').get()).data;
    if (attempts === 1) {
      // Another writer sneaks in after our read.
      await db
        .collection('acc')
        .doc('a')
        .update({ data: { amount: _.inc(1) } });
    }
    await t
      .collection('acc')
      .doc('a')
      .update({ data: { amount: a.amount - 10 } });
    await t
      .collection('acc')
      .doc('b')
      .update({ data: { amount: _.inc(10) } });
    return a.amount;
  });
  expect(attempts).toBe(2);
  expect(result).toBe(101);
  expect(await amount('a')).toBe(91);
  expect(await amount('b')).toBe(10);
  // txConflictRate=1: every commit conflicts, runTransaction gives up after its attempts.
  running.cloud.faults.set({ txConflictRate: 1 });
  let tries = 0;
  const err = await failure(
    db.runTransaction(async (t: any) => {
      tries++;
      await t
        .collection('acc')
        .doc('b')
        .update({ data: { amount: _.inc(1) } });
    }),
  );
  expect(JSON.stringify(err)).toContain('DATABASE_TRANSACTION_CONFLICT');
  expect(tries).toBeGreaterThan(1);
  running.cloud.faults.clear();
  expect(await amount('b')).toBe(10);
});

test('where() inside a transaction: get is rejected; update/remove are sent WITHOUT the transaction', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  const err = await failure(tx.collection('acc').where({ amount: 100 }).get());
  expect(JSON.stringify(err)).toMatch(/single-document/);
  // wx-server-sdk 4.0.2 does not put transactionId on where().update()/remove(): they run
  // immediately, outside the transaction, and a rollback does not undo them.
  await tx
    .collection('acc')
    .where({ _id: 'b' })
    .update({ data: { amount: 7 } });
  await tx.rollback();
  expect(await amount('b')).toBe(7);
});

test('stale transactions time out; unknown ids are rejected', async () => {
  const { db, _, running } = h;
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-1) } });
  running.cloud.clock.advance(running.cloud.db.transactions.timeoutMs + 1);
  const err = await failure(tx.commit());
  expect(JSON.stringify(err)).toContain('DATABASE_TRANSACTION_NOT_EXIST');
  // The expired transaction no longer blocks other writers.
  const t2 = await db.startTransaction();
  await t2
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-2) } });
  await t2.commit();
  expect(await amount('a')).toBe(98);
});
