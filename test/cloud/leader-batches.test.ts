import { ITEM, NEXT, OPEN, rid } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';
import { addDays, businessDate } from '../../cloudfunctions/core/domain/time';

jest.setTimeout(30_000);

let w: LeaderWorld;
beforeAll(async () => {
  w = await startLeaderWorld('leader-batches-env');
}, 60_000);
afterAll(() => w?.stop());

const batches = async (openid: string) => {
  const res = await w.leader('batches', {}, openid);
  if (!res.ok) throw new Error(`${res.code}: ${res.message}`);
  return res.data;
};
const summary = (data: any) =>
  data.batches.map((b: any) => [b._id, b.status, b.orderCount, b.arrivalConfirmed] as const);

test('only an active leader may ask; the input is validated', async () => {
  expect((await w.leader('batches', {}, 'oRESIDENT1')).code).toBe('FORBIDDEN');
  expect((await w.leader('batches', {}, 'oADMIN')).code).toBe('FORBIDDEN');
  expect((await w.leader('batches', {})).code).toBe('UNAUTHENTICATED');
  // The client cannot name the point: extra ids are ignored.
  expect((await w.leader('batches', { pickupPointId: 'pp-cuiyuan' }, 'oLEADER1')).ok).toBe(true);
});

describe('the batches a leader works on', () => {
  beforeAll(async () => {
    await w.addUser('oBT1', { nickname: 'Bob', pickupPointId: 'pp-sunshine' });
    await w.paidOrder('oRESIDENT1', [{ batchItemId: ITEM.qingcai, qty: 1 }]);
    await w.paidOrder('oBT1', [{ batchItemId: ITEM.rice, qty: 1 }]);
    await w.paidOrder('oRESIDENT2', [{ batchItemId: ITEM.qingcai, qty: 1 }]);
    // An unpaid order is not one to hand out.
    const unpaid = await w.call(
      'order',
      { action: 'create', clientRequestId: rid('bt'), batchId: OPEN, lines: [{ batchItemId: ITEM.pork, qty: 1 }] },
      'oRESIDENT1',
    );
    expect(unpaid.ok).toBe(true);
  }, 60_000);

  test('before cut-off the working batch is the open one; counts are the caller point’s paid orders only', async () => {
    const wang = await batches('oLEADER1');
    expect(wang.workingBatchId).toBe(OPEN);
    // Newest pickup day first: tomorrow's preview, then today's batch.
    expect(summary(wang)).toEqual([
      [NEXT, 'open', 0, false],
      [OPEN, 'open', 2, false],
    ]);
    const open = wang.batches[1];
    expect(Object.keys(open).sort()).toEqual(
      ['_id', 'arrivalConfirmed', 'cutoffAt', 'opensAt', 'orderCount', 'pickupDate', 'status', 'title'].sort(),
    );
    expect(open.pickupDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(new Date(open.cutoffAt).toISOString()).toBe(open.cutoffAt);

    const li = await batches('oLEADER2');
    expect(summary(li)).toEqual([
      [NEXT, 'open', 0, false],
      [OPEN, 'open', 1, false],
    ]);
  });

  test('after cut-off the working batch is the cut-off one, and the arrival shows for its point only', async () => {
    await w.cutOff(OPEN);
    let wang = await batches('oLEADER1');
    expect(wang.workingBatchId).toBe(OPEN);
    expect(summary(wang)).toEqual([
      [NEXT, 'open', 0, false],
      [OPEN, 'cutoff', 2, false],
    ]);

    expect((await w.leader('confirmArrival', { batchId: OPEN, lines: [] }, 'oLEADER1')).ok).toBe(true);
    wang = await batches('oLEADER1');
    // Arrived orders still count.
    expect(summary(wang)[1]).toEqual([OPEN, 'cutoff', 2, true]);
    expect(summary(await batches('oLEADER2'))[1]).toEqual([OPEN, 'cutoff', 1, false]);
  });

  test('picked up in the last 7 days only, no drafts; today’s pickup wins over a past one, a past one over the open one', async () => {
    const today = businessDate(new Date());
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);
    const batch = (id: string, status: string, pickupDays: number) => ({
      _id: id,
      title: id,
      status,
      opensAt: at(pickupDays - 3),
      cutoffAt: at(pickupDays - 1),
      pickupDate: addDays(today, pickupDays),
      createdAt: new Date(),
    });
    for (const doc of [
      batch('bt-yesterday', 'closed', -1),
      batch('bt-week', 'closed', -7),
      batch('bt-old', 'closed', -8),
      batch('bt-draft', 'draft', 2),
    ])
      await w.db.collection('batches').add({ data: doc });

    const wang = await batches('oLEADER1');
    expect(wang.batches.map((b: any) => b._id)).toEqual([NEXT, OPEN, 'bt-yesterday', 'bt-week']);
    expect(wang.workingBatchId).toBe(OPEN);

    // The open batch's pickup is done and closed: the most recent past batch comes next, not the open one.
    await w.db
      .collection('batches')
      .doc(OPEN)
      .update({ data: { pickupDate: addDays(today, -2), status: 'closed' } });
    const later = await batches('oLEADER1');
    expect(later.batches.map((b: any) => b._id)).toEqual([NEXT, 'bt-yesterday', OPEN, 'bt-week']);
    expect(later.workingBatchId).toBe('bt-yesterday');
  });
});
