import { createHash } from 'node:crypto';
import { ITEM, NEXT, OPEN, patch, rid, startShop, type Shop } from './shop';

let shop: Shop;
const RACE_ITEM = 'batch-today-orange';
beforeAll(async () => {
  shop = await startShop('order-env', (seed) => {
    // 10 units for the 40-buyer race, no per-user limit.
    patch(seed, 'batchItems', RACE_ITEM, { stock: 10, limitPerUser: 0 });
  });
});
afterAll(() => shop.stop());
afterEach(() => shop.t.running.cloud.clock.reset());

const order = (data: Record<string, unknown>, openid?: string) => shop.call('order', { ...data }, openid);
const create = (openid: string, lines: Array<Record<string, unknown>>, extra: Record<string, unknown> = {}) =>
  order({ action: 'create', clientRequestId: rid(), batchId: OPEN, lines, ...extra }, openid);
const item = (id: string) => shop.doc('batchItems', id);
/** What the resident holds of the item against its limit (the item's heldBy counter). */
const counter = async (openid: string, itemId: string) => (await item(itemId))?.heldBy?.[openid] ?? 0;
async function markPaid(orderId: string, status = 'paid') {
  const o = await shop.doc('orders', orderId);
  await shop.db
    .collection('orders')
    .doc(orderId)
    .update({ data: { status, paidFen: o.totalFen, paidAt: new Date() } });
}

describe('create', () => {
  test('prices every line on the server, ignores tampered prices, reserves stock and limit', async () => {
    const [eggBefore, riceBefore] = [await item(ITEM.egg), await item(ITEM.rice)];
    const res = await create(
      'oRESIDENT1',
      [
        { batchItemId: ITEM.egg, qty: 1, priceFen: 1, amountFen: 1, title: '免费鸡蛋' },
        { batchItemId: ITEM.rice, qty: 2, priceFen: 0 },
        { batchItemId: ITEM.egg, qty: 1 },
      ],
      { totalFen: 1, payFen: 1, openid: 'oRESIDENT2', leaderId: 'leader-li' },
    );
    expect(res.ok).toBe(true);
    const o = res.data;
    expect(o.totalFen).toBe(2590 * 2 + 3990 * 2);
    expect(o.lines.map((l: any) => [l.batchItemId, l.qty, l.priceFen, l.amountFen, l.title])).toEqual([
      [ITEM.egg, 2, 2590, 5180, '散养土鸡蛋 30枚'],
      [ITEM.rice, 2, 3990, 7980, '金龙鱼东北大米 5kg'],
    ]);
    expect(o).toMatchObject({ status: 'pending_payment', pickupPointId: 'pp-sunshine', leaderId: 'leader-wang' });
    expect(o.pickupCode).toBeUndefined();
    expect(Date.parse(o.payDeadline) - Date.parse(o.createdAt)).toBe(15 * 60_000);
    const stored = await shop.doc('orders', o._id);
    expect(stored).toMatchObject({ openid: 'oRESIDENT1', totalFen: 13_160, paidFen: 0 });
    expect(stored.history).toEqual([expect.objectContaining({ status: 'pending_payment' })]);
    expect(stored.pickupKey).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toMatch(/"pickupCode"/);
    expect(await item(ITEM.egg)).toMatchObject({ stock: eggBefore.stock - 2, sold: eggBefore.sold + 2 });
    expect(await item(ITEM.rice)).toMatchObject({ stock: riceBefore.stock - 2 });
    expect(await counter('oRESIDENT1', ITEM.egg)).toBe(2);
    // Unlimited items keep no counter.
    expect(await counter('oRESIDENT1', ITEM.rice)).toBe(0);
  });

  test('the pickup point defaults to the resident’s own and must be active', async () => {
    const own = await create('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }]);
    expect(own.data).toMatchObject({ pickupPointId: 'pp-cuiyuan', leaderId: 'leader-li' });
    const chosen = await create('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }], {
      pickupPointId: 'pp-sunshine',
    });
    expect(chosen.data.leaderId).toBe('leader-wang');
    expect(
      (await create('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }], { pickupPointId: 'pp-guihua' })).code,
    ).toBe('NOT_FOUND');
    expect((await create('oRESIDENT3', [{ batchItemId: ITEM.qingcai, qty: 1 }])).code).toBe('INVALID_INPUT');
  });

  test('each bad field is INVALID_INPUT and changes nothing', async () => {
    const before = await item(ITEM.qingcai);
    const ordersBefore = (await shop.find('orders')).length;
    const line = { batchItemId: ITEM.qingcai, qty: 1 };
    const good = { action: 'create', clientRequestId: 'abcdef-12345678', batchId: OPEN, lines: [line] };
    const bad: Array<Record<string, unknown>> = [
      { clientRequestId: undefined },
      { clientRequestId: 'short' },
      { clientRequestId: 'x'.repeat(65) },
      { clientRequestId: 'has spaces in it' },
      { clientRequestId: 12345678 },
      { batchId: undefined },
      { batchId: '' },
      { pickupPointId: 5 },
      { lines: [] },
      { lines: 'all' },
      { lines: Array.from({ length: 21 }, () => line) },
      { lines: [{ batchItemId: ITEM.qingcai }] },
      { lines: [{ batchItemId: ITEM.qingcai, qty: 0 }] },
      { lines: [{ batchItemId: ITEM.qingcai, qty: -1 }] },
      { lines: [{ batchItemId: ITEM.qingcai, qty: 1.5 }] },
      { lines: [{ batchItemId: ITEM.qingcai, qty: '2' }] },
      { lines: [{ batchItemId: ITEM.qingcai, qty: 1000 }] },
      { lines: [{ batchItemId: '', qty: 1 }] },
      { lines: [line, { batchItemId: ITEM.qingcai, qty: 999 }] },
    ];
    for (const change of bad) {
      const res = await order({ ...good, ...change }, 'oRESIDENT1');
      expect({ change, code: res.code }).toEqual({ change, code: 'INVALID_INPUT' });
    }
    expect((await order({ ...good, lines: [{ batchItemId: 'nope', qty: 1 }] }, 'oRESIDENT1')).code).toBe('NOT_FOUND');
    expect((await order({ ...good, lines: [{ batchItemId: ITEM.yogurtNext, qty: 1 }] }, 'oRESIDENT1')).code).toBe(
      'NOT_FOUND',
    );
    expect(await item(ITEM.qingcai)).toMatchObject({ stock: before.stock, sold: before.sold });
    expect(await shop.find('orders')).toHaveLength(ordersBefore);
    expect((await order(good)).code).toBe('UNAUTHENTICATED');
  });

  test('a bad quantity is refused in Chinese naming 数量, and changes nothing', async () => {
    const before = await item(ITEM.qingcai);
    const ordersBefore = (await shop.find('orders')).length;
    const boughtBefore = await counter('oRESIDENT1', ITEM.qingcai);
    const res = await create('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 0 }]);
    expect(res).toEqual({ ok: false, code: 'INVALID_INPUT', message: '数量必须大于 0' });
    const tooMany = await create('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1000 }]);
    expect(tooMany.message).toBe('数量不能大于 999');
    expect(await item(ITEM.qingcai)).toMatchObject({ stock: before.stock, sold: before.sold });
    expect(await shop.find('orders')).toHaveLength(ordersBefore);
    expect(await counter('oRESIDENT1', ITEM.qingcai)).toBe(boughtBefore);
  });

  test('an upcoming batch and a cut-off batch are BATCH_CLOSED', async () => {
    const next = await create('oRESIDENT1', [{ batchItemId: ITEM.yogurtNext, qty: 1 }], { batchId: NEXT });
    expect(next.code).toBe('BATCH_CLOSED');
    const batch = await shop.doc('batches', OPEN);
    shop.t.running.cloud.clock.set(new Date(batch.cutoffAt).getTime());
    const before = await item(ITEM.qingcai);
    expect((await create('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1 }])).code).toBe('BATCH_CLOSED');
    expect((await item(ITEM.qingcai)).stock).toBe(before.stock);
    shop.t.running.cloud.clock.set(new Date(batch.cutoffAt).getTime() - 1000);
    expect((await create('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1 }])).ok).toBe(true);
  });

  test('40 buyers racing for 10 units: exactly 10 sold, stock never negative', async () => {
    const buyers = Array.from({ length: 40 }, (_, i) => `oBUYER${String(i).padStart(2, '0')}`);
    const results = await Promise.all(
      buyers.map((b) => create(b, [{ batchItemId: RACE_ITEM, qty: 1 }], { pickupPointId: 'pp-sunshine' })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'OUT_OF_STOCK')).toBe(true);
    expect(await item(RACE_ITEM)).toMatchObject({ stock: 0, sold: 10 });
    expect(await shop.find('orders', { 'lines.batchItemId': RACE_ITEM })).toHaveLength(10);
  });

  test('one resident racing their own limit with parallel requests never gets more than the limit', async () => {
    const before = await item(ITEM.pork); // limit 3
    const results = await Promise.all(
      Array.from({ length: 10 }, () => create('oLEADER2', [{ batchItemId: ITEM.pork, qty: 1 }])),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(results.filter((r) => !r.ok).every((r) => r.code === 'LIMIT_EXCEEDED')).toBe(true);
    expect(await counter('oLEADER2', ITEM.pork)).toBe(3);
    expect((await item(ITEM.pork)).stock).toBe(before.stock - 3);
    expect((await create('oLEADER2', [{ batchItemId: ITEM.pork, qty: 1 }])).code).toBe('LIMIT_EXCEEDED');
    // A refused multi-line order gives back what its other lines reserved.
    const rice = await item(ITEM.rice);
    const mixed = await create('oLEADER2', [
      { batchItemId: ITEM.rice, qty: 1 },
      { batchItemId: ITEM.pork, qty: 1 },
    ]);
    expect(mixed.code).toBe('LIMIT_EXCEEDED');
    expect((await item(ITEM.rice)).stock).toBe(rice.stock);
  });

  test('idempotent on clientRequestId: a retry and parallel duplicates end at one order', async () => {
    const clientRequestId = rid('same');
    const data = { action: 'create', clientRequestId, batchId: OPEN, lines: [{ batchItemId: ITEM.qingcai, qty: 2 }] };
    const before = await item(ITEM.qingcai);
    const first = await order(data, 'oRESIDENT2');
    const retry = await order(data, 'oRESIDENT2');
    expect(retry.data._id).toBe(first.data._id);
    expect(retry.data.orderNo).toBe(first.data.orderNo);
    expect((await item(ITEM.qingcai)).stock).toBe(before.stock - 2);

    const parallelId = rid('par');
    const parallel = await Promise.all(
      Array.from({ length: 6 }, () => order({ ...data, clientRequestId: parallelId }, 'oRESIDENT2')),
    );
    expect(parallel.every((r) => r.ok)).toBe(true);
    expect(new Set(parallel.map((r) => r.data._id)).size).toBe(1);
    expect(await shop.find('orders', { clientRequestId: parallelId })).toHaveLength(1);
    expect((await item(ITEM.qingcai)).stock).toBe(before.stock - 4);
    // The same request id from another resident is another order.
    const other = await order(data, 'oRESIDENT1');
    expect(other.data._id).not.toBe(first.data._id);
  });

  test('a retry of an order that used the whole limit returns that order, not LIMIT_EXCEEDED', async () => {
    const data = {
      action: 'create',
      clientRequestId: rid('lim'),
      batchId: OPEN,
      lines: [{ batchItemId: ITEM.grape, qty: 1 }],
    };
    const first = await order(data, 'oNEWLIMIT');
    const noPoint = first.code;
    expect(noPoint).toBe('INVALID_INPUT'); // no pickup point yet
    const withPoint = { ...data, pickupPointId: 'pp-sunshine' };
    const a = await order(withPoint, 'oNEWLIMIT');
    const b = await order(withPoint, 'oNEWLIMIT');
    expect(b.data._id).toBe(a.data._id);
    expect(await counter('oNEWLIMIT', ITEM.grape)).toBe(1);
  });

  test('every order takes at most 3 database round trips; one line, limited or not, 3 requests (warm, point given)', async () => {
    const cloud = shop.t.running.cloud;
    const fns = cloud.functions;
    fns.maxInstances = 1;
    // Each request waits 60 ms in the local cloud, so requests sent together arrive
    // together and a request sent after an answer arrives at least 60 ms later.
    const LATENCY = 60;
    const arrivals: number[] = [];
    const count = cloud.countRequest.bind(cloud);
    cloud.countRequest = (action, inv) => {
      if (inv?.functionName === 'order') arrivals.push(performance.now());
      count(action, inv);
    };
    try {
      await create('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1 }], { pickupPointId: 'pp-sunshine' }); // warm up
      cloud.faults.set({ latencyMs: LATENCY });
      const measure = async (openid: string, lines: Array<Record<string, unknown>>, extra = {}) => {
        arrivals.length = 0;
        const res = await create(openid, lines, extra);
        expect(res.ok).toBe(true);
        const rounds = arrivals.filter((t, i) => i === 0 || t - arrivals[i - 1] > LATENCY / 2).length;
        return { requests: arrivals.length, rounds };
      };
      const at = { pickupPointId: 'pp-sunshine' };
      const cases = {
        plain: await measure('oTRIPS1', [{ batchItemId: ITEM.qingcai, qty: 1 }], at),
        limitedFirst: await measure('oTRIPS1', [{ batchItemId: ITEM.egg, qty: 1 }], at),
        limitedRepeat: await measure('oTRIPS1', [{ batchItemId: ITEM.egg, qty: 1 }], at),
        multiLine: await measure(
          'oTRIPS2',
          [
            { batchItemId: ITEM.pork, qty: 1 },
            { batchItemId: ITEM.rice, qty: 1 },
            { batchItemId: ITEM.qingcai, qty: 2 },
          ],
          at,
        ),
        pointFromProfile: await measure('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1 }]),
      };
      console.log(`order.create database round trips and requests: ${JSON.stringify(cases)}`);
      expect(cases).toEqual({
        plain: { requests: 3, rounds: 3 },
        limitedFirst: { requests: 3, rounds: 3 },
        limitedRepeat: { requests: 3, rounds: 3 },
        // One guarded update per line, sent together: read, take × 3, insert.
        multiLine: { requests: 5, rounds: 3 },
        // The resident's point is read with the items.
        pointFromProfile: { requests: 4, rounds: 3 },
      });
      expect(await counter('oTRIPS1', ITEM.egg)).toBe(2);
    } finally {
      cloud.faults.clear();
      cloud.countRequest = count;
      fns.maxInstances = 4;
    }
  });
});

describe('list and detail', () => {
  test('list shows only mine, newest first, paged; detail hides others’ orders', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (await create('oLIST', [{ batchItemId: ITEM.qingcai, qty: 1 }], { pickupPointId: 'pp-cuiyuan' })).data._id,
      );
    const page1 = await order({ action: 'list', page: 1, pageSize: 2 }, 'oLIST');
    expect(page1.data.items.map((o: any) => o._id)).toEqual([ids[2], ids[1]]);
    expect(page1.data.hasMore).toBe(true);
    const page2 = await order({ action: 'list', page: 2, pageSize: 2 }, 'oLIST');
    expect(page2.data.items.map((o: any) => o._id)).toEqual([ids[0]]);
    expect(page2.data.hasMore).toBe(false);
    expect(page1.data.items[0].pickupCode).toBeUndefined();
    expect((await order({ action: 'list', status: 'paid', page: 1, pageSize: 10 }, 'oLIST')).data.items).toEqual([]);
    expect((await order({ action: 'list', page: 1, pageSize: 21 }, 'oLIST')).code).toBe('INVALID_INPUT');
    expect((await order({ action: 'list', status: 'shipped' }, 'oLIST')).code).toBe('INVALID_INPUT');
    expect((await order({ action: 'list', page: 0 }, 'oLIST')).code).toBe('INVALID_INPUT');
    expect((await order({ action: 'list' })).code).toBe('UNAUTHENTICATED');

    expect((await order({ action: 'detail', orderId: ids[0] }, 'oLIST')).ok).toBe(true);
    // Another resident, and the order's own leader, see nothing (leaders use the leader function).
    expect((await order({ action: 'detail', orderId: ids[0] }, 'oRESIDENT1')).code).toBe('NOT_FOUND');
    expect((await order({ action: 'detail', orderId: ids[0] }, 'oLEADER2')).code).toBe('NOT_FOUND');
    expect((await order({ action: 'detail', orderId: 'nope' }, 'oLIST')).code).toBe('NOT_FOUND');
    expect((await order({ action: 'detail' }, 'oLIST')).code).toBe('INVALID_INPUT');
  });

  test('the pickup code is shown to the owner once paid, and matches the stored key', async () => {
    const o = (await create('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1 }])).data;
    expect((await order({ action: 'detail', orderId: o._id }, 'oRESIDENT1')).data.pickupCode).toBeUndefined();
    await markPaid(o._id);
    const paid = (await order({ action: 'detail', orderId: o._id }, 'oRESIDENT1')).data;
    expect(paid.pickupCode).toMatch(/^\d{6}$/);
    expect(paid.history[0]).toMatchObject({ status: 'pending_payment' });
    const stored = await shop.doc('orders', o._id);
    expect(stored.pickupKey).toBe(createHash('sha256').update(`${OPEN}|pp-sunshine|${paid.pickupCode}`).digest('hex'));
  });
});

describe('cancel', () => {
  test('cancelling an unpaid order releases stock and limit exactly once', async () => {
    const before = await item(ITEM.grape);
    const o = (await create('oCANCEL', [{ batchItemId: ITEM.grape, qty: 1 }], { pickupPointId: 'pp-sunshine' })).data;
    expect(await counter('oCANCEL', ITEM.grape)).toBe(1);
    // The order's hold on the item names what a release gives back.
    const { reservationId } = await shop.doc('orders', o._id);
    expect((await item(ITEM.grape)).held[reservationId]).toMatchObject({ qty: 1, openid: 'oCANCEL', limited: true });
    expect(
      (await create('oCANCEL', [{ batchItemId: ITEM.grape, qty: 1 }], { pickupPointId: 'pp-sunshine' })).code,
    ).toBe('LIMIT_EXCEEDED');

    expect((await order({ action: 'cancel', orderId: o._id }, 'oRESIDENT1')).code).toBe('NOT_FOUND');
    const results = await Promise.all([1, 2, 3].map(() => order({ action: 'cancel', orderId: o._id }, 'oCANCEL')));
    expect(results.every((r) => r.ok && r.data.order.status === 'cancelled')).toBe(true);
    expect(results.filter((r) => r.data.cancelled)).toHaveLength(1);
    const again = await order({ action: 'cancel', orderId: o._id }, 'oCANCEL');
    expect(again.data).toMatchObject({ cancelled: false, order: { status: 'cancelled' } });

    expect(await item(ITEM.grape)).toMatchObject({ stock: before.stock, sold: before.sold });
    expect(await counter('oCANCEL', ITEM.grape)).toBe(0);
    expect((await item(ITEM.grape)).held[reservationId]).toBeUndefined();
    const stored = await shop.doc('orders', o._id);
    expect(stored.history.map((h: any) => h.status)).toEqual(['pending_payment', 'cancelled']);
    // The limit is free again.
    expect((await create('oCANCEL', [{ batchItemId: ITEM.grape, qty: 1 }], { pickupPointId: 'pp-sunshine' })).ok).toBe(
      true,
    );
  });

  test('a paid order with no payment to refund cannot be cancelled (stock untouched); bad input and strangers', async () => {
    const o = (await create('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }])).data;
    await markPaid(o._id);
    const stock = (await item(ITEM.qingcai)).stock;
    expect((await order({ action: 'cancel', orderId: o._id }, 'oRESIDENT2')).code).toBe('INVALID_STATE');
    expect((await item(ITEM.qingcai)).stock).toBe(stock);
    expect(await shop.doc('orders', o._id)).toMatchObject({ status: 'paid' });
    expect((await shop.doc('orders', o._id)).cancelClaimedAt).toBeUndefined();
    expect((await order({ action: 'cancel', orderId: 'nope' }, 'oRESIDENT2')).code).toBe('NOT_FOUND');
    expect((await order({ action: 'cancel', orderId: 5 }, 'oRESIDENT2')).code).toBe('INVALID_INPUT');
    expect((await order({ action: 'cancel', orderId: o._id })).code).toBe('UNAUTHENTICATED');
  });
});

describe('afterSale', () => {
  let paidOrder: any;
  beforeAll(async () => {
    paidOrder = (await create('oAFTER', [{ batchItemId: ITEM.qingcai, qty: 3 }], { pickupPointId: 'pp-sunshine' }))
      .data;
    await markPaid(paidOrder._id, 'arrived');
  });
  const ask = (data: Record<string, unknown>, openid = 'oAFTER') =>
    order(
      {
        action: 'afterSale',
        orderId: paidOrder._id,
        reason: '商品破损',
        description: '青菜有两份烂叶',
        photos: [],
        ...data,
      },
      openid,
    );

  test('a paid order’s owner asks for some units back; the request waits for review', async () => {
    const res = await ask({ lines: [{ batchItemId: ITEM.qingcai, qty: 2 }], photos: ['cloud://env.abc/after/1.jpg'] });
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({
      status: 'pending',
      refundFen: 580,
      lines: [{ batchItemId: ITEM.qingcai, qty: 2, refundFen: 580 }],
    });
    expect(await shop.doc('afterSales', res.data._id)).toMatchObject({
      openid: 'oAFTER',
      orderId: paidOrder._id,
      leaderId: 'leader-wang',
      status: 'pending',
    });
    // Only one unit is left to ask for.
    expect((await ask({ lines: [{ batchItemId: ITEM.qingcai, qty: 2 }] })).code).toBe('INVALID_INPUT');
  });

  test('risky text is CONTENT_RISKY and nothing is stored', async () => {
    const before = (await shop.find('afterSales')).length;
    const res = await ask({ lines: [{ batchItemId: ITEM.qingcai, qty: 1 }], description: '退款后一起去赌博' });
    expect(res.code).toBe('CONTENT_RISKY');
    expect(await shop.find('afterSales')).toHaveLength(before);
  });

  test('bad fields, unpaid orders and others’ orders are refused', async () => {
    const before = (await shop.find('afterSales')).length;
    const line = [{ batchItemId: ITEM.qingcai, qty: 1 }];
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ lines: [] }, 'INVALID_INPUT'],
      [{ lines: [{ batchItemId: ITEM.qingcai, qty: 0 }] }, 'INVALID_INPUT'],
      [{ lines: [{ batchItemId: ITEM.egg, qty: 1 }] }, 'INVALID_INPUT'],
      [{ lines: line, reason: '' }, 'INVALID_INPUT'],
      [{ lines: line, description: '坏'.repeat(201) }, 'INVALID_INPUT'],
      [{ lines: line, photos: ['https://example.com/a.jpg'] }, 'INVALID_INPUT'],
      [{ lines: line, photos: Array.from({ length: 7 }, (_, i) => `cloud://env.abc/${i}.jpg`) }, 'INVALID_INPUT'],
      [{ lines: line, orderId: undefined }, 'INVALID_INPUT'],
      [{ lines: line, orderId: 'nope' }, 'NOT_FOUND'],
    ];
    for (const [data, code] of cases) {
      const res = await ask(data);
      expect({ data, code: res.code }).toEqual({ data, code });
    }
    expect((await ask({ lines: line }, 'oRESIDENT1')).code).toBe('NOT_FOUND');
    expect((await order({ action: 'afterSale', orderId: paidOrder._id, reason: '破损', lines: line })).code).toBe(
      'UNAUTHENTICATED',
    );
    const unpaid = (await create('oAFTER', line, { pickupPointId: 'pp-sunshine' })).data;
    expect((await ask({ lines: line, orderId: unpaid._id })).code).toBe('INVALID_STATE');
    expect(await shop.find('afterSales')).toHaveLength(before);
  });
});
