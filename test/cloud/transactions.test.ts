import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';

// The functions' own transaction helper (core/repos/db.ts inTransaction) through the real
// wx-server-sdk against the local cloud, which reports write conflicts at the write, as the
// cloud does (eagerConflicts, the default). The two callers are interleaved on purpose so the
// conflict always happens: B reads, A commits, then B writes.
const ENV = 'tx-retry-env';
let running: RunningCloud;
let db: any;
let core: typeof import('../../cloudfunctions/core/repos/db');

beforeAll(async () => {
  running = await startLocalCloud({ indexesFile: false });
  useLocalCloud({ url: running.url, env: ENV });
  // After the variables are set: the functions' SDK client reads them when it loads.
  core = require('../../cloudfunctions/core/repos/db');
  db = require('wx-server-sdk').database();
});
afterAll(() => running.stop());
beforeEach(async () => {
  await running.cloud.reset();
  await db.createCollection('batchItems');
  await db.createCollection('orders');
  await db.collection('batchItems').add({ data: { _id: 'hot', stock: 10, sold: 0 } });
});

const item = async () => (await db.collection('batchItems').doc('hot').get()).data;
const orders = async () => (await db.collection('orders').where({}).get()).data;

/** Takes `qty` from the item and writes its order, reading the stock inside the transaction. */
function buy(orderId: string, qty: number, hold?: () => Promise<void>) {
  let attempts = 0;
  const done = core.inTransaction(async (tx) => {
    attempts++;
    const it = (await core.txGet<{ stock: number; sold: number }>(tx, 'batchItems', 'hot'))!;
    if (attempts === 1 && hold) await hold();
    if (it.stock < qty) throw new Error('sold out');
    await core.txUpdate(tx, 'batchItems', 'hot', { stock: it.stock - qty, sold: it.sold + qty });
    await tx.collection('orders').add({ data: { _id: orderId, qty } });
    return orderId;
  });
  return { done, attempts: () => attempts };
}

test('two transactions on one document at once: both succeed, the later one after a retry, as if run one after the other', async () => {
  let bRead!: () => void;
  const bHasRead = new Promise<void>((resolve) => (bRead = resolve));
  let aCommitted!: () => void;
  const aDone = new Promise<void>((resolve) => (aCommitted = resolve));
  // B reads the stock (10), then waits until A has committed before it writes.
  const b = buy('order-b', 4, async () => {
    bRead();
    await aDone;
  });
  // A reads 10, writes 7, and commits only once B has read.
  const a = buy('order-a', 3, () => bHasRead);
  void a.done.then(aCommitted);
  expect(await Promise.all([a.done, b.done])).toEqual(['order-a', 'order-b']);
  expect(a.attempts()).toBe(1);
  expect(b.attempts()).toBe(2); // its first write met A's commit: conflict, backoff, run again on 7
  expect(await item()).toMatchObject({ stock: 3, sold: 7 });
  expect((await orders()).map((o: any) => o._id).sort()).toEqual(['order-a', 'order-b']);
});

test('a conflict on every attempt: UNAVAILABLE with a Chinese text after the bounded retries, nothing half-written', async () => {
  running.cloud.faults.set({ txConflictRate: 1 }); // every commit conflicts
  const started = Date.now();
  const b = buy('order-x', 2);
  const err = await b.done.catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'UNAVAILABLE', message: '同时操作的人较多，请稍后重试' });
  expect(b.attempts()).toBe(core.TX_ATTEMPTS);
  expect(Date.now() - started).toBeLessThan(3000); // small backoff: the caller hears back within a function's timeout
  running.cloud.faults.clear();
  expect(await item()).toMatchObject({ stock: 10, sold: 0 });
  expect(await orders()).toEqual([]);
});

test('a failure that is not a conflict is not retried', async () => {
  const b = buy('order-big', 11);
  await expect(b.done).rejects.toThrow('sold out');
  expect(b.attempts()).toBe(1);
  expect(await item()).toMatchObject({ stock: 10, sold: 0 });
});
