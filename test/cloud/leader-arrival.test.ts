import { addDays, businessInstant } from '../../cloudfunctions/core/domain/time';
import { ITEM, OPEN } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

jest.setTimeout(30_000);

/**
 * Arrival at 王阿姨's point (pp-sunshine) with a shortage, pickup notices with
 * and without consents, and the no-show rule, in one local cloud.
 */
let w: LeaderWorld;
const o: Record<string, { _id: string; orderNo: string; code: string; totalFen: number }> = {};
const L1 = 'oLEADER1';
const residents = {
  oAR1: { nickname: '周一', phone: '13911110001' },
  oAR2: { nickname: '吴二', phone: '13911110002' },
  oAR3: { nickname: '郑三', phone: '13911110003' },
  oAR4: { nickname: '冯四', phone: '13911110004' },
  oAR5: { nickname: '陈五', phone: '13911110005' },
};

beforeAll(async () => {
  w = await startLeaderWorld('leader-arrival-env');
  for (const [openid, fields] of Object.entries(residents))
    await w.addUser(openid, { ...fields, pickupPointId: 'pp-sunshine' });
  // Orders one after another, so createdAt gives the order the shortage rule uses.
  o.o1 = await w.paidOrder('oAR1', [
    { batchItemId: ITEM.qingcai, qty: 2 },
    { batchItemId: ITEM.rice, qty: 1 },
  ]);
  o.o2 = await w.paidOrder('oAR2', [{ batchItemId: ITEM.qingcai, qty: 3 }]);
  o.o3 = await w.paidOrder('oAR3', [
    { batchItemId: ITEM.qingcai, qty: 1 },
    { batchItemId: ITEM.egg, qty: 1 },
  ]);
  o.o4 = await w.paidOrder('oAR4', [{ batchItemId: ITEM.rice, qty: 2 }]);
  o.o5 = await w.paidOrder('oAR5', [{ batchItemId: ITEM.egg, qty: 1 }]);
  // Another point's order never moves with this arrival.
  o.other = await w.paidOrder('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }]);
  // Consents: oAR1 and oAR2 accepted; oAR3 reported an accept WeChat does not know (43101); oAR4 and oAR5 none.
  await w.consent('oAR1');
  await w.consent('oAR2');
  expect(
    (await w.call('notify', { action: 'recordSubscriptions', results: { TPL_PICKUP: 'accept' } }, 'oAR3')).data,
  ).toEqual({ remaining: { TPL_PICKUP: 1 } });
  await w.cutOff();
}, 90_000);
afterAll(() => w?.stop());
afterEach(() => w.t.running.cloud.clock.reset());

const outbox = (template = 'TPL_PICKUP') =>
  w.t.running.cloud.openapi.outbox(w.env).filter((m) => m.template === template);
const arrivalInput = {
  batchId: OPEN,
  lines: [
    // 6 ordered, 5 delivered of which 1 damaged: 2 short (1 missing, 1 damaged).
    { batchItemId: ITEM.qingcai, receivedQty: 5, damagedQty: 1 },
    { batchItemId: ITEM.rice, receivedQty: 3, damagedQty: 0 },
    // 2 ordered, 1 delivered.
    { batchItemId: ITEM.egg, receivedQty: 1, damagedQty: 0 },
  ],
};

describe('confirming arrival', () => {
  test('bad input changes nothing', async () => {
    const bad = [
      { lines: [{ batchItemId: ITEM.qingcai, receivedQty: 1, damagedQty: 2 }] },
      { lines: [{ batchItemId: ITEM.qingcai, receivedQty: -1, damagedQty: 0 }] },
      { lines: [{ batchItemId: ITEM.qingcai, receivedQty: 1.5, damagedQty: 0 }] },
      {
        lines: [
          { batchItemId: ITEM.qingcai, receivedQty: 1, damagedQty: 0 },
          { batchItemId: ITEM.qingcai, receivedQty: 1, damagedQty: 0 },
        ],
      },
      { lines: 'all' },
      { batchId: undefined },
    ];
    for (const change of bad) {
      const res = await w.leader('confirmArrival', { ...arrivalInput, ...change }, L1);
      expect({ change, code: res.code }).toEqual({ change, code: 'INVALID_INPUT' });
    }
    const unknown = await w.leader(
      'confirmArrival',
      { batchId: OPEN, lines: [{ batchItemId: 'batch-tomorrow-yogurt', receivedQty: 1, damagedQty: 0 }] },
      L1,
    );
    expect(unknown.code).toBe('INVALID_INPUT');
    expect((await w.leader('confirmArrival', { ...arrivalInput, batchId: 'nope' }, L1)).code).toBe('NOT_FOUND');
    expect(await w.find('arrivals')).toHaveLength(0);
    expect((await w.doc('orders', o.o1._id)).status).toBe('paid');
  });

  test('a shortage refunds the latest orders first, charges the supplier back, marks arrived and notifies', async () => {
    const res = await w.leader('confirmArrival', arrivalInput, L1);
    expect(res.ok).toBe(true);
    const data = res.data;
    expect(data.confirmed).toBe(true);
    // qingcai: o3 (latest holding it) gives 1, then o2 gives 1; egg: o5 (latest) gives its only one.
    expect(data.refunds.map((r: any) => [r.orderNo, r.batchItemId, r.qty, r.fen, r.state]).sort()).toEqual(
      [
        [o.o3.orderNo, ITEM.qingcai, 1, 290, 'requested'],
        [o.o2.orderNo, ITEM.qingcai, 1, 290, 'requested'],
        [o.o5.orderNo, ITEM.egg, 1, 2590, 'requested'],
      ].sort(),
    );
    const chargebacks = (await w.find('chargebacks')).map((c) => [
      c.batchItemId,
      c.supplierId,
      c.qty,
      c.amountFen,
      c.reason,
    ]);
    // Charged back at the items' cost prices (the seed's 供货价), not at what residents paid.
    expect(chargebacks.sort()).toEqual(
      [
        [ITEM.qingcai, 'sup-veg', 1, 180, 'shortage'],
        [ITEM.qingcai, 'sup-veg', 1, 180, 'damage'],
        [ITEM.egg, 'sup-veg', 1, 1900, 'shortage'],
      ].sort(),
    );
    // WeChat Pay got exactly these refunds.
    const wxRefunds = w.t.running.cloud.pay.listRefunds(w.env);
    expect(wxRefunds.map((r) => [r.outTradeNo, r.refundFee]).sort()).toEqual(
      [
        [o.o3.orderNo, 290],
        [o.o2.orderNo, 290],
        [o.o5.orderNo, 2590],
      ].sort(),
    );
    for (const r of wxRefunds) await w.t.running.cloud.pay.simulateRefund(w.env, r.outRefundNo);
    const o2 = await w.doc('orders', o.o2._id);
    expect(o2).toMatchObject({ status: 'arrived', refundedFen: 290 });
    expect(o2.lines[0]).toMatchObject({ qty: 3, refundedQty: 1 });
    expect(await w.doc('orders', o.o1._id)).toMatchObject({ status: 'arrived', refundedFen: 0 });
    expect(await w.doc('orders', o.o3._id)).toMatchObject({ status: 'arrived', refundedFen: 290 });
    expect(await w.doc('orders', o.o4._id)).toMatchObject({ status: 'arrived', refundedFen: 0 });
    // o5 lost everything: refunded, not arrived, no pickup notice.
    expect(await w.doc('orders', o.o5._id)).toMatchObject({ status: 'refunded', refundedFen: 2590 });
    expect((await w.doc('orders', o.other._id)).status).toBe('paid');

    expect(data).toMatchObject({ arrivedOrders: 4, noticesSent: 2, noticesFailed: 2 });
    const sent = outbox();
    expect(sent.map((m) => m.touser).sort()).toEqual(['oAR1', 'oAR2']);
    const msg = sent.find((m) => m.touser === 'oAR2')!;
    expect(msg.page).toBe('pages/orders/index');
    expect(msg.data.character_string3.value).toBe(o.o2.orderNo);
    expect(msg.data.thing2.value).toBe('阳光花园3栋门口');
    for (const v of Object.entries(msg.data).filter(([k]) => k.startsWith('thing')))
      expect(Array.from(String(v[1].value)).length).toBeLessThanOrEqual(20);
    expect(await w.doc('notices', `pickup|${o.o3._id}`)).toMatchObject({
      status: 'failed',
      reason: 'refused',
      errCode: 43101,
    });
    expect(await w.doc('notices', `pickup|${o.o4._id}`)).toMatchObject({ status: 'failed', reason: 'no_consent' });
    expect(await w.doc('notices', `pickup|${o.o5._id}`)).toBeUndefined();
    // The consent was used, and the refused one is known to be gone.
    expect((await w.doc('subscriptions', 'oAR1|TPL_PICKUP')).remaining).toBe(0);
    expect((await w.doc('subscriptions', 'oAR3|TPL_PICKUP')).remaining).toBe(0);

    const totals = await w.leader('skuTotals', { batchId: OPEN }, L1);
    expect(totals.data.arrivalConfirmed).toBe(true);
    expect(totals.data.items.map((i: any) => [i.batchItemId, i.qty])).toEqual([
      [ITEM.qingcai, 4],
      [ITEM.egg, 1],
      [ITEM.rice, 3],
    ]);
  });

  test('confirming again (and in parallel) refunds nothing and sends nothing new', async () => {
    await w.consent('oAR4'); // even with a consent now, no second notice goes out
    const again = await Promise.all([1, 2, 3].map(() => w.leader('confirmArrival', arrivalInput, L1)));
    expect(again.every((r) => r.ok && r.data.confirmed === false)).toBe(true);
    expect(again[0].data.refunds).toHaveLength(3);
    expect(outbox()).toHaveLength(2);
    expect(w.t.running.cloud.pay.listRefunds(w.env)).toHaveLength(3);
    expect(await w.find('refunds')).toHaveLength(3);
    expect(await w.find('chargebacks')).toHaveLength(3);
    expect(await w.find('notices', { kind: 'pickup' })).toHaveLength(4);
    // The three shortage refunds WeChat Pay completed: one refund notice each (nobody consented to that template).
    expect((await w.find('notices', { kind: 'refund' })).map((n: any) => n.reason)).toEqual([
      'no_consent',
      'no_consent',
      'no_consent',
    ]);
    // Another leader's arrival is theirs: it does not see or touch this one.
    expect((await w.leader('unnotified', { batchId: OPEN }, 'oLEADER2')).data.items).toEqual([]);
  });

  test('residents the notice did not reach are listed for the leader, phone tail only', async () => {
    const res = await w.leader('unnotified', { batchId: OPEN }, L1);
    expect(res.data.items.map((i: any) => [i.nickname, i.phoneTail, i.orderNo, i.reason]).sort()).toEqual(
      [
        ['郑三', '0003', o.o3.orderNo, 'refused'],
        ['冯四', '0004', o.o4.orderNo, 'no_consent'],
      ].sort(),
    );
    expect(JSON.stringify(res.data)).not.toContain('13911110003');
  });

  test('verification now picks what is left after the shortage', async () => {
    const res = await w.leader('verify', { batchId: OPEN, code: o.o2.code }, L1);
    expect(res.data).toMatchObject({ status: 'picked_up', pickedNow: 2 });
    expect((await w.doc('orders', o.o2._id)).lines[0]).toMatchObject({ qty: 3, refundedQty: 1, pickedQty: 2 });
    expect((await w.leader('verify', { batchId: OPEN, code: o.o5.code }, L1)).code).toBe('INVALID_STATE');
  });
});

describe('no-shows', () => {
  let deadline: number;
  beforeAll(async () => {
    const batch = await w.doc('batches', OPEN);
    deadline = businessInstant(addDays(batch.pickupDate, 1), '00:00').getTime();
  });
  const fire = () => w.t.running.cloud.functions.fireTrigger(w.env, 'leader') as Promise<any>;

  test('only admins set the rule; the timer cannot be driven by a resident', async () => {
    expect((await w.admin('settings.noShow', { rule: 'burn', graceHours: 2 })).code).toBe('INVALID_INPUT');
    expect((await w.admin('settings.noShow', { rule: 'refund', graceHours: 200 })).code).toBe('INVALID_INPUT');
    const set = await w.admin('settings.noShow', { rule: 'refund', graceHours: 2, remindHoursBefore: 4 });
    expect(set.data.noShow).toEqual({ rule: 'refund', graceHours: 2, remindHoursBefore: 4 });
    expect((await w.admin('settings.get', {})).data.noShow).toEqual(set.data.noShow);
    const forged = await w.call('leader', { Type: 'Timer', TriggerName: 'noShow' }, 'oAR1');
    expect(forged.code).toBe('UNKNOWN_ACTION');
  });

  test('one reminder before the deadline, however often the timer runs', async () => {
    await w.consent('oAR3', 'TPL_PICKUP_REMINDER');
    w.t.running.cloud.clock.set(deadline - 5 * 3600_000);
    expect((await fire()).data).toMatchObject({ remindersSent: 0, applied: 0 });
    w.t.running.cloud.clock.set(deadline - 3600_000);
    // o1, o3, o4 are still waiting (o2 was picked up, o5 refunded).
    expect((await fire()).data).toMatchObject({ remindersSent: 1, remindersFailed: 2, applied: 0 });
    expect(await fire()).toMatchObject({ data: { remindersSent: 0, applied: 0 } });
    expect(outbox('TPL_PICKUP_REMINDER').map((m) => m.touser)).toEqual(['oAR3']);
  });

  test('the rule applies once, after the grace period: unpicked units refunded', async () => {
    w.t.running.cloud.clock.set(deadline + 3600_000);
    expect((await fire()).data.applied).toBe(0);
    const before = w.t.running.cloud.pay.listRefunds(w.env).length;
    w.t.running.cloud.clock.set(deadline + 3 * 3600_000);
    const [a, b] = await Promise.all([fire(), fire()]);
    expect(a.data.applied + b.data.applied).toBe(3);
    expect((await fire()).data.applied).toBe(0);
    const fresh = w.t.running.cloud.pay.listRefunds(w.env).slice(before);
    expect(fresh.map((r) => [r.outTradeNo, r.refundFee]).sort()).toEqual(
      [
        [o.o1.orderNo, 2 * 290],
        [o.o1.orderNo, 3990],
        [o.o3.orderNo, 2590], // its qingcai was already refunded at arrival
        [o.o4.orderNo, 2 * 3990],
      ].sort(),
    );
    expect((await w.doc('orders', o.o4._id)).noShow).toMatchObject({ action: 'refund', qty: 2 });
    expect((await w.doc('orders', o.o2._id)).noShow).toBeUndefined();
  });
});
