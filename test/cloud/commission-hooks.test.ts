import { ITEM, OPEN } from './shop';
import { startLeaderWorld, type LeaderWorld } from './leaderWorld';

// The commission timer is never fired here: the ledger must follow the order
// through the hooks in payment, refund and pickup alone.
let w: LeaderWorld;
beforeAll(async () => {
  w = await startLeaderWorld('commission-hooks-env');
  await w.addUser('oADMIN', { roles: ['admin'] }).catch(() => undefined);
}, 60_000);
afterAll(() => w?.stop());

const ledger = async (orderId: string) => w.find('commissionLedger', { orderId });

test('pending at payment, reversed on a refund, confirmed at pickup, without the timer', async () => {
  const order = await w.paidOrder('oRESIDENT1', [
    { batchItemId: ITEM.qingcai, qty: 4 },
    { batchItemId: ITEM.rice, qty: 1 },
  ]);
  const pending = (await ledger(order._id)).filter((e: any) => e.kind === 'pending');
  expect(pending).toHaveLength(2);
  expect(pending.every((e: any) => e.leaderId === 'leader-wang' && e.amountFen > 0)).toBe(true);

  const refund = await w.call(
    'pay',
    {
      action: 'refund',
      orderId: order._id,
      lines: [{ batchItemId: ITEM.qingcai, qty: 1 }],
      reason: '坏了一份',
      outRefundNo: `${order.orderNo}-h1`,
    },
    'oADMIN',
  );
  expect(refund.ok).toBe(true);
  await w.t.running.cloud.pay.simulateRefund(w.env, `${order.orderNo}-h1`);
  const reversed = (await ledger(order._id)).filter((e: any) => e.kind === 'reverse');
  expect(reversed).toHaveLength(1);
  expect(reversed[0].amountFen).toBeLessThan(0);

  await w.cutOff(OPEN);
  const arrival = await w.leader(
    'confirmArrival',
    {
      batchId: OPEN,
      lines: [
        { batchItemId: ITEM.qingcai, receivedQty: 200, damagedQty: 0 },
        { batchItemId: ITEM.rice, receivedQty: 60, damagedQty: 0 },
      ],
    },
    'oLEADER1',
  );
  expect(arrival.ok).toBe(true);
  expect((await w.leader('verify', { batchId: OPEN, code: order.code }, 'oLEADER1')).ok).toBe(true);
  expect((await ledger(order._id)).filter((e: any) => e.kind === 'confirm')).toHaveLength(1);
});
