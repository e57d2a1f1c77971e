import {
  groupExpiresAt,
  groupTermsProblem,
  joinPayDeadline,
  membersMissing,
  nextGroupStep,
  type GroupState,
  type MemberOrder,
} from '../../../cloudfunctions/core/domain/group-deal';

const T0 = new Date('2030-01-01T02:00:00Z');
const min = (n: number) => new Date(T0.getTime() + n * 60_000);
const open = (over: Partial<GroupState> = {}): GroupState => ({
  status: 'open',
  size: 3,
  openerOrderId: 'o1',
  expiresAt: min(30),
  ...over,
});
const member = (orderId: string, status: MemberOrder['status'], extra: Partial<MemberOrder> = {}): MemberOrder => ({
  orderId,
  status,
  ...(status === 'paid' ? { paidAt: T0 } : {}),
  ...extra,
});

describe('拼团 terms', () => {
  test('a group price must be whole fen, positive and below the list price', () => {
    expect(groupTermsProblem({ priceFen: 1990, size: 3, minutes: 60 }, 2590)).toBeUndefined();
    expect(groupTermsProblem({ priceFen: 19.9, size: 3, minutes: 60 }, 2590)).toBe('拼团价须为正的整数分');
    expect(groupTermsProblem({ priceFen: 0, size: 3, minutes: 60 }, 2590)).toBe('拼团价须为正的整数分');
    expect(groupTermsProblem({ priceFen: 2590, size: 3, minutes: 60 }, 2590)).toBe('拼团价须低于团购价');
  });

  test('size 2-50 residents, 5 minutes to a day', () => {
    expect(groupTermsProblem({ priceFen: 100, size: 1, minutes: 60 }, 200)).toBe('成团人数须为 2-50 人');
    expect(groupTermsProblem({ priceFen: 100, size: 51, minutes: 60 }, 200)).toBe('成团人数须为 2-50 人');
    expect(groupTermsProblem({ priceFen: 100, size: 2, minutes: 4 }, 200)).toBe('拼团时限须为 5-1440 分钟');
    expect(groupTermsProblem({ priceFen: 100, size: 2, minutes: 1441 }, 200)).toBe('拼团时限须为 5-1440 分钟');
  });
});

describe('拼团 times', () => {
  test('a group closes T minutes after the opener paid, but never after cut-off', () => {
    expect(groupExpiresAt(T0, 30, min(120))).toEqual(min(30));
    expect(groupExpiresAt(T0, 30, min(10))).toEqual(min(10));
  });

  test('a joiner pays within 15 minutes, never after the group closes', () => {
    expect(joinPayDeadline(T0, min(60))).toEqual(min(15));
    expect(joinPayDeadline(T0, min(5))).toEqual(min(5));
  });

  test('还差 N 人 counts paid members and never goes below zero', () => {
    expect(membersMissing(5, 3)).toBe(2);
    expect(membersMissing(5, 6)).toBe(0);
  });
});

describe('what a group does next', () => {
  test('opening: opens when the opener paid, waits while unpaid, drops when the opener cancelled', () => {
    const g = open({ status: 'opening', expiresAt: undefined });
    expect(nextGroupStep(g, [member('o1', 'paid')], T0)).toEqual({ kind: 'open', openerPaidAt: T0 });
    expect(nextGroupStep(g, [member('o1', 'pending_payment')], T0)).toEqual({ kind: 'wait' });
    expect(nextGroupStep(g, [member('o1', 'cancelled')], T0)).toEqual({ kind: 'drop' });
  });

  test('open: fills when size members paid, even at the last minute; unpaid seats do not count', () => {
    const two = [member('o1', 'paid'), member('o2', 'paid'), member('o3', 'pending_payment')];
    expect(nextGroupStep(open(), two, min(29))).toEqual({ kind: 'wait' });
    const three = [member('o1', 'paid'), member('o2', 'paid'), member('o3', 'paid')];
    expect(nextGroupStep(open(), three, min(31))).toEqual({ kind: 'fill' });
  });

  test('open: fails at its time, or at once when the batch stopped selling', () => {
    const two = [member('o1', 'paid'), member('o2', 'paid')];
    expect(nextGroupStep(open(), two, min(30))).toEqual({ kind: 'fail' });
    expect(nextGroupStep(open(), two, min(10), true)).toEqual({ kind: 'fail' });
  });

  test('failed: refunds every paid member and cancels unpaid ones; once all are asked for, done, then nothing', () => {
    const g = open({ status: 'failed' });
    const members = [member('o1', 'paid'), member('o2', 'pending_payment'), member('o3', 'cancelled')];
    expect(nextGroupStep(g, members, min(31))).toEqual({ kind: 'refund', refund: ['o1'], cancel: ['o2'] });
    // After the refund was asked for the order is 退款中: a second tick finds nothing to refund.
    const after = [member('o1', 'refunding'), member('o2', 'cancelled'), member('o3', 'cancelled')];
    expect(nextGroupStep(g, after, min(32))).toEqual({ kind: 'done' });
    expect(nextGroupStep({ ...g, refundedAt: min(32) }, after, min(33))).toEqual({ kind: 'wait' });
  });

  test('failed: a payment that landed after the group failed is refunded too', () => {
    const g = open({ status: 'failed', refundedAt: min(31) });
    const late = [member('o1', 'refunding'), member('o4', 'paid')];
    expect(nextGroupStep(g, late, min(40))).toEqual({ kind: 'refund', refund: ['o4'], cancel: [] });
  });

  test('a member already claimed for a refund is neither counted nor refunded again', () => {
    const claimed = [member('o1', 'paid'), member('o2', 'paid'), member('o3', 'paid', { refundAsked: true })];
    expect(nextGroupStep(open(), claimed, min(30))).toEqual({ kind: 'fail' });
    expect(nextGroupStep(open({ status: 'failed' }), claimed, min(31))).toEqual({
      kind: 'refund',
      refund: ['o1', 'o2'],
      cancel: [],
    });
  });

  test('filled stays filled', () => {
    expect(nextGroupStep(open({ status: 'filled' }), [], min(99))).toEqual({ kind: 'wait' });
  });
});
