import { buckets, ITEMS, leaderOf, startCommissionWorld, ADMIN, type CommissionWorld } from './commissionWorld';

let w: CommissionWorld;
beforeAll(async () => {
  w = await startCommissionWorld('commission-env', 6);
}, 60_000);
afterAll(() => w?.stop());
afterEach(() => w.t.running.cloud.clock.reset());

const floorBps = (fen: number, bps: number) => Math.floor((fen * bps) / 10_000);

async function summaryOf(openid: string) {
  const res = await w.commission('summary', openid);
  expect(res.ok).toBe(true);
  return res.data;
}

/** summary, the domain's balance() over the stored ledger, and the balance doc must all agree. */
async function expectConsistent(leaderId: string, openid: string) {
  const s = await summaryOf(openid);
  const b = buckets(await w.ledgerOf(leaderId));
  expect(s).toMatchObject(b);
  expect(await w.availableDoc(leaderId)).toBe(b.availableFen);
  return s;
}

describe('an order’s commission through its life', () => {
  const L = leaderOf(1);
  test('pending at payment, confirmed at pickup, reversed on a partial refund, settled after N days, clawed back after', async () => {
    const order = await w.paidOrder(L.resident, [
      { batchItemId: ITEMS.rice.id, qty: 2 }, // 7980 × 8% = 638
      { batchItemId: ITEMS.orange.id, qty: 1 }, // 2990 × 12% = 358
    ]);
    expect(order.leaderId).toBe(L.leaderId);
    await w.reconcile();
    let s = await expectConsistent(L.leaderId, L.openid);
    expect(s).toMatchObject({ pendingFen: 996, confirmedFen: 0, availableFen: 0, totalEarnedFen: 996 });
    expect((await w.ledgerOf(L.leaderId)).map((e) => [e.id, e.amountFen, e.rateBps]).sort()).toEqual([
      [`pending:${order._id}:${ITEMS.orange.id}`, 358, 1200],
      [`pending:${order._id}:${ITEMS.rice.id}`, 638, 800],
    ]);

    // Shortage: one bag of rice refunded. 638 − floor(3990 × 8%) = 319 reversed.
    await w.refund(order._id, [{ batchItemId: ITEMS.rice.id, qty: 1 }]);
    await w.reconcile();
    s = await expectConsistent(L.leaderId, L.openid);
    expect(s).toMatchObject({ pendingFen: 677, totalEarnedFen: 677 });

    await w.pickUp(order._id);
    await w.reconcile();
    s = await expectConsistent(L.leaderId, L.openid);
    expect(s).toMatchObject({ pendingFen: 0, confirmedFen: 677, availableFen: 0 });

    // One minute short of the settlement days: still confirmed.
    w.t.running.cloud.clock.advance(7 * 24 * 3600_000 - 60_000);
    await w.reconcile();
    expect(await summaryOf(L.openid)).toMatchObject({ confirmedFen: 677, availableFen: 0 });
    w.t.running.cloud.clock.advance(2 * 60_000);
    await w.reconcile();
    s = await expectConsistent(L.leaderId, L.openid);
    expect(s).toMatchObject({ pendingFen: 0, confirmedFen: 0, availableFen: 677, withdrawableFen: 677 });

    // After-sales refund of the orange after settlement: clawed back from available.
    await w.refund(order._id, [{ batchItemId: ITEMS.orange.id, qty: 1 }]);
    await w.reconcile();
    s = await expectConsistent(L.leaderId, L.openid);
    expect(s).toMatchObject({ availableFen: 319, totalEarnedFen: 319 });

    // Rerunning the reconciliation changes nothing.
    const before = (await w.ledgerOf(L.leaderId)).map((e) => e.id).sort();
    await w.reconcile();
    await Promise.all([w.reconcile(), w.reconcile()]);
    expect((await w.ledgerOf(L.leaderId)).map((e) => e.id).sort()).toEqual(before);
    expect(await expectConsistent(L.leaderId, L.openid)).toEqual(s);

    const ledger = await w.commission('ledger', L.openid, { pageSize: 2 });
    expect(ledger.data.items).toHaveLength(2);
    expect(ledger.data.hasMore).toBe(true);
    const reverses = await w.commission('ledger', L.openid, { kind: 'reverse' });
    expect(reverses.data.items.map((e: any) => e.amountFen).sort((a: number, b: number) => a - b)).toEqual([
      -358, -319,
    ]);
  });
});

describe('withdrawals', () => {
  const L = leaderOf(2);
  let available = 0;
  beforeAll(async () => {
    const order = await w.paidOrder(L.resident, [{ batchItemId: ITEMS.orange.id, qty: 10 }]); // 29900 × 12% = 3588
    await w.pickUp(order._id);
    await w.reconcile();
    w.passSettleDays();
    await w.reconcile();
    w.t.running.cloud.clock.reset();
    available = (await summaryOf(L.openid)).availableFen;
    expect(available).toBe(3588);
  });

  test('10 concurrent withdrawals of 60% of the balance: exactly one goes through, the balance never goes negative', async () => {
    const amountFen = Math.floor(available * 0.6);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        w.commission('withdraw', L.openid, { amountFen, clientRequestId: `race-${i}-abcdefgh` }),
      ),
    );
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(1);
    for (const r of results.filter((x) => !x.ok)) expect(['INSUFFICIENT_BALANCE', 'UNAVAILABLE']).toContain(r.code);
    expect(results.filter((r) => r.code === 'INSUFFICIENT_BALANCE').length).toBeGreaterThan(0);
    expect(await w.availableDoc(L.leaderId)).toBe(available - amountFen);
    const s = await expectConsistent(L.leaderId, L.openid);
    expect(s).toMatchObject({ availableFen: available - amountFen, withdrawnFen: amountFen });
    expect(await w.find('withdrawals', { leaderId: L.leaderId })).toHaveLength(1);
    available -= amountFen;
  });

  test('a retried withdrawal (same clientRequestId) is the same withdrawal and takes the money once', async () => {
    const req = { amountFen: 500, clientRequestId: 'retry-abcdefgh-1' };
    const [a, b] = await Promise.all([
      w.commission('withdraw', L.openid, req),
      w.commission('withdraw', L.openid, req),
    ]);
    const again = await w.commission('withdraw', L.openid, req);
    expect(a.ok && b.ok && again.ok).toBe(true);
    expect(new Set([a.data.withdrawal._id, b.data.withdrawal._id, again.data.withdrawal._id]).size).toBe(1);
    expect([a.data.created, b.data.created].filter(Boolean)).toHaveLength(1);
    expect(again.data.created).toBe(false);
    expect(await w.availableDoc(L.leaderId)).toBe(available - 500);
    await expectConsistent(L.leaderId, L.openid);
    available -= 500;
  });

  test('amounts over the balance or under the minimum are refused and change nothing', async () => {
    const over = await w.commission('withdraw', L.openid, {
      amountFen: available + 1,
      clientRequestId: 'over-abcdefgh',
    });
    expect(over).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
    const under = await w.commission('withdraw', L.openid, { amountFen: 99, clientRequestId: 'under-abcdefgh' });
    expect(under).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
    const bad = await w.commission('withdraw', L.openid, { amountFen: -5, clientRequestId: 'neg-abcdefgh' });
    expect(bad).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await w.availableDoc(L.leaderId)).toBe(available);
  });

  test('two parallel rejects give the money back exactly once; a paid withdrawal cannot be rejected', async () => {
    const made = await w.commission('withdraw', L.openid, { amountFen: 300, clientRequestId: 'reject-abcdefgh' });
    expect(made.ok).toBe(true);
    const id = made.data.withdrawal._id;
    expect(await w.availableDoc(L.leaderId)).toBe(available - 300);
    const [r1, r2] = await Promise.all([
      w.admin('withdrawals.reject', ADMIN, { id, reason: '信息有误' }),
      w.admin('withdrawals.reject', ADMIN, { id, reason: '信息有误' }),
    ]);
    expect(r1).toMatchObject({ ok: true, data: { status: 'rejected', reason: '信息有误' } });
    expect(r2).toMatchObject({ ok: true, data: { status: 'rejected' } });
    expect(await w.availableDoc(L.leaderId)).toBe(available);
    expect((await w.ledgerOf(L.leaderId)).filter((e) => e.kind === 'withdraw_reject')).toHaveLength(1);
    await expectConsistent(L.leaderId, L.openid);

    const paid = await w.commission('withdraw', L.openid, { amountFen: 200, clientRequestId: 'paid-abcdefgh' });
    const pid = paid.data.withdrawal._id;
    expect(await w.admin('withdrawals.markPaid', ADMIN, { id: pid, reference: 'T1' })).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(await w.admin('withdrawals.approve', ADMIN, { id: pid })).toMatchObject({
      ok: true,
      data: { status: 'approved' },
    });
    // A repeated approve (a double click) answers the approved withdrawal.
    expect(await w.admin('withdrawals.approve', ADMIN, { id: pid })).toMatchObject({
      ok: true,
      data: { status: 'approved' },
    });
    expect(await w.admin('withdrawals.markPaid', ADMIN, { id: pid, reference: 'WX-8888' })).toMatchObject({
      ok: true,
      data: { status: 'paid', reference: 'WX-8888' },
    });
    expect(await w.admin('withdrawals.reject', ADMIN, { id: pid, reason: '晚了' })).toMatchObject({
      ok: false,
      code: 'INVALID_STATE',
    });
    expect(await w.availableDoc(L.leaderId)).toBe(available - 200);
    available -= 200;

    const mine = await w.commission('withdrawals', L.openid);
    expect(mine.data.items.map((x: any) => x.status).sort()).toEqual(['paid', 'pending', 'pending', 'rejected']);
    const listed = await w.admin('withdrawals.list', ADMIN, { status: 'paid', leaderId: L.leaderId });
    expect(listed.data.items.map((x: any) => x._id)).toEqual([pid]);
    await expectConsistent(L.leaderId, L.openid);
  });

  test('two withdrawals at once both go through, as one after the other; when every try conflicts: UNAVAILABLE, nothing moves, a retry works', async () => {
    const [a, b] = await Promise.all([
      w.commission('withdraw', L.openid, { amountFen: 200, clientRequestId: 'pair-a-abcdefgh' }),
      w.commission('withdraw', L.openid, { amountFen: 300, clientRequestId: 'pair-b-abcdefgh' }),
    ]);
    expect(a).toMatchObject({ ok: true, data: { created: true } });
    expect(b).toMatchObject({ ok: true, data: { created: true } });
    expect(await w.availableDoc(L.leaderId)).toBe(available - 500);
    available -= 500;
    await expectConsistent(L.leaderId, L.openid);

    const req = { amountFen: 100, clientRequestId: 'busy-abcdefgh' };
    w.t.running.cloud.faults.set({ txConflictRate: 1 });
    const busy = await w.commission('withdraw', L.openid, req).finally(() => w.t.running.cloud.faults.clear());
    expect(busy).toEqual({ ok: false, code: 'UNAVAILABLE', message: '同时操作的人较多，请稍后重试' });
    expect(await w.availableDoc(L.leaderId)).toBe(available);
    expect(await w.find('withdrawals', { clientRequestId: req.clientRequestId })).toEqual([]);
    await expectConsistent(L.leaderId, L.openid);
    expect(await w.commission('withdraw', L.openid, req)).toMatchObject({ ok: true, data: { created: true } });
    expect(await w.availableDoc(L.leaderId)).toBe(available - 100);
    available -= 100;
  });
});

describe('who may see and move the money', () => {
  const L = leaderOf(3);
  beforeAll(async () => {
    const order = await w.paidOrder(L.resident, [{ batchItemId: ITEMS.banana.id, qty: 10 }]); // 9900 × 12% = 1188
    await w.pickUp(order._id);
    await w.reconcile();
    w.passSettleDays();
    await w.reconcile();
    w.t.running.cloud.clock.reset();
  });

  test('a resident, a stranger and another leader cannot see or withdraw this leader’s money', async () => {
    expect(await w.commission('summary', L.resident)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(
      await w.commission('withdraw', L.resident, { amountFen: 100, clientRequestId: 'res-abcdefgh' }),
    ).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await w.commission('summary', undefined)).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await w.commission('summary', 'oSTRANGER')).toMatchObject({ ok: false, code: 'FORBIDDEN' });

    const other = leaderOf(4);
    // A leaderId in the input is ignored: the leader is always the caller.
    const s = await w.commission('summary', other.openid, { leaderId: L.leaderId });
    expect(s.data).toMatchObject({ leaderId: other.leaderId, availableFen: 0 });
    const ledger = await w.commission('ledger', other.openid, { leaderId: L.leaderId });
    expect(ledger.data.items).toEqual([]);
    const take = await w.commission('withdraw', other.openid, {
      amountFen: 1000,
      clientRequestId: 'steal-abcdefgh',
      leaderId: L.leaderId,
    });
    expect(take).toMatchObject({ ok: false, code: 'INSUFFICIENT_BALANCE' });
    expect(await w.availableDoc(L.leaderId)).toBe(1188);
    expect((await w.commission('withdrawals', other.openid)).data.items).toEqual([]);
  });

  test('admin actions refuse leaders and residents; the timer cannot be driven from the mini-program', async () => {
    for (const [action, data] of [
      ['withdrawals.list', {}],
      ['withdrawals.approve', { id: 'x' }],
      ['withdrawals.markPaid', { id: 'x', reference: 'r' }],
      ['withdrawals.reject', { id: 'x', reason: 'r' }],
      ['commission.settings.get', {}],
      ['commission.settings.set', { settleDays: 0, tiers: [], newLeaderBonus: null, minWithdrawFen: 1 }],
      ['commission.reconcile', {}],
    ] as const) {
      expect(await w.admin(action, L.openid, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
      expect(await w.admin(action, L.resident, data)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
    expect(await w.commission('summary', L.openid)).toMatchObject({ ok: true });
    const timer = await w.t.call('commission', { Type: 'Timer' }, L.openid);
    expect(timer).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  });

  test('settings are validated: tiers ascending, bps 0..5000', async () => {
    const base = { settleDays: 7, newLeaderBonus: null, minWithdrawFen: 100 };
    const notAscending = await w.admin('commission.settings.set', ADMIN, {
      ...base,
      tiers: [
        { minGmvFen: 5000, bonusBps: 100 },
        { minGmvFen: 5000, bonusBps: 200 },
      ],
    });
    expect(notAscending).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const tooRich = await w.admin('commission.settings.set', ADMIN, {
      ...base,
      tiers: [{ minGmvFen: 1, bonusBps: 5001 }],
    });
    expect(tooRich).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect((await w.admin('commission.settings.get', ADMIN)).data).toMatchObject({ settleDays: 7, tiers: [] });
    const good = {
      ...base,
      tiers: [
        { minGmvFen: 100_000, bonusBps: 100 },
        { minGmvFen: 500_000, bonusFen: 8800 },
      ],
    };
    expect(await w.admin('commission.settings.set', ADMIN, good)).toMatchObject({ ok: true, data: good });
    // Back to no tiers, so no other test sees a bonus.
    await w.admin('commission.settings.set', ADMIN, { ...base, tiers: [] });
  });
});

describe('the ledger says what the orders say', () => {
  const L = leaderOf(5);
  const items = Object.values(ITEMS);
  // mulberry32: a small seeded generator, so a failure replays the same scenario.
  let seed = Number(process.env.COMMISSION_SEED ?? 20240611);
  const rand = (n: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };

  test('random orders with random partial refunds, before and after pickup and settlement: Σ ledger = Σ floor((paid − refunded) × rate)', async () => {
    const orderIds: string[] = [];
    const refundSome = async () => {
      for (const id of orderIds) {
        const o = await w.doc('orders', id);
        const line = o.lines[rand(o.lines.length)];
        const left = line.qty - line.refundedQty;
        if (left > 0 && rand(2)) await w.refund(id, [{ batchItemId: line.batchItemId, qty: 1 + rand(left) }]);
      }
    };
    for (let round = 0; round < 3; round++) {
      for (let k = 0; k < 3; k++) {
        const picked = [...new Set(Array.from({ length: 1 + rand(3) }, () => items[rand(items.length)]))];
        const order = await w.paidOrder(
          L.resident,
          picked.map((it) => ({ batchItemId: it.id, qty: 1 + rand(4) })),
        );
        orderIds.push(order._id);
      }
      // Some orders are reconciled before their refunds, some after, some picked up in between.
      if (round !== 1) await w.reconcile();
      for (const id of orderIds) {
        const o = await w.doc('orders', id);
        if (o.status === 'paid' && rand(3) === 0) await w.pickUp(id);
      }
      await refundSome();
    }
    await w.reconcile();
    // Settle what was picked up, then refunds after settlement (clawbacks).
    w.passSettleDays();
    await w.reconcile();
    await refundSome();
    await w.reconcile();

    const rate = new Map(items.map((it) => [it.id, it.bps]));
    const ledger = await w.ledgerOf(L.leaderId);
    let expectedTotal = 0;
    for (const id of orderIds) {
      const o = await w.doc('orders', id);
      const expected = o.lines.reduce(
        (s: number, l: any) => s + floorBps(l.amountFen - l.refundedFen, rate.get(l.batchItemId)!),
        0,
      );
      const booked = ledger
        .filter((e) => e.orderId === id && (e.kind === 'pending' || e.kind === 'reverse'))
        .reduce((s, e) => s + e.amountFen, 0);
      expect({ id, booked }).toEqual({ id, booked: expected });
      expectedTotal += expected;
    }
    const s = await expectConsistent(L.leaderId, L.openid);
    expect(s.totalEarnedFen).toBe(expectedTotal);
    expect(s.pendingFen + s.confirmedFen + s.availableFen).toBe(expectedTotal);

    // The scenario did exercise refunds at every stage.
    expect(ledger.filter((e) => e.kind === 'reverse').length).toBeGreaterThan(2);
    expect(ledger.filter((e) => e.kind === 'settle').length).toBeGreaterThan(0);
    expect(s.pendingFen).toBeGreaterThan(0);

    const ids = ledger.map((e) => e.id).sort();
    await w.reconcile();
    expect((await w.ledgerOf(L.leaderId)).map((e) => e.id).sort()).toEqual(ids);

    // Stats over the days the orders were paid add up to the same money.
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const stats = await w.commission('stats', L.openid, { granularity: 'day', from: today, to: today });
    expect(stats.data.rows).toHaveLength(1);
    expect(stats.data.totals.orders).toBe(orderIds.length);
    expect(stats.data.totals.commissionFen).toBe(expectedTotal);
    let sales = 0;
    for (const id of orderIds) {
      const o = await w.doc('orders', id);
      sales += o.paidFen - o.refundedFen;
    }
    expect(stats.data.totals.salesFen).toBe(sales);
    const weeks = await w.commission('stats', L.openid, { granularity: 'week', from: today, to: today });
    expect(weeks.data.totals).toEqual(stats.data.totals);
  }, 120_000);

  test('stats refuse a range over 92 days or upside down', async () => {
    expect(
      await w.commission('stats', L.openid, { granularity: 'month', from: '2025-01-01', to: '2025-04-03' }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await w.commission('stats', L.openid, { granularity: 'day', from: '2025-02-01', to: '2025-01-01' }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    const months = await w.commission('stats', L.openid, {
      granularity: 'month',
      from: '2025-01-01',
      to: '2025-04-01',
    });
    expect(months.data.rows.map((r: any) => r[0])).toEqual(['2025-01', '2025-02', '2025-03', '2025-04']);
  });
});
