import { OPEN, ITEM, startShop, type Shop } from './shop';

const env = 'events-env';
let shop: Shop;
beforeAll(async () => {
  shop = await startShop(env);
});
afterAll(() => shop.stop());

const ADMIN = 'oADMIN';
const at = () => new Date().toISOString();
const ev = (type: string, extra: Record<string, unknown> = {}) => ({ type, at: at(), batchId: OPEN, ...extra });
const track = (openid: string | undefined, events: unknown) => shop.call('events', { action: 'track', events }, openid);
const bucketsOf = (openid: string) => shop.find('events', { openid });
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let seq = 0;
async function paidOrder(openid: string, pickupPointId: string, paidAt: Date, status = 'paid') {
  const n = seq++;
  await shop.db.collection('orders').add({
    data: {
      _id: `ev-order-${n}`,
      orderNo: `ev${String(n).padStart(10, '0')}`,
      openid,
      batchId: OPEN,
      pickupPointId,
      leaderId: 'leader-wang',
      status,
      pickupKey: `ev-key-${n}`,
      lines: [
        {
          batchItemId: ITEM.egg,
          productId: 'p-egg',
          title: '蛋',
          qty: 1,
          refundedQty: 0,
          amountFen: 2590,
          refundedFen: 0,
        },
      ],
      totalFen: 2590,
      paidFen: 2590,
      refundedFen: 0,
      createdAt: paidAt,
      paidAt,
    },
  });
}

describe('events.track', () => {
  test('a flush is stored in one write per minute, with the openid from the cloud context only', async () => {
    const res = await track('oEvA', [ev('view', { batchItemId: ITEM.egg }), ev('cart', { batchItemId: ITEM.egg })]);
    expect(res).toMatchObject({ ok: true, data: { stored: 2 } });
    expect((await track('oEvA', [ev('checkout')])).data.stored).toBe(1);
    const buckets = await bucketsOf('oEvA');
    expect(buckets).toHaveLength(1);
    expect(buckets[0]).toMatchObject({ openid: 'oEvA', day: today(), count: 3 });
    expect(buckets[0].events.map((e: any) => e.type)).toEqual(['view', 'cart', 'checkout']);
    // An openid in the payload is not a field of an event: dropped, never believed.
    expect((await track('oEvA', [{ ...ev('share'), openid: 'oSomeoneElse' }])).ok).toBe(true);
    expect(await bucketsOf('oSomeoneElse')).toEqual([]);
    expect((await bucketsOf('oEvA'))[0].events[3]).not.toHaveProperty('openid');
  });

  test('bad input answers INVALID_INPUT and stores nothing; no caller is UNAUTHENTICATED', async () => {
    const bad: unknown[] = [
      undefined,
      [],
      [{ type: 'purchase', at: at() }],
      [{ type: 'view' }],
      [{ type: 'view', at: 'yesterday' }],
      [{ type: 'view', at: at(), batchId: '' }],
      Array.from({ length: 51 }, () => ev('view')),
      'view',
    ];
    for (const events of bad)
      expect({ events, code: (await track('oEvBad', events)).code }).toEqual({ events, code: 'INVALID_INPUT' });
    expect((await track(undefined, [ev('view')])).code).toBe('UNAUTHENTICATED');
    expect(await bucketsOf('oEvBad')).toEqual([]);
  });

  test('at most 200 events per resident per minute, also when flushes race; the refused one stores nothing', async () => {
    const fifty = Array.from({ length: 50 }, () => ev('view'));
    // All six inside one minute: a run that straddled a minute's end filled two buckets (250 stored, a red run).
    const clock = shop.t.running.cloud.clock;
    clock.advance(60_000 - (clock.now() % 60_000) + 1_000);
    const results = await Promise.all(Array.from({ length: 6 }, () => track('oEvBusy', fifty)));
    const ok = results.filter((r: any) => r.ok);
    expect(ok).toHaveLength(4);
    expect(results.filter((r: any) => !r.ok).map((r: any) => r.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    const [bucket] = await bucketsOf('oEvBusy');
    expect(bucket.count).toBe(200);
    expect(bucket.events).toHaveLength(200);
    // Someone else is not limited by it.
    expect((await track('oEvCalm', [ev('view')])).ok).toBe(true);
  });

  test('a phone clock far off is replaced by the receipt time', async () => {
    await track('oEvClock', [{ type: 'view', at: '2001-01-01T00:00:00.000Z' }]);
    const [bucket] = await bucketsOf('oEvClock');
    expect(Math.abs(new Date(bucket.events[0].at).getTime() - Date.now())).toBeLessThan(60_000);
  });
});

describe('analytics for the admin', () => {
  const funnelToday = async () =>
    (await shop.call('admin', { action: 'analytics.funnel', from: today(), to: today(), batchId: OPEN }, ADMIN)).data;

  test('funnel: residents who viewed, carted, opened checkout (events), paid and picked up (orders)', async () => {
    const before = (await funnelToday()).days[0];
    // Three view, two cart (one twice), one opens checkout; two pay, one of them picked up.
    for (const who of ['oFunA', 'oFunB', 'oFunC']) await track(who, [ev('view'), ev('view')]);
    await track('oFunA', [ev('cart'), ev('cart'), ev('checkout')]);
    await track('oFunB', [ev('cart')]);
    // An event of another batch does not count in this batch's funnel.
    await track('oFunD', [ev('view', { batchId: 'batch-tomorrow' })]);
    await paidOrder('oFunA', 'pp-sunshine', new Date(), 'picked_up');
    await paidOrder('oFunA', 'pp-sunshine', new Date());
    await paidOrder('oFunB', 'pp-sunshine', new Date(), 'cancelled');
    await paidOrder('oFunC', 'pp-sunshine', new Date());
    const after = (await funnelToday()).days[0];
    expect({
      viewed: after.viewed - before.viewed,
      carted: after.carted - before.carted,
      checkout: after.checkout - before.checkout,
      ordered: after.ordered - before.ordered,
      pickedUp: after.pickedUp - before.pickedUp,
    }).toEqual({ viewed: 3, carted: 2, checkout: 1, ordered: 2, pickedUp: 1 });
    const week = await shop.call('admin', { action: 'analytics.funnel', from: '2026-11-01', to: '2026-11-07' }, ADMIN);
    expect(week.data.days.map((d: any) => d.date)).toEqual([
      '2026-11-01',
      '2026-11-02',
      '2026-11-03',
      '2026-11-04',
      '2026-11-05',
      '2026-11-06',
      '2026-11-07',
    ]);
  });

  test('cohorts: residents by the week of their first order, and who came back in later weeks', async () => {
    // Weeks starting Monday 2025-03-03, -10, -17 (Shanghai); 12:00 Shanghai = 04:00Z.
    const on = (date: string) => new Date(`${date}T04:00:00Z`);
    await paidOrder('oCoOld', 'pp-sunshine', on('2025-01-15')); // ordered before the window: not new in it
    await paidOrder('oCoOld', 'pp-sunshine', on('2025-03-04'));
    await paidOrder('oCoA', 'pp-sunshine', on('2025-03-03'));
    await paidOrder('oCoA', 'pp-sunshine', on('2025-03-05')); // same week again: still week 0
    await paidOrder('oCoA', 'pp-sunshine', on('2025-03-17'));
    await paidOrder('oCoB', 'pp-sunshine', on('2025-03-09'));
    await paidOrder('oCoB', 'pp-sunshine', on('2025-03-12'));
    await paidOrder('oCoC', 'pp-cuiyuan', on('2025-03-11'));
    const res = await shop.call('admin', { action: 'analytics.cohorts', weeks: 3, day: '2025-03-19' }, ADMIN);
    expect(res.data.cohorts).toEqual([
      { week: '2025-03-03', residents: 2, retained: [1, 1] },
      { week: '2025-03-10', residents: 1, retained: [0] },
      { week: '2025-03-17', residents: 0, retained: [] },
    ]);
  });

  test('community activity: the share of each point’s residents who ordered this week', async () => {
    const points = async () =>
      (await shop.call('admin', { action: 'analytics.points' }, ADMIN)).data.points.find(
        (p: any) => p.pickupPointId === 'pp-cuiyuan',
      );
    const before = await points();
    await shop.db
      .collection('users')
      .add({ data: { _id: 'oGuiA', roles: ['resident'], pickupPointId: 'pp-cuiyuan', createdAt: new Date() } });
    await shop.db
      .collection('users')
      .add({ data: { _id: 'oGuiB', roles: ['resident'], pickupPointId: 'pp-cuiyuan', createdAt: new Date() } });
    await paidOrder('oGuiA', 'pp-cuiyuan', new Date());
    const after = await points();
    expect(after.residents - before.residents).toBe(2);
    expect(after.ordering - before.ordering).toBe(1);
    expect(after.activeRate).toBeCloseTo(Math.min(after.ordering, after.residents) / after.residents, 3);
  });

  test('only admins; bad ranges are INVALID_INPUT', async () => {
    for (const action of ['analytics.funnel', 'analytics.cohorts', 'analytics.points'])
      expect((await shop.call('admin', { action, from: today(), to: today() }, 'oRESIDENT1')).code).toBe('FORBIDDEN');
    for (const data of [
      { action: 'analytics.funnel', from: '2026-12-02', to: '2026-12-01' },
      { action: 'analytics.funnel', from: '2026-01-01', to: '2026-03-01' },
      { action: 'analytics.funnel', from: '2026-02-30', to: '2026-03-01' },
      { action: 'analytics.cohorts', weeks: 1 },
      { action: 'analytics.cohorts', weeks: 13 },
      { action: 'analytics.points', day: '2026-13-01' },
    ])
      expect({ data, code: (await shop.call('admin', data, ADMIN)).code }).toEqual({ data, code: 'INVALID_INPUT' });
  });
});
