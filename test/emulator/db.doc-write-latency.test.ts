import { startDb, type DbHarness } from './db-helpers';

// The docWriteMs fault: writes to one document serialize, each holding it docWriteMs (docs/hot-item.md).
let h: DbHarness;
beforeAll(async () => {
  h = await startDb('db-doc-latency-env');
});
afterAll(() => h.running.stop());
beforeEach(async () => {
  await h.running.cloud.reset();
  await h.db.createCollection('items');
  await h.db.collection('items').add({
    data: [
      { _id: 'hot', stock: 3 },
      { _id: 'cold', stock: 3 },
    ],
  });
  h.running.cloud.faults.set({ docWriteMs: 150 });
});

const take = (id: string) =>
  h.db
    .collection('items')
    .where({ _id: id, stock: h._.gte(1) })
    .update({ data: { stock: h._.inc(-1) } })
    .then((r: any) => r.stats.updated);

async function elapsed(run: () => Promise<unknown>): Promise<number> {
  const t0 = Date.now();
  await run();
  return Date.now() - t0;
}

test('three writes to one document take three holds; writes to two documents run side by side', async () => {
  expect(await elapsed(() => Promise.all([take('hot'), take('hot'), take('hot')]))).toBeGreaterThanOrEqual(450);
  expect(
    await elapsed(() =>
      Promise.all([
        take('cold'),
        h.db
          .collection('items')
          .doc('x')
          .set({ data: { a: 1 } }),
      ]),
    ),
  ).toBeLessThan(290);
  expect((await h.db.collection('items').doc('hot').get()).data.stock).toBe(0);
});

test('a guarded write that matches nothing does not hold the document', async () => {
  for (let i = 0; i < 3; i++) await take('hot');
  expect(await elapsed(() => Promise.all([take('hot'), take('hot'), take('hot')]))).toBeLessThan(150);
  expect(await take('hot')).toBe(0);
});
