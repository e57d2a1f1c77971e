import {
  balance,
  canWithdraw,
  rejectWithdrawal,
  requestWithdrawal,
  withdrawableFen,
} from '../../../cloudfunctions/core/domain/commission';
import { at } from './fixtures';

const now = at('2025-04-01T00:00:00Z');

describe('withdrawals', () => {
  test('reasons for a refusal, with what could be withdrawn', () => {
    const b = { availableFen: 5_000 };
    expect(canWithdraw(b, 5_000, 1_000)).toEqual({ ok: true });
    expect(canWithdraw(b, 0, 1_000)).toEqual({ ok: false, reason: 'invalid_amount', withdrawableFen: 5_000 });
    expect(canWithdraw(b, 10.5, 1)).toEqual({ ok: false, reason: 'invalid_amount', withdrawableFen: 5_000 });
    expect(canWithdraw(b, 999, 1_000)).toEqual({ ok: false, reason: 'below_minimum', withdrawableFen: 5_000 });
    expect(canWithdraw(b, 5_001, 1_000)).toEqual({ ok: false, reason: 'insufficient_balance', withdrawableFen: 5_000 });
  });

  test('nothing is withdrawable from a clawback debt', () => {
    expect(withdrawableFen({ availableFen: -300 })).toBe(0);
    expect(canWithdraw({ availableFen: -300 }, 1, 0)).toMatchObject({ ok: false, reason: 'insufficient_balance' });
  });

  test('a request holds the money; a rejection gives exactly that back', () => {
    const bonus = {
      id: 'b',
      idempotencyKey: 'b',
      leaderId: 'L1',
      kind: 'bonus' as const,
      amountFen: 3_000,
      at: now,
      month: '2025-04',
    };
    const req = requestWithdrawal({
      leaderId: 'L1',
      withdrawalId: 'w1',
      amountFen: 2_000,
      minFen: 100,
      balance: balance([bonus]),
      at: now,
    });
    if (!req.ok) throw new Error('expected ok');
    expect(req.entry).toMatchObject({
      kind: 'withdraw',
      amountFen: -2_000,
      idempotencyKey: 'withdraw:w1',
      withdrawalId: 'w1',
    });
    expect(balance([bonus, req.entry])).toMatchObject({
      availableFen: 1_000,
      withdrawnFen: 2_000,
      totalEarnedFen: 3_000,
    });

    const reject = rejectWithdrawal(req.entry, at('2025-04-02T00:00:00Z'));
    expect(reject).toMatchObject({ kind: 'withdraw_reject', amountFen: 2_000, idempotencyKey: 'withdraw_reject:w1' });
    expect(balance([bonus, req.entry, reject])).toMatchObject({ availableFen: 3_000, withdrawnFen: 0 });
    expect(() => rejectWithdrawal(bonus, now)).toThrow(/not a withdrawal/);
  });

  test('a request beyond the balance builds no entry', () => {
    const req = requestWithdrawal({
      leaderId: 'L1',
      withdrawalId: 'w1',
      amountFen: 1,
      minFen: 0,
      balance: { availableFen: 0 },
      at: now,
    });
    expect(req).toEqual({ ok: false, reason: 'insufficient_balance', withdrawableFen: 0 });
  });
});
