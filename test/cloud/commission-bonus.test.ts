import { shanghaiMonth, shanghaiMonthWindow } from '../../cloudfunctions/core/domain/commission';
import { buckets, ITEMS, leaderOf, startCommissionWorld, type CommissionWorld } from './commissionWorld';

let w: CommissionWorld;
const settings = {
  settleDays: 7,
  tiers: [
    { minGmvFen: 1_000, bonusBps: 100 },
    { minGmvFen: 5_000, bonusFen: 888 },
  ],
  newLeaderBonus: { days: 7, minGmvFen: 1_000, bonusFen: 500 },
  minWithdrawFen: 100,
};
beforeAll(async () => {
  w = await startCommissionWorld('commission-bonus-env', 2, settings);
}, 60_000);
afterAll(() => w?.stop());

test('after the Shanghai month closes: the tier bonus and the new-leader bonus, once each, withdrawable at once', async () => {
  const big = leaderOf(1);
  const small = leaderOf(2);
  // 7980 paid, 3990 refunded → GMV 3990: only the first tier (1% = 39) and the new-leader threshold.
  const o1 = await w.paidOrder(small.resident, [{ batchItemId: ITEMS.rice.id, qty: 2 }]);
  await w.refund(o1._id, [{ batchItemId: ITEMS.rice.id, qty: 1 }]);
  // 2 × 3990 = 7980 GMV: the second tier (fixed 888).
  await w.paidOrder(big.resident, [{ batchItemId: ITEMS.rice.id, qty: 2 }]);
  const month = shanghaiMonth(w.now());
  await w.reconcile();
  expect((await w.ledgerOf(big.leaderId)).filter((e) => e.kind === 'bonus')).toEqual([]);

  // An hour into next month, and past the new leaders' 7-day window.
  const next = shanghaiMonthWindow(month).to.getTime() + 3600_000;
  w.t.running.cloud.clock.set(Math.max(next, w.now().getTime() + 8 * 24 * 3600_000));
  await w.reconcile();
  await w.reconcile();

  const bonuses = async (leaderId: string) =>
    (await w.ledgerOf(leaderId))
      .filter((e) => e.kind === 'bonus')
      .map((e) => [e.id, e.amountFen])
      .sort();
  expect(await bonuses(big.leaderId)).toEqual([
    [`bonus:new_leader:${big.leaderId}`, 500],
    [`bonus:tier:${big.leaderId}:${month}`, 888],
  ]);
  expect(await bonuses(small.leaderId)).toEqual([
    [`bonus:new_leader:${small.leaderId}`, 500],
    [`bonus:tier:${small.leaderId}:${month}`, 39],
  ]);
  // The demo leaders sold nothing: no bonus.
  expect(await bonuses('leader-wang')).toEqual([]);

  const s = (await w.commission('summary', big.openid)).data;
  expect(s).toMatchObject({ availableFen: 1388, pendingFen: 638 });
  expect(s).toMatchObject(buckets(await w.ledgerOf(big.leaderId)));
  expect(await w.availableDoc(big.leaderId)).toBe(1388);
  const withdrawn = await w.commission('withdraw', big.openid, { amountFen: 1388, clientRequestId: 'bonus-abcdefgh' });
  expect(withdrawn.ok).toBe(true);
  expect(await w.availableDoc(big.leaderId)).toBe(0);
});
