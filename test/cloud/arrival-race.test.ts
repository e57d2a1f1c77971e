import { ITEM, OPEN } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

jest.setTimeout(60_000);

/**
 * Arrival confirmed from two phones at once (issue 10.5): 王阿姨 and her helper
 * both tap 确认到货, each with what they counted. One plan holds; its
 * chargebacks and its refunds are the only ones written, and WeChat Pay sees
 * exactly those refunds.
 */
let w: LeaderWorld;
const L1 = 'oLEADER1';
const o: Record<string, { _id: string; orderNo: string }> = {};

beforeAll(async () => {
  w = await startLeaderWorld('arrival-race-env');
  await w.addUser('oRace1', { nickname: '甲', phone: '13922220001', pickupPointId: 'pp-sunshine' });
  await w.addUser('oRace2', { nickname: '乙', phone: '13922220002', pickupPointId: 'pp-sunshine' });
  o.a = await w.paidOrder('oRace1', [{ batchItemId: ITEM.qingcai, qty: 3 }]);
  o.b = await w.paidOrder('oRace2', [
    { batchItemId: ITEM.qingcai, qty: 2 },
    { batchItemId: ITEM.egg, qty: 1 },
  ]);
  await w.cutOff();
}, 90_000);
afterAll(() => w?.stop());

test('two phones confirm at once with different counts: one plan holds, with exactly its chargebacks and refunds', async () => {
  // Phone A counted 4 of 5 青菜 and the egg; phone B counted 3 青菜 (1 damaged) and no egg.
  const phoneA = {
    batchId: OPEN,
    lines: [
      { batchItemId: ITEM.qingcai, receivedQty: 4, damagedQty: 0 },
      { batchItemId: ITEM.egg, receivedQty: 1, damagedQty: 0 },
    ],
  };
  const phoneB = {
    batchId: OPEN,
    lines: [
      { batchItemId: ITEM.qingcai, receivedQty: 3, damagedQty: 1 },
      { batchItemId: ITEM.egg, receivedQty: 0, damagedQty: 0 },
    ],
  };
  const results = await Promise.all([w.leader('confirmArrival', phoneA, L1), w.leader('confirmArrival', phoneB, L1)]);
  expect(results.map((r) => r.ok)).toEqual([true, true]);
  // Both phones are answered with the one plan that holds (the later one finishes the same plan, idempotently).
  const plan = results[0].data;
  expect(results[1].data.refunds).toEqual(plan.refunds);
  expect(results[1].data.chargebacks).toEqual(plan.chargebacks);

  const chargebacks = await w.find('chargebacks');
  const refunds = await w.find('refunds');
  const wx = w.t.running.cloud.pay.listRefunds(w.env);
  // Units charged back to the supplier = units refunded to residents, item by item, for the winning plan only.
  const units = (rows: Array<{ batchItemId: string; qty: number }>) => {
    const by: Record<string, number> = {};
    for (const r of rows) by[r.batchItemId] = (by[r.batchItemId] ?? 0) + r.qty;
    return by;
  };
  expect(units(chargebacks)).toEqual(units(plan.refunds));
  // It is one phone's count, not a mix: A's (1 青菜 short) or B's (2 青菜 short or damaged, the egg missing).
  expect([{ [ITEM.qingcai]: 1 }, { [ITEM.qingcai]: 3, [ITEM.egg]: 1 }]).toContainEqual(units(plan.refunds));
  expect(refunds).toHaveLength(plan.refunds.length);
  expect(wx.map((r) => r.refundFee).sort()).toEqual(plan.refunds.map((r: any) => r.fen).sort());
  // At cost (the seed's 供货价: 青菜 1.80, 鸡蛋 19.00), not what residents got back.
  const COST: Record<string, number> = { [ITEM.qingcai]: 180, [ITEM.egg]: 1900 };
  expect(chargebacks.reduce((s: number, c: any) => s + c.amountFen, 0)).toBe(
    plan.refunds.reduce((s: number, r: any) => s + r.qty * COST[r.batchItemId], 0),
  );
  expect(await w.find('arrivals')).toHaveLength(1);
});
