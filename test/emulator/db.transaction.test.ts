import { failure, startDb, type DbHarness } from './db-helpers';

// Transactions through the real wx-server-sdk, as the official SDK tests expect them from the cloud
// (TencentCloudBase/node-sdk test/database/unit/transaction.test.ts): snapshot isolation from the
// first operation, conflicts at the write, batch inserts and where() reads inside, nothing usable
// after commit or rollback.
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
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** wx-server-sdk rewraps errors of document operations: errCode -501001, the cloud's message in errMsg. */
const message = (err: any) => String(err.errMsg ?? err.message);

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

test('rollback discards; set and remove inside a transaction; a numeric _id', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  await tx.collection('acc').doc('a').remove();
  await tx
    .collection('acc')
    .doc('c')
    .set({ data: { amount: 5 } });
  // The SDK turns a missing document into a rejection.
  expect(message(await failure(tx.collection('acc').doc('a').get()))).toContain('does not exist');
  await tx.rollback();
  expect(await amount('a')).toBe(100);
  expect((await db.collection('acc').count()).total).toBe(2);
  const tx2 = await db.startTransaction();
  await tx2.collection('acc').doc('a').remove();
  await tx2
    .collection('acc')
    .doc('c')
    .set({ data: { amount: 5 } });
  const numeric = await tx2.collection('acc').add({ data: { _id: 12345, amount: 1 } });
  expect(numeric._id).toBe(12345);
  expect((await tx2.collection('acc').doc(12345).remove()).stats.removed).toBe(1);
  await tx2.commit();
  expect((await db.collection('acc').get()).data).toEqual([
    { _id: 'b', amount: 0 },
    { _id: 'c', amount: 5 },
  ]);
});

test('冲突检测: writing a document another open transaction wrote conflicts at once and ends the writer', async () => {
  const { db, _ } = h;
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  expect((await t1.collection('acc').doc('a').get()).data.amount).toBe(100);
  await t2
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-2) } });
  const err = await failure(
    t1
      .collection('acc')
      .doc('a')
      .update({ data: { amount: _.inc(-1) } }),
  );
  expect(err.errCode).toBe(-501001);
  expect(message(err)).toContain('[ResourceUnavailable.TransactionConflict] Transaction is conflict');
  // The loser is gone; the winner commits.
  const gone = await failure(t1.commit());
  expect(gone.code).toBe('DATABASE_TRANSACTION_FAIL');
  await t2.commit();
  expect(await amount('a')).toBe(98);
});

test('读偏: the snapshot covers documents the transaction had not read yet; writing a changed one conflicts', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  expect((await tx.collection('acc').doc('a').get()).data.amount).toBe(100);
  await db
    .collection('acc')
    .doc('a')
    .set({ data: { amount: 1 } });
  await db
    .collection('acc')
    .doc('b')
    .set({ data: { amount: 2 } });
  await db.collection('acc').add({ data: { _id: 'late', amount: 3 } });
  expect((await tx.collection('acc').doc('a').get()).data.amount).toBe(100);
  expect((await tx.collection('acc').doc('b').get()).data.amount).toBe(0);
  expect(message(await failure(tx.collection('acc').doc('late').get()))).toContain('does not exist');
  expect((await tx.collection('acc').where({}).get()).data).toEqual([
    { _id: 'a', amount: 100 },
    { _id: 'b', amount: 0 },
  ]);
  const err = await failure(
    tx
      .collection('acc')
      .doc('a')
      .update({ data: { amount: 50 } }),
  );
  expect(message(err)).toContain('TransactionConflict');
  expect(await amount('a')).toBe(1);
});

test('mongodb 原生事务操作: the snapshot is taken at the first operation, not at startTransaction', async () => {
  const { db } = h;
  const seen = await db.runTransaction(async (t: any) => {
    // Written outside after the transaction started, before its first operation.
    await db.collection('acc').add({ data: { _id: 'k', key: 'a', value: 7 } });
    return (await t.collection('acc').where({ key: 'a' }).get()).data;
  });
  expect(seen).toEqual([{ _id: 'k', key: 'a', value: 7 }]);
});

test('a write outside any transaction to a document an open transaction wrote waits until it ends', async () => {
  const { db, _ } = h;
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-1) } });
  let done = false;
  const plain = db
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(5) } })
    .then(() => (done = true));
  await sleep(300);
  expect(done).toBe(false);
  // Reads do not wait.
  expect(await amount('a')).toBe(100);
  await tx.commit();
  await plain;
  expect(await amount('a')).toBe(104);

  const t2 = await db.startTransaction();
  await t2
    .collection('acc')
    .doc('b')
    .update({ data: { amount: 9 } });
  const removal = db.collection('acc').where({ amount: 0 }).remove();
  await sleep(100);
  await t2.rollback();
  expect((await removal).stats.removed).toBe(1);
  expect((await db.collection('acc').count()).total).toBe(1);
});

test('write skew: two transactions each writing what the other read both commit (snapshot isolation)', async () => {
  const { db } = h;
  const t1 = await db.startTransaction();
  const t2 = await db.startTransaction();
  const a = (await t1.collection('acc').doc('a').get()).data;
  const b = (await t2.collection('acc').doc('b').get()).data;
  await t1
    .collection('acc')
    .doc('b')
    .set({ data: { amount: a.amount + 1 } });
  await t2
    .collection('acc')
    .doc('a')
    .set({ data: { amount: b.amount + 1 } });
  await t1.commit();
  await t2.commit();
  expect(await amount('a')).toBe(1);
  expect(await amount('b')).toBe(101);
});

test('runTransaction: wx-server-sdk retries a commit conflict, not a conflict at a write', async () => {
  const { db, _, running } = h;
  let attempts = 0;
  const err = await failure(
    db.runTransaction(async (t: any) => {
      attempts++;
      const a = (await t.collection('acc').doc('a').get()).data;
      await db
        .collection('acc')
        .doc('a')
        .update({ data: { amount: _.inc(1) } });
      await t
        .collection('acc')
        .doc('a')
        .update({ data: { amount: a.amount - 10 } });
    }),
  );
  expect(message(err)).toContain('TransactionConflict');
  expect(attempts).toBe(1);
  expect(await amount('a')).toBe(101);
  // txConflictRate=1: every commit conflicts; runTransaction tries 4 times (3 retries), then gives up.
  running.cloud.faults.set({ txConflictRate: 1 });
  let tries = 0;
  const gaveUp = await failure(
    db.runTransaction(async (t: any) => {
      tries++;
      await t
        .collection('acc')
        .doc('b')
        .update({ data: { amount: _.inc(1) } });
    }),
  );
  running.cloud.faults.clear();
  expect(gaveUp.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(tries).toBe(4);
  expect(await amount('b')).toBe(0);
  const result = await db.runTransaction(async (t: any) => {
    await t
      .collection('acc')
      .doc('b')
      .update({ data: { amount: _.inc(1) } });
    return 'done';
  });
  expect(result).toBe('done');
  expect(await amount('b')).toBe(1);
});

test('事务内批量插入 条件查询: batch inserts and where() reads inside; where().update/remove/count are sent without the transaction', async () => {
  const { db, _ } = h;
  const tx = await db.startTransaction();
  const added = await tx.collection('orders').add({ data: [{ name: 'a' }, { name: 'b' }] });
  expect(added._ids).toHaveLength(2);
  const both = await tx
    .collection('orders')
    .where(_.or([{ name: 'a' }, { name: 'b' }]))
    .get();
  expect(both.data.map((d: any) => d.name).sort()).toEqual(['a', 'b']);
  expect((await db.collection('orders').where({}).get()).data).toEqual([]);
  // wx-server-sdk 4.0.2 sends no transactionId with these: they run at once, outside.
  expect((await tx.collection('orders').count()).total).toBe(0);
  await tx
    .collection('acc')
    .where({ _id: 'b' })
    .update({ data: { amount: 7 } });
  await tx.rollback();
  expect(await amount('b')).toBe(7);
  expect((await db.collection('orders').count()).total).toBe(0);
});

test('事务内批量插入1000条文档: 1001 documents in one insert, read back 1000 at a time', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  const docs = Array.from({ length: 1001 }, (_v, i) => ({ name: `luketest${i}` }));
  expect((await tx.collection('orders').add({ data: docs }))._ids).toHaveLength(1001);
  const page = await tx
    .collection('orders')
    .where({ name: db.RegExp({ regexp: '^luketest' }) })
    .limit(1000)
    .get();
  expect(page.data).toHaveLength(1000);
  await tx.commit();
  expect((await db.collection('orders').count()).total).toBe(1001);
});

test('modifyAndReturnDoc (updateAndReturn) inside a transaction, as the node SDK under wx-server-sdk sends it', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  // wx-server-sdk 4.0.2 has no updateAndReturn; its @cloudbase/database transaction does.
  const res = await tx._transaction.collection('acc').where({ amount: 100 }).updateAndReturn({ amount: 60 });
  expect(res.doc).toEqual({ _id: 'a', amount: 60 });
  expect((await tx.collection('acc').doc('a').get()).data.amount).toBe(60);
  expect(await amount('a')).toBe(100);
  await tx.commit();
  expect(await amount('a')).toBe(60);
});

test('事务提交后, 不能进行其它操作: a committed or rolled back transaction refuses everything', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  await tx.commit();
  const after = await failure(
    tx
      .collection('acc')
      .doc('a')
      .set({ data: { amount: 1 } }),
  );
  expect(message(after)).toContain(
    '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds.',
  );
  expect((await failure(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  const t2 = await db.startTransaction();
  await t2.rollback();
  expect(message(await failure(t2.collection('acc').doc('a').get()))).toContain('TransactionNotExist');
  expect((await failure(t2.rollback())).code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(await amount('a')).toBe(100);
});

test('refusals: serverDate and duplicate keys end the transaction; count and aggregate are not transactional', async () => {
  const { db } = h;
  const tx = await db.startTransaction();
  const err = await failure(tx.collection('orders').add({ data: { at: db.serverDate() } }));
  expect(message(err)).toContain('serverDate() is not supported in a transaction');
  expect((await failure(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  const t2 = await db.startTransaction();
  await t2
    .collection('acc')
    .doc('b')
    .update({ data: { amount: 3 } });
  expect(message(await failure(t2.collection('acc').add({ data: { _id: 'a', amount: 1 } })))).toContain('E11000');
  expect((await failure(t2.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(await amount('b')).toBe(0);
});

test('stale transactions time out after 30 s of the cloud clock; a waiting write then proceeds', async () => {
  const { db, _, running } = h;
  expect(running.cloud.db.transactions.timeoutMs).toBe(30_000);
  const tx = await db.startTransaction();
  await tx
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-1) } });
  const plain = db
    .collection('acc')
    .doc('a')
    .update({ data: { amount: _.inc(-2) } });
  await sleep(100);
  running.cloud.clock.advance(running.cloud.db.transactions.timeoutMs + 1);
  await plain;
  expect((await failure(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(await amount('a')).toBe(98);
});

test('with eagerConflicts off a conflict waits for the commit, which runTransaction retries', async () => {
  const { db, _, running } = h;
  running.cloud.db.transactions.eagerConflicts = false;
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
  let attempts = 0;
  const result = await db.runTransaction(async (t: any) => {
    attempts++;
    const a = (await t.collection('acc').doc('a').get()).data;
    if (attempts === 1) {
      await db
        .collection('acc')
        .doc('a')
        .update({ data: { amount: _.inc(1) } });
    }
    await t
      .collection('acc')
      .doc('a')
      .update({ data: { amount: a.amount - 10 } });
    return a.amount;
  });
  expect(attempts).toBe(2);
  expect(result).toBe(100);
  expect(await amount('a')).toBe(90);
});
