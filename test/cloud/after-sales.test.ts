import { RES1, startAdminWorld, type AdminWorld } from './adminWorld';
import { ITEM, OPEN } from './shop';

/**
 * After-sale requests claim units on the order line: requests against one line
 * never add up to more than bought minus refunded, even when they all arrive
 * at once; closing a request (rejected, refunded) gives its claim back.
 */
jest.setTimeout(120_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('after-sales-env');
}, 60_000);
afterAll(() => w?.stop());

const TEN = Array.from({ length: 10 }, (_, k) => k);
const codes = (answers: Array<{ ok: boolean; code?: string }>) => answers.map((a) => (a.ok ? 'ok' : a.code)).sort();
const ask = (orderId: string, lines: Array<{ batchItemId: string; qty: number }>, openid = RES1, extra = {}) =>
  w.call('order', { action: 'afterSale', orderId, lines, reason: '商品破损', description: '有烂叶', ...extra }, openid);
const askedUnits = async (orderId: string) =>
  (await w.find('afterSales', { orderId, status: w._.in(['pending', 'approved']) }))
    .flatMap((a: any) => a.lines)
    .reduce((s: number, l: any) => s + l.qty, 0);
/** Starts every instance the local cloud allows the order function, so the ten calls really run side by side. */
const warm = () => Promise.all(TEN.map(() => w.call('order', { action: 'no-such-action' }, RES1)));

test('ten parallel requests of 1 unit for a line of 2: two are accepted, 2 units asked for in all', async () => {
  const order = await w.arrivedOrder(RES1, OPEN, [{ batchItemId: ITEM.qingcai, qty: 2 }]);
  await warm();
  const answers = await Promise.all(TEN.map(() => ask(order._id, [{ batchItemId: ITEM.qingcai, qty: 1 }])));
  expect(codes(answers)).toEqual([...TEN.slice(0, 8).map(() => 'INVALID_INPUT'), 'ok', 'ok']);
  expect(answers.find((a) => !a.ok).message).toMatch(/最多可申请 0/);
  expect(await askedUnits(order._id)).toBe(2);
  expect((await w.doc('orders', order._id)).lines[0].claimedQty).toBe(2);
});

test('ten parallel requests of 2 units for a line of 2 (beside another line): exactly one is accepted', async () => {
  const order = await w.arrivedOrder(RES1, OPEN, [
    { batchItemId: ITEM.rice, qty: 1 },
    { batchItemId: ITEM.qingcai, qty: 2 },
  ]);
  await warm();
  const answers = await Promise.all(
    TEN.map((k) =>
      ask(order._id, [{ batchItemId: ITEM.qingcai, qty: 2 }, ...(k % 2 ? [{ batchItemId: ITEM.rice, qty: 1 }] : [])]),
    ),
  );
  expect(codes(answers).filter((c) => c === 'ok')).toHaveLength(1);
  expect(await askedUnits(order._id)).toBeLessThanOrEqual(3);
  const stored = await w.find('afterSales', { orderId: order._id });
  expect(stored).toHaveLength(1);
  const lines = (await w.doc('orders', order._id)).lines;
  expect(lines.find((l: any) => l.batchItemId === ITEM.qingcai).claimedQty).toBe(2);
  expect(lines.find((l: any) => l.batchItemId === ITEM.rice).claimedQty ?? 0).toBe(stored[0].lines.length - 1);
});

test('a rejected request gives its units back; a refunded one keeps them refunded: never more than bought', async () => {
  const order = await w.arrivedOrder(RES1, OPEN, [{ batchItemId: ITEM.pork, qty: 2 }]);
  const first = await ask(order._id, [{ batchItemId: ITEM.pork, qty: 2 }]);
  expect(first.ok).toBe(true);
  expect((await ask(order._id, [{ batchItemId: ITEM.pork, qty: 1 }])).code).toBe('INVALID_INPUT');
  await w.ok('afterSales.review', { id: first.data._id, approve: false, reason: '照片看不出破损' });
  expect((await w.doc('orders', order._id)).lines[0].claimedQty).toBe(0);

  const second = await ask(order._id, [{ batchItemId: ITEM.pork, qty: 1 }]);
  expect(second.ok).toBe(true);
  expect((await w.ok('afterSales.review', { id: second.data._id, approve: true, reason: '同意' })).status).toBe(
    'refunded',
  );
  const after = (await w.doc('orders', order._id)).lines[0];
  expect(after.claimedQty).toBe(0);
  // One unit refunded (or promised to the refund), one left to ask for, in parallel too.
  await warm();
  const answers = await Promise.all(TEN.map(() => ask(order._id, [{ batchItemId: ITEM.pork, qty: 1 }])));
  expect(codes(answers).filter((c) => c === 'ok')).toHaveLength(1);
  expect((await w.doc('orders', order._id)).lines[0].claimedQty).toBe(1);
});

test('bad requests answer a clear code and store nothing, claim nothing', async () => {
  const order = await w.arrivedOrder(RES1, OPEN, [{ batchItemId: ITEM.qingcai, qty: 2 }]);
  const before = await w.dump('afterSales', 'orders');
  const cases: Array<[Array<{ batchItemId: any; qty: any }>, Record<string, unknown>, string, string]> = [
    [[{ batchItemId: ITEM.qingcai, qty: 3 }], {}, RES1, 'INVALID_INPUT'],
    [
      [
        { batchItemId: ITEM.qingcai, qty: 2 },
        { batchItemId: ITEM.qingcai, qty: 1 },
      ],
      {},
      RES1,
      'INVALID_INPUT',
    ],
    [[{ batchItemId: ITEM.qingcai, qty: -1 }], {}, RES1, 'INVALID_INPUT'],
    [[{ batchItemId: ITEM.qingcai, qty: 1.5 }], {}, RES1, 'INVALID_INPUT'],
    [[{ batchItemId: ITEM.qingcai, qty: '1' }], {}, RES1, 'INVALID_INPUT'],
    [[{ batchItemId: ITEM.egg, qty: 1 }], {}, RES1, 'INVALID_INPUT'],
    [[{ batchItemId: ITEM.qingcai, qty: 1 }], { reason: '  ' }, RES1, 'INVALID_INPUT'],
    [[{ batchItemId: ITEM.qingcai, qty: 1 }], { description: '退款后一起去赌博' }, RES1, 'CONTENT_RISKY'],
    [[{ batchItemId: ITEM.qingcai, qty: 1 }], {}, 'oRESIDENT2', 'NOT_FOUND'],
  ];
  for (const [lines, extra, openid, code] of cases) {
    const res = await ask(order._id, lines, openid, extra);
    expect({ lines, code: res.code }).toEqual({ lines, code });
    expect(res.message).toBeTruthy();
  }
  expect(await w.dump('afterSales', 'orders')).toBe(before);
});

test('before the goods have arrived the request is refused (商品到货后才能申请售后), nothing claimed; after arrival it is accepted', async () => {
  const paid = await w.paidOrder(RES1, OPEN, [{ batchItemId: ITEM.qingcai, qty: 2 }]);
  expect(paid.status).toBe('paid');
  const before = await w.dump('afterSales', 'orders');
  const early = await ask(paid._id, [{ batchItemId: ITEM.qingcai, qty: 1 }]);
  expect(early).toMatchObject({ ok: false, code: 'INVALID_STATE', message: '商品到货后才能申请售后' });
  expect(await w.dump('afterSales', 'orders')).toBe(before);

  // The leader confirms arrival (as 确认到货 leaves the order): now it is accepted.
  const at = new Date(w.now());
  await w.db
    .collection('orders')
    .doc(paid._id)
    .update({ data: { status: 'arrived', arrivedAt: at, history: [...paid.history, { status: 'arrived', at }] } });
  const asked = await ask(paid._id, [{ batchItemId: ITEM.qingcai, qty: 1 }]);
  expect(asked).toMatchObject({ ok: true, data: { status: 'pending', refundFen: expect.any(Number) } });
  expect(await w.find('afterSales', { orderId: paid._id })).toHaveLength(1);
  expect((await w.doc('orders', paid._id)).lines[0].claimedQty).toBe(1);
});
