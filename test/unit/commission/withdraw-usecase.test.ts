import { ErrorCodes } from '../../../typings/envelope';
import { balance } from '../../../cloudfunctions/core/domain/commission';
import { appendBalanceEntry } from '../../../cloudfunctions/core/usecases/commission/record';
import {
  approveWithdrawal,
  markWithdrawalPaid,
  rejectWithdrawalById,
  withdraw,
} from '../../../cloudfunctions/core/usecases/commission/withdraw';
import { MemoryCommission } from '../support/memory-commission';
import { at } from './fixtures';

const now = at('2025-04-01T02:00:00Z');
const leader = { leaderId: 'L1', openid: 'o-leader' };

/** A leader with 10.00 withdrawable (a bonus), minimum withdrawal 1.00. */
async function setUp() {
  const repos = new MemoryCommission();
  repos.settings = { ...repos.settings, minWithdrawFen: 100 };
  const bonus = {
    id: 'bonus:x',
    idempotencyKey: 'bonus:x',
    leaderId: 'L1',
    kind: 'bonus' as const,
    amountFen: 1000,
    at: now,
    month: '2025-04',
  };
  await appendBalanceEntry(bonus, now, repos);
  const ask = (amountFen: number, clientRequestId: string) =>
    withdraw(leader, { amountFen, clientRequestId }, now, repos);
  return {
    repos,
    ask,
    available: () => repos.balances.get('L1'),
    ledgerAvailable: () => balance(repos.entriesOf('L1')).availableFen,
  };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'created',
    (err) => err.code,
  );

describe('withdrawals (use case over in-memory repositories)', () => {
  test('concurrent requests never take more than the balance', async () => {
    const { repos, ask, available, ledgerAvailable } = await setUp();
    const outcomes = await Promise.all(['r-0001', 'r-0002', 'r-0003', 'r-0004'].map((id) => refusal(ask(400, id))));
    expect(outcomes.filter((o) => o === 'created')).toHaveLength(2);
    expect(outcomes.filter((o) => o === ErrorCodes.INSUFFICIENT_BALANCE)).toHaveLength(2);
    expect(available()).toBe(200);
    expect(ledgerAvailable()).toBe(200);
    expect(repos.withdrawals.size).toBe(2);
  });

  test('the whole balance can go, one fen more cannot; a refusal writes nothing', async () => {
    const { repos, ask, available } = await setUp();
    await expect(ask(1001, 'r-over')).rejects.toMatchObject({
      code: ErrorCodes.INSUFFICIENT_BALANCE,
      details: { withdrawableFen: 1000 },
    });
    await expect(ask(99, 'r-small')).rejects.toMatchObject({ code: ErrorCodes.INSUFFICIENT_BALANCE });
    expect(repos.withdrawals.size).toBe(0);
    expect(available()).toBe(1000);
    expect((await ask(1000, 'r-all')).created).toBe(true);
    expect(available()).toBe(0);
  });

  test('a retried request (same clientRequestId) is the first withdrawal, money held once', async () => {
    const { ask, available } = await setUp();
    const [a, b] = await Promise.all([ask(300, 'r-same'), ask(300, 'r-same')]);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(a.withdrawal._id).toBe(b.withdrawal._id);
    expect(available()).toBe(700);
  });

  test('a rejection gives the held money back exactly once; a paid withdrawal cannot be rejected', async () => {
    const { repos, ask, available, ledgerAvailable } = await setUp();
    const w = (await ask(300, 'r-reject')).withdrawal;
    expect(available()).toBe(700);
    const both = await Promise.all([
      rejectWithdrawalById(w._id, '信息有误', now, repos),
      rejectWithdrawalById(w._id, '信息有误', now, repos),
    ]);
    expect(both.map((v) => v.status)).toEqual(['rejected', 'rejected']);
    expect(available()).toBe(1000);
    expect(ledgerAvailable()).toBe(1000);

    const v = (await ask(500, 'r-paid')).withdrawal;
    expect((await approveWithdrawal(v._id, 'admin', now, repos)).status).toBe('approved');
    expect((await markWithdrawalPaid(v._id, 'TX-1', now, repos)).status).toBe('paid');
    await expect(rejectWithdrawalById(v._id, 'x', now, repos)).rejects.toMatchObject({
      code: ErrorCodes.INVALID_STATE,
    });
    await expect(approveWithdrawal(v._id, 'admin', now, repos)).rejects.toMatchObject({
      code: ErrorCodes.INVALID_STATE,
    });
    expect(available()).toBe(500);
    expect(ledgerAvailable()).toBe(500);
  });
});
