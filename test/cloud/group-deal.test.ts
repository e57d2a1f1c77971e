import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';
import { NOT_ADMINS, RES1, RES2, batchLine, startAdminWorld, type AdminWorld } from './adminWorld';
import { rid } from './shop';

/**
 * 拼团 through the real SDK: the admin's terms on a draft batch's item, a group
 * opened by one resident's order and joined by others (one guarded update per
 * seat: parallel joins never overfill it), the group price set by the server,
 * the group filled by its last payment, and a failed group refunded in full by
 * the timer exactly once.
 */
jest.setTimeout(180_000);
const MINUTE = 60_000;
const POINT = 'pp-sunshine';
const TERMS = { priceFen: 1990, size: 3, minutes: 30 };
let w: AdminWorld;
let batchId: string;
let groupItem: string;
let plainItem: string;

beforeAll(async () => {
  w = await startAdminWorld('group-deal-env');
}, 60_000);
afterAll(() => w?.stop());

const order = (data: Record<string, unknown>, openid: string | undefined) => w.call('order', data, openid);
const create = (openid: string, groupDeal: unknown, extra: Record<string, unknown> = {}) =>
  order(
    {
      action: 'create',
      clientRequestId: rid('grp'),
      batchId,
      pickupPointId: POINT,
      lines: [{ batchItemId: groupItem, qty: 1 }],
      groupDeal,
      ...extra,
    },
    openid,
  );
const pay = async (openid: string, created: { _id: string; orderNo: string }) => {
  const prep = await w.call('pay', { action: 'prepare', orderId: created._id }, openid);
  if (!prep.ok) throw new Error(`pay.prepare ${prep.code}: ${prep.message}`);
  await w.t.running.cloud.pay.simulatePay(w.env, created.orderNo, { openid });
};
const group = (groupId: string) => w.doc('groupDeals', groupId);
const tick = (): Promise<any> => w.t.running.cloud.functions.fireTrigger(w.env, 'scheduler');
/** A group opened by `opener` and paid: open for TERMS.minutes. */
const openGroup = async (opener: string) => {
  const res = await create(opener, { open: true });
  expect(res.ok).toBe(true);
  await pay(opener, res.data);
  return res.data.groupId as string;
};

describe('the admin sets 拼团 terms on a draft batch item', () => {
  const window = () => {
    const opensAt = new Date(w.now().getTime() - MINUTE);
    const cutoffAt = new Date(opensAt.getTime() + 6 * 60 * MINUTE);
    return {
      title: '拼团日',
      opensAt: opensAt.toISOString(),
      cutoffAt: cutoffAt.toISOString(),
      pickupDate: addDays(businessDate(cutoffAt), 1),
    };
  };

  test('bad terms are INVALID_INPUT with the reason, and nothing is stored', async () => {
    const before = await w.dump('batches', 'batchItems');
    const bad: Array<[unknown, string]> = [
      [{ ...TERMS, priceFen: 2590 }, '拼团价须低于团购价'],
      [{ ...TERMS, size: 1 }, '成团人数须为 2-50 人'],
      [{ ...TERMS, minutes: 4 }, '拼团时限须为 5-1440 分钟'],
      [{ ...TERMS, priceFen: 19.9 }, '拼团价'],
      [{ priceFen: 1990 }, '成团人数'],
    ];
    for (const [groupDeal, message] of bad) {
      const res = await w.admin('batches.create', {
        ...window(),
        items: [{ ...batchLine('p-rice', 2590), groupDeal }],
      });
      expect(res).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
      expect(res.message).toContain(message);
    }
    expect(await w.dump('batches', 'batchItems')).toBe(before);
  });

  test('terms are kept on the item, edited or removed while a draft, fixed once open', async () => {
    const detail = await w.ok('batches.create', {
      ...window(),
      items: [
        { ...batchLine('p-rice', 2590), groupDeal: TERMS },
        { ...batchLine('p-qingcai', 290), stock: 100 },
      ],
    });
    batchId = detail.batch._id;
    [groupItem, plainItem] = detail.items.map((i: any) => i._id);
    expect(detail.items.map((i: any) => i.groupDeal)).toEqual([TERMS, undefined]);

    const edited = await w.ok('batches.items.update', {
      batchItemId: plainItem,
      groupDeal: { ...TERMS, priceFen: 250 },
    });
    expect(edited.groupDeal).toEqual({ ...TERMS, priceFen: 250 });
    // A price below the group price would make the group no bargain.
    const under = await w.admin('batches.items.update', { batchItemId: plainItem, priceFen: 200 });
    expect(under).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(under.message).toContain('拼团价须低于团购价');
    const removed = await w.ok('batches.items.update', { batchItemId: plainItem, groupDeal: null });
    expect(removed.groupDeal).toBeUndefined();
    expect((await w.doc('batchItems', plainItem)).groupDeal).toBeUndefined();

    for (const [who, openid, code] of NOT_ADMINS) {
      const res = await w.admin('batches.items.update', { batchItemId: plainItem, groupDeal: TERMS }, openid);
      expect([who, res.code]).toEqual([who, code]);
    }
    expect((await w.doc('batchItems', plainItem)).groupDeal).toBeUndefined();

    await w.ok('batches.open', { id: batchId });
    const late = await w.admin('batches.items.update', { batchItemId: groupItem, groupDeal: null });
    expect(late).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect((await w.doc('batchItems', groupItem)).groupDeal).toEqual(TERMS);
  });

  test("the resident's item views carry the terms", async () => {
    const items = await w.call('catalog', { action: 'items', batchId }, RES1);
    const byId = new Map(items.data.items.map((i: any) => [i._id, i]));
    expect((byId.get(groupItem) as any).groupDeal).toEqual(TERMS);
    expect((byId.get(plainItem) as any).groupDeal).toBeUndefined();
    const one = await w.call('catalog', { action: 'item', batchItemId: groupItem }, RES1);
    expect(one.data.groupDeal).toEqual(TERMS);
  });
});

describe('a group that fills', () => {
  let groupId: string;
  const joiners = Array.from({ length: 20 }, (_, k) => `oGroupJoin${k}`);

  test('the opener pays the group price whatever the client sends; nobody joins before the opener paid', async () => {
    const res = await create(
      RES1,
      { open: true },
      {
        lines: [{ batchItemId: groupItem, qty: 1, priceFen: 1 }],
        totalFen: 1,
      },
    );
    expect(res.ok).toBe(true);
    expect(res.data).toMatchObject({
      totalFen: TERMS.priceFen,
      lines: [{ priceFen: TERMS.priceFen, amountFen: 1990 }],
    });
    groupId = res.data.groupId;
    expect(await group(groupId)).toMatchObject({ status: 'opening', seats: 1, size: 3 });
    const early = await create(RES2, { groupId });
    expect(early).toMatchObject({ ok: false, code: 'INVALID_STATE' });

    await pay(RES1, res.data);
    const opened = await group(groupId);
    expect(opened.status).toBe('open');
    const paidAt = new Date((await w.doc('orders', res.data._id)).paidAt).getTime();
    expect(new Date(opened.expiresAt).getTime()).toBe(paidAt + TERMS.minutes * MINUTE);
    // The opener holds a seat already.
    expect(await create(RES1, { groupId })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  test('20 residents join at once: exactly the 2 free seats are taken, the others are told and nothing of theirs changes', async () => {
    const stockBefore = (await w.doc('batchItems', groupItem)).stock;
    const answers = await Promise.all(joiners.map((openid) => create(openid, { groupId })));
    const ok = answers.filter((a) => a.ok);
    expect(ok).toHaveLength(TERMS.size - 1);
    const refused = answers.filter((a) => !a.ok);
    expect(new Set(refused.map((a) => a.code))).toEqual(new Set(['INVALID_STATE']));
    expect(refused[0].message).toContain('这个团已满');

    const g = await group(groupId);
    expect(g.seats).toBe(TERMS.size);
    expect(Object.keys(g.members)).toHaveLength(TERMS.size);
    expect(await w.find('orders', { groupId })).toHaveLength(TERMS.size);
    expect((await w.doc('batchItems', groupItem)).stock).toBe(stockBefore - (TERMS.size - 1));
    for (const a of ok) expect(a.data).toMatchObject({ groupId, totalFen: TERMS.priceFen });

    // The share card before the last payments: 1 of 3 paid, 还差 2 人, names masked, no openid.
    const progress = await order({ action: 'group', groupId }, 'oSomeNeighbour');
    expect(progress.data).toMatchObject({
      size: 3,
      paidMembers: 1,
      missing: 2,
      status: 'open',
      priceFen: 1990,
      listPriceFen: 2590,
      joined: false,
    });
    expect(progress.data.members).toHaveLength(3);
    expect(progress.data.members[0]).toMatchObject({ opener: true, paid: true });
    expect(JSON.stringify(progress.data)).not.toMatch(/oRESIDENT|oGroupJoin/);

    for (const a of ok) await pay(joiners[answers.indexOf(a)], a.data);
    const filled = await group(groupId);
    expect(filled.status).toBe('filled');
    const members = await w.find('orders', { groupId });
    for (const m of members) {
      expect(m.status).toBe('paid');
      // paid + 0 discount = the list total at the group price
      expect(m.paidFen).toBe(m.lines.reduce((s: number, l: any) => s + l.priceFen * l.qty, 0));
      expect(m.lines[0].priceFen).toBe(TERMS.priceFen);
    }
    const done = await order({ action: 'group', groupId }, RES1);
    expect(done.data).toMatchObject({ status: 'filled', paidMembers: 3, missing: 0, joined: true });
    expect(await create('oLateNeighbour', { groupId })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    // The timer leaves a filled group alone.
    await tick();
    expect((await w.find('orders', { groupId })).every((o: any) => o.status === 'paid')).toBe(true);
    expect(await w.find('refunds', { orderId: members[0]._id })).toHaveLength(0);
  });
});

describe('a group that fails', () => {
  test('at its time every paid member is refunded in full once, unpaid ones cancelled, stock back; ticks twice at once change nothing more', async () => {
    const stockBefore = (await w.doc('batchItems', groupItem)).stock;
    const groupId = await openGroup('oFailOpener');
    const paidJoin = await create('oFailPaid', { groupId });
    await pay('oFailPaid', paidJoin.data);
    const unpaidJoin = await create('oFailUnpaid', { groupId });
    expect(unpaidJoin.ok).toBe(true);
    // Full; a member who cancels gives the seat back for another neighbour.
    expect(await create('oFailSecond', { groupId })).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect((await order({ action: 'cancel', orderId: unpaidJoin.data._id }, 'oFailUnpaid')).ok).toBe(true);
    expect((await group(groupId)).seats).toBe(2);
    const second = await create('oFailSecond', { groupId });
    expect(second.ok).toBe(true);
    // The unpaid joiner's window ends with the group, not 15 minutes on.
    expect(new Date(unpaidJoin.data.payDeadline).getTime()).toBeLessThanOrEqual(
      new Date((await group(groupId)).expiresAt).getTime(),
    );

    w.advance(TERMS.minutes * MINUTE + MINUTE);
    const [a, b] = await Promise.all([tick(), tick()]);
    expect(a.ok && b.ok).toBe(true);
    await tick();

    const g = await group(groupId);
    expect(g.status).toBe('failed');
    expect(g.refundedAt).toBeTruthy();
    const members = await w.find('orders', { groupId });
    const paid = members.filter((m: any) => m.paidAt);
    expect(paid).toHaveLength(2);
    for (const m of paid) expect(m.status).toBe('refunding');
    expect(members.find((m: any) => m._id === unpaidJoin.data._id).status).toBe('cancelled');
    expect(members.find((m: any) => m._id === second.data._id).status).toBe('cancelled');
    const wx = w.t.running.cloud.pay
      .listRefunds(w.env)
      .filter((r: any) => paid.some((m: any) => m.orderNo === r.outTradeNo));
    expect(wx.map((r: any) => [r.outRefundNo, r.refundFee]).sort()).toEqual(
      paid.map((m: any) => [`group_${m.orderNo}`, TERMS.priceFen]).sort(),
    );
    expect((await w.doc('batchItems', groupItem)).stock).toBe(stockBefore);

    for (const m of paid) await w.t.running.cloud.pay.simulateRefund(w.env, `group_${m.orderNo}`);
    await tick();
    const after = await w.find('orders', { groupId });
    expect(after.filter((m: any) => m.paidAt).map((m: any) => [m.status, m.refundedFen])).toEqual([
      ['refunded', TERMS.priceFen],
      ['refunded', TERMS.priceFen],
    ]);
    expect(
      w.t.running.cloud.pay.listRefunds(w.env).filter((r: any) => r.outRefundNo.startsWith('group_')),
    ).toHaveLength(2);
    const shown = await order({ action: 'group', groupId }, 'oFailPaid');
    expect(shown.data).toMatchObject({ status: 'failed', joined: true });
  });
});

describe('a group whose opener never pays', () => {
  test('ends when the payment window is over, with nobody to refund; stock back', async () => {
    const stockBefore = (await w.doc('batchItems', groupItem)).stock;
    const res = await create('oNeverPays', { open: true });
    expect(res.ok).toBe(true);
    await tick();
    expect(await group(res.data.groupId)).toMatchObject({ status: 'opening' });
    w.advance(16 * MINUTE);
    await tick();
    expect(await group(res.data.groupId)).toMatchObject({ status: 'failed', refundedAt: expect.anything() });
    expect((await w.doc('orders', res.data._id)).status).toBe('cancelled');
    expect(await w.find('refunds', { orderId: res.data._id })).toHaveLength(0);
    expect((await w.doc('batchItems', groupItem)).stock).toBe(stockBefore);
  });
});

describe('what is refused', () => {
  test('bad 拼团 input is INVALID_INPUT or NOT_FOUND and changes nothing; a stranger is refused', async () => {
    const before = await w.dump('orders', 'groupDeals', 'batchItems');
    const cases: Array<[unknown, Record<string, unknown>, string]> = [
      [{ open: false }, {}, 'INVALID_INPUT'],
      [{ groupId: '' }, {}, 'INVALID_INPUT'],
      [{ open: true }, { lines: [{ batchItemId: plainItem, qty: 1 }] }, 'INVALID_INPUT'],
      [
        { open: true },
        {
          lines: [
            { batchItemId: groupItem, qty: 1 },
            { batchItemId: plainItem, qty: 1 },
          ],
        },
        'INVALID_INPUT',
      ],
      [{ groupId: 'g_nope' }, {}, 'NOT_FOUND'],
    ];
    for (const [groupDeal, extra, code] of cases) {
      const res = await create('oBadInput', groupDeal, extra);
      expect([groupDeal, res.code]).toEqual([groupDeal, code]);
    }
    expect(await create(undefined as unknown as string, { open: true })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await order({ action: 'group', groupId: 'g_nope' }, RES1)).toMatchObject({ code: 'NOT_FOUND' });
    expect(await order({ action: 'group', groupId: 'g_nope' }, undefined)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await w.dump('orders', 'groupDeals', 'batchItems')).toBe(before);
  });
});

describe('a group still open at cut-off', () => {
  test('ends with selling: its members are refunded before anything is bought, a filled group is bought', async () => {
    const groupId = await openGroup('oCutoffOpener');
    const unpaid = await create('oCutoffUnpaid', { groupId });
    expect(unpaid.ok).toBe(true);
    // The admin cuts off early: the group's own time is not up yet.
    await w.ok('batches.close', { id: batchId });
    await tick();
    expect(await group(groupId)).toMatchObject({ status: 'open' });
    // The pipeline waits out the unpaid member's payment window, then the group ends before anything is counted.
    w.advance(16 * MINUTE);
    for (let k = 0; k < 3; k++) await tick();

    expect(await group(groupId)).toMatchObject({ status: 'failed' });
    const members = await w.find('orders', { groupId });
    expect(members.map((m: any) => m.status).sort()).toEqual(['cancelled', 'refunding']);
    const refunds = await w.find('refunds', { orderId: members.find((m: any) => m.paidAt)._id });
    expect(refunds.map((r: any) => [r._id.startsWith('group_'), r.refundFee])).toEqual([[true, TERMS.priceFen]]);
    // Bought for: the 3 members of the filled group, nothing of the failed ones.
    const [po] = await w.find('purchaseOrders', { batchId });
    expect(po.lines.find((l: any) => l.batchItemId === groupItem).qty).toBe(TERMS.size);
  });
});
