import { ITEM, OPEN, rid, startShop, type Shop } from './shop';

// Releases that fail (injected faults) leave stock and limit counters taken; the
// scheduler's stock reconciliation gives back exactly those holds, once, and
// proves stock + reserved + sold = initial per item, also while residents order.
jest.setTimeout(120_000);
const MINUTE = 60_000;
let w: Shop;
beforeAll(async () => {
  w = await startShop('reconcile-env');
}, 60_000);
afterAll(() => w?.stop());

const cloud = () => w.t.running.cloud;
const fire = async () => {
  const res: any = await cloud().functions.fireTrigger(w.t.env, 'scheduler');
  expect(res.ok).toBe(true);
  return res.data.stockReconcile;
};
const item = (id: string) => w.doc('batchItems', id);
const create = (openid: string, lines: Array<{ batchItemId: string; qty: number }>) =>
  w.call(
    'order',
    { action: 'create', clientRequestId: rid('rc'), batchId: OPEN, pickupPointId: 'pp-sunshine', lines },
    openid,
  );
const cancel = (openid: string, orderId: string) => w.call('order', { action: 'cancel', orderId }, openid);
/** A release: the guarded update on an item that removes a hold. */
const isRelease = (action: string, body: Record<string, unknown>) =>
  action === 'database.modifyDocument' &&
  body.collectionName === 'batchItems' &&
  JSON.stringify(body).includes('$unset');
const sum = (holds: Record<string, { qty: number }> = {}) => Object.values(holds).reduce((n, h) => n + h.qty, 0);

/** The item's own ledger: stock + held = initial, sold = held, each counter = its resident's limited holds. */
async function expectBalanced(id: string) {
  const i = await item(id);
  const held = sum(i.held);
  expect({ id, total: i.stock + held, sold: i.sold }).toEqual({ id, total: i.initialStock, sold: held });
  const counters: Record<string, number> = {};
  for (const h of Object.values(i.held ?? {}) as any[])
    if (h.limited) counters[h.openid] = (counters[h.openid] ?? 0) + h.qty;
  for (const [openid, qty] of Object.entries(i.heldBy ?? {}))
    expect({ openid, qty }).toEqual({ openid, qty: counters[openid] ?? 0 });
}

test('holds whose release failed are given back by the next reconciliation, exactly those, and only once', async () => {
  expect((await fire()).released).toEqual([]); // the first run starts the 10-minute rhythm
  const ids = [ITEM.egg, ITEM.rice, ITEM.pork, ITEM.qingcai];
  const before = Object.fromEntries(await Promise.all(ids.map(async (id) => [id, await item(id)])));

  const a = (
    await create('oRC-A', [
      { batchItemId: ITEM.egg, qty: 2 },
      { batchItemId: ITEM.rice, qty: 1 },
    ])
  ).data;
  const b = (await create('oRC-B', [{ batchItemId: ITEM.pork, qty: 1 }])).data;
  const c = (await create('oRC-C', [{ batchItemId: ITEM.qingcai, qty: 3 }])).data;
  const kept = (await create('oRC-D', [{ batchItemId: ITEM.rice, qty: 1 }])).data;

  // Every release fails: three cancels, and a create whose order insert fails too.
  cloud().faults.set({
    dbFailWhen: (action, body) =>
      isRelease(action, body) ||
      (action === 'database.insertDocument' &&
        body.collectionName === 'orders' &&
        JSON.stringify(body).includes('oRC-E')),
  });
  for (const [openid, o] of [
    ['oRC-A', a],
    ['oRC-B', b],
    ['oRC-C', c],
  ] as const) {
    expect((await cancel(openid, o._id)).data).toMatchObject({ cancelled: true, order: { status: 'cancelled' } });
  }
  expect((await create('oRC-E', [{ batchItemId: ITEM.pork, qty: 2 }])).ok).toBe(false);
  cloud().faults.clear();

  // What a resident notices: the cancelled units are still taken, and A's limit is used up.
  expect((await item(ITEM.egg)).stock).toBe(before[ITEM.egg].stock - 2);
  expect((await item(ITEM.pork)).stock).toBe(before[ITEM.pork].stock - 3);
  expect((await create('oRC-A', [{ batchItemId: ITEM.egg, qty: 1 }])).code).toBe('LIMIT_EXCEEDED');
  expect(await w.find('orders', { openid: 'oRC-E' })).toEqual([]);

  // Not yet due (10 minutes), then due.
  cloud().clock.advance(5 * MINUTE);
  expect(await fire()).toBeNull();
  cloud().clock.advance(6 * MINUTE);
  const report = await fire();
  const released = report.released
    .map((h: any) => [h.itemId, h.openid, h.qty, h.limited, h.why])
    .sort((x: any[], y: any[]) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`));
  expect(released).toEqual(
    [
      [ITEM.egg, 'oRC-A', 2, true, 'order_cancelled'],
      [ITEM.pork, 'oRC-B', 1, true, 'order_cancelled'],
      [ITEM.pork, 'oRC-E', 2, true, 'no_order'],
      [ITEM.qingcai, 'oRC-C', 3, false, 'order_cancelled'],
      [ITEM.rice, 'oRC-A', 1, false, 'order_cancelled'],
    ].sort((x, y) => `${x[0]}${x[1]}`.localeCompare(`${y[0]}${y[1]}`)),
  );
  expect(report).toMatchObject({ releasedQty: 9, unbalanced: [], cutShort: false });
  const stored = await w.doc('jobs', 'stock-reconcile');
  expect(stored.report.releasedQty).toBe(9);

  // Everything is back but D's live order; A may buy eggs again.
  for (const id of [ITEM.egg, ITEM.pork, ITEM.qingcai]) {
    expect(await item(id)).toMatchObject({ stock: before[id].stock, sold: before[id].sold });
  }
  expect(await item(ITEM.rice)).toMatchObject({ stock: before[ITEM.rice].stock - 1, sold: before[ITEM.rice].sold + 1 });
  expect((await item(ITEM.rice)).held[(await w.doc('orders', kept._id)).reservationId]).toMatchObject({ qty: 1 });
  for (const id of ids) await expectBalanced(id);
  expect((await item(ITEM.egg)).heldBy['oRC-A']).toBe(0);
  expect((await create('oRC-A', [{ batchItemId: ITEM.egg, qty: 2 }])).ok).toBe(true);

  // A second run gives back nothing.
  cloud().clock.advance(11 * MINUTE);
  const again = await fire();
  expect(again).toMatchObject({ released: [], releasedQty: 0, unbalanced: [] });
  for (const id of ids) await expectBalanced(id);
});

test('a reconciliation running while orders are being placed never gives back their holds', async () => {
  cloud().clock.advance(11 * MINUTE);
  const race = ITEM.rice;
  const before = await item(race);
  const holdsBefore = Object.keys(before.held ?? {}).length;
  // Orders' inserts wait at a gate: their creates have taken stock and have no order yet.
  const c = cloud();
  const original = c.handler.bind(c);
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  c.handler = (action) => {
    const h = original(action);
    if (action !== 'database.insertDocument' || !h) return h;
    return async (req) => {
      if (req.body.collectionName === 'orders') await gate;
      return h(req);
    };
  };
  const buyers = Array.from({ length: 4 }, (_, i) => `oRC-RACE${i}`); // one per order instance
  try {
    const placing = Promise.all(
      buyers.map((openid) =>
        create(openid, [
          { batchItemId: race, qty: 1 },
          { batchItemId: ITEM.pork, qty: 1 },
        ]),
      ),
    );
    for (let t = 0; Object.keys((await item(race)).held ?? {}).length < holdsBefore + buyers.length; t++) {
      if (t > 200) throw new Error('the creates never took their stock');
      await new Promise((r) => setTimeout(r, 25));
    }
    const report = await fire();
    expect(report).toMatchObject({ released: [], unbalanced: [] });
    open();
    const placed = await placing;
    expect(placed.every((o) => o.ok)).toBe(true);
    // One cancel while the next run reconciles: the hold is given back once.
    cloud().clock.advance(11 * MINUTE);
    const [cancelled, next] = await Promise.all([cancel(buyers[0], placed[0].data._id), fire()]);
    expect(cancelled.data.cancelled).toBe(true);
    expect(next.unbalanced).toEqual([]);
  } finally {
    c.handler = original;
    open();
  }
  expect(await item(race)).toMatchObject({ stock: before.stock - 3, sold: before.sold + 3 });
  await expectBalanced(race);
  await expectBalanced(ITEM.pork);
  cloud().clock.advance(11 * MINUTE);
  expect((await fire()).released).toEqual([]);
});
