import { ErrorCodes } from '../../../typings/envelope';
import type { BatchItem, Order } from '../../../typings/models';
import { AppError } from '../../../cloudfunctions/core/domain/errors';
import { confirmArrival } from '../../../cloudfunctions/core/usecases/leader/arrival';
import type { LeaderCaller } from '../../../cloudfunctions/core/usecases/leader/context';
import { MemoryArrival } from '../support/memory-arrival';

const caller: LeaderCaller = {
  openid: 'o-leader',
  leader: {
    _id: 'L1',
    openid: 'o-leader',
    name: '王姐',
    pickupPointId: 'pp1',
    status: 'active',
    createdAt: new Date(0),
  },
  pickupPointId: 'pp1',
  point: async () => ({
    _id: 'pp1',
    name: '幸福里',
    address: '幸福里 1 号',
    location: { type: 'Point', coordinates: [121.4, 31.2] },
    hours: '08:00-21:00',
    leaderId: 'L1',
    active: true,
  }),
};

function item(_id: string, priceFen: number, supplierId: string, costFen?: number): BatchItem {
  return { _id, batchId: 'b1', title: `商品${_id}`, unit: '份', priceFen, supplierId, costFen } as BatchItem;
}

function order(
  _id: string,
  hour: number,
  lines: Array<[itemId: string, qty: number, refundedQty?: number]>,
  pickupPointId = 'pp1',
): Order {
  const at = new Date(`2024-05-19T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const price = (id: string) => (id === 'A' ? 1000 : 500);
  const orderLines = lines.map(([batchItemId, qty, refundedQty = 0]) => ({
    batchItemId,
    productId: batchItemId,
    title: `商品${batchItemId}`,
    unit: '份',
    categoryId: 'veg',
    supplierId: 'S1',
    priceFen: price(batchItemId),
    qty,
    amountFen: qty * price(batchItemId),
    refundedQty,
    refundedFen: refundedQty * price(batchItemId),
    pickedQty: 0,
    countedInLimit: false,
  }));
  const totalFen = orderLines.reduce((s, l) => s + l.amountFen, 0);
  return {
    _id,
    orderNo: `N-${_id}`,
    openid: `resident-${_id}`,
    clientRequestId: `req-${_id}`,
    batchId: 'b1',
    pickupPointId,
    leaderId: 'L1',
    lines: orderLines,
    totalFen,
    paidFen: totalFen,
    refundedFen: orderLines.reduce((s, l) => s + l.refundedFen, 0),
    status: 'paid',
    history: [{ status: 'paid', at }],
    payDeadline: at,
    createdAt: at,
    paidAt: at,
  };
}

/**
 * Batch b1 (cut off), item A at 10.00 from supplier S1, B at 5.00 from S2. At
 * point pp1: o1 (08:00) A×2 B×1, o2 (09:00) A×1, o3 (10:00) A×2; at pp2: o4 A×5.
 */
function setUp() {
  const r = new MemoryArrival();
  r.batches.set('b1', {
    _id: 'b1',
    title: '周一团',
    status: 'cutoff',
    opensAt: new Date('2024-05-18T00:00:00Z'),
    cutoffAt: new Date('2024-05-19T14:00:00Z'),
    pickupDate: '2024-05-20',
  });
  r.items = [item('A', 1000, 'S1', 600), item('B', 500, 'S2', 300)];
  for (const o of [
    order('o1', 8, [
      ['A', 2],
      ['B', 1],
    ]),
    order('o2', 9, [['A', 1]]),
    order('o3', 10, [['A', 2]]),
    order('o4', 11, [['A', 5]], 'pp2'),
  ])
    r.orders.set(o._id, o);
  return r;
}

/** A: 3 came, 1 of them damaged (residents can get 2 of the 5 ordered); B came in full. */
const SHORT = {
  batchId: 'b1',
  lines: [
    { batchItemId: 'A', receivedQty: 3, damagedQty: 1 },
    { batchItemId: 'B', receivedQty: 1, damagedQty: 0 },
  ],
};

const chargebacksOf = (r: MemoryArrival) =>
  [...r.chargebacks.values()].map((c) => [c.batchItemId, c.supplierId, c.reason, c.qty, c.amountFen]).sort();

describe('confirming an arrival (use case over in-memory repositories)', () => {
  test('the shortfall is refunded from the latest orders first, in whole units; the supplier is charged back', async () => {
    const r = setUp();
    const res = await confirmArrival(caller, SHORT, r);
    expect(res.confirmed).toBe(true);
    expect(res.refunds).toEqual([
      { orderNo: 'N-o3', batchItemId: 'A', qty: 2, fen: 2000, state: 'requested' },
      { orderNo: 'N-o2', batchItemId: 'A', qty: 1, fen: 1000, state: 'requested' },
    ]);
    expect(Object.fromEntries(r.refundedFen())).toEqual({ o3: 2000, o2: 1000 });
    // 2 never came (shortage), 1 came damaged: residents get 30.00 back, S1 is charged the 3 units at cost (18.00).
    expect(chargebacksOf(r)).toEqual([
      ['A', 'S1', 'damage', 1, 600],
      ['A', 'S1', 'shortage', 2, 1200],
    ]);
    // The leader's phone is told the units, never the supplier's cost.
    expect(res.chargebacks).toHaveLength(2);
    expect(res.chargebacks).toEqual(
      expect.arrayContaining([
        { batchItemId: 'A', supplierId: 'S1', qty: 1, reason: 'damage' },
        { batchItemId: 'A', supplierId: 'S1', qty: 2, reason: 'shortage' },
      ]),
    );
    expect(res).toMatchObject({ arrivedOrders: 3, noticesSent: 3, noticesFailed: 0 });
    expect([...r.orders.values()].map((o) => [o._id, o.status])).toEqual([
      ['o1', 'arrived'],
      ['o2', 'arrived'],
      ['o3', 'arrived'],
      ['o4', 'paid'],
    ]);
    expect(r.arrivals.get('b1|pp1')).toMatchObject({ status: 'done', noticesSent: 3 });
  });

  test('units already refunded or promised to a refund in flight are not refunded again', async () => {
    const r = setUp();
    r.orders.set('o3', order('o3', 10, [['A', 2, 1]])); // one of o3's two came back before
    r.reservations.set('N-o2', { A: 1 }); // o2's unit is on its way back
    const res = await confirmArrival(
      caller,
      { batchId: 'b1', lines: [{ batchItemId: 'A', receivedQty: 2, damagedQty: 0 }] },
      r,
    );
    // Residents hold 2 + 0 + 1 = 3 units, 2 came: the latest holder (o3) gives up its one.
    expect(res.refunds).toEqual([{ orderNo: 'N-o3', batchItemId: 'A', qty: 1, fen: 1000, state: 'requested' }]);
    expect(chargebacksOf(r)).toEqual([['A', 'S1', 'shortage', 1, 600]]);
  });

  test('nothing short: no refund, no chargeback, every order arrived and told', async () => {
    const r = setUp();
    const res = await confirmArrival(
      caller,
      { batchId: 'b1', lines: [{ batchItemId: 'A', receivedQty: 6, damagedQty: 1 }] },
      r,
    );
    expect(res).toMatchObject({ refunds: [], chargebacks: [], arrivedOrders: 3, noticesSent: 3 });
    expect(r.refundCalls).toBe(0);
  });

  test('a second confirmation answers the first one and refunds, charges or sends nothing more', async () => {
    const r = setUp();
    const first = await confirmArrival(caller, SHORT, r);
    const calls = r.refundCalls;
    const again = await confirmArrival(
      caller,
      { batchId: 'b1', lines: [{ batchItemId: 'A', receivedQty: 0, damagedQty: 0 }] },
      r,
    );
    expect(again).toEqual({ ...first, confirmed: false });
    expect(r.refundCalls).toBe(calls);
    expect(r.chargebacks.size).toBe(2);
    expect(r.outbox.size).toBe(3);
  });

  test('of two first confirmations racing, the plan stored first decides refunds and chargebacks for both', async () => {
    const r = setUp();
    const other = { batchId: 'b1', lines: [{ batchItemId: 'A', receivedQty: 4, damagedQty: 0 }] };
    let winner: Awaited<ReturnType<typeof confirmArrival>> | undefined;
    r.beforeClaim = async () => {
      winner = await confirmArrival(caller, other, r);
    };
    const loser = await confirmArrival(caller, SHORT, r);
    expect(winner!.refunds).toEqual([{ orderNo: 'N-o3', batchItemId: 'A', qty: 1, fen: 1000, state: 'requested' }]);
    expect(loser).toEqual({ ...winner, confirmed: false });
    expect(Object.fromEntries(r.refundedFen())).toEqual({ o3: 1000 });
    expect(chargebacksOf(r)).toEqual([['A', 'S1', 'shortage', 1, 600]]);
    expect(r.arrivals.get('b1|pp1')).toMatchObject({ status: 'done', noticesSent: 3 });
  });

  test('a refund WeChat Pay refuses is reported failed; the others go through', async () => {
    const r = setUp();
    r.refuse.set('o3', new AppError(ErrorCodes.INVALID_STATE, '订单当前状态不能退款'));
    const res = await confirmArrival(caller, SHORT, r);
    expect(res.refunds.map((x) => [x.orderNo, x.state])).toEqual([
      ['N-o3', 'failed'],
      ['N-o2', 'requested'],
    ]);
    expect(r.arrivals.get('b1|pp1')!.refunds[0].error).toBe('INVALID_STATE: 订单当前状态不能退款');
    expect(Object.fromEntries(r.refundedFen())).toEqual({ o2: 1000 });
  });

  test('a run that died half-way is finished from the stored plan: each refund and chargeback once', async () => {
    const r = setUp();
    r.refuse.set('o2', new Error('timeout'));
    await expect(confirmArrival(caller, SHORT, r)).rejects.toThrow('timeout');
    expect(r.arrivals.get('b1|pp1')!.status).toBe('planned');
    r.refuse.clear();
    // Reported differently the second time: the stored plan still holds.
    const res = await confirmArrival(
      caller,
      { batchId: 'b1', lines: [{ batchItemId: 'A', receivedQty: 5, damagedQty: 0 }] },
      r,
    );
    expect(res.confirmed).toBe(true);
    expect(res.refunds.map((x) => [x.orderNo, x.qty, x.state])).toEqual([
      ['N-o3', 2, 'requested'],
      ['N-o2', 1, 'requested'],
    ]);
    expect(Object.fromEntries(r.refundedFen())).toEqual({ o3: 2000, o2: 1000 });
    expect(chargebacksOf(r)).toEqual([
      ['A', 'S1', 'damage', 1, 600],
      ['A', 'S1', 'shortage', 2, 1200],
    ]);
  });

  test('before cut-off, or with an item not in the batch: refused, nothing written', async () => {
    const r = setUp();
    r.batches.set('b1', { ...r.batches.get('b1')!, status: 'open', cutoffAt: new Date(Date.now() + 3600_000) });
    await expect(confirmArrival(caller, SHORT, r)).rejects.toMatchObject({ code: ErrorCodes.INVALID_STATE });
    const s = setUp();
    await expect(
      confirmArrival(caller, { batchId: 'b1', lines: [{ batchItemId: 'Z', receivedQty: 1, damagedQty: 0 }] }, s),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_INPUT });
    await expect(confirmArrival(caller, { ...SHORT, batchId: 'nope' }, s)).rejects.toMatchObject({
      code: ErrorCodes.NOT_FOUND,
    });
    for (const m of [r, s]) {
      expect(m.arrivals.size + m.chargebacks.size + m.refunds.size + m.outbox.size).toBe(0);
      expect([...m.orders.values()].every((o) => o.status === 'paid')).toBe(true);
    }
  });
});
