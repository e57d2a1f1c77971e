import {
  monthlyTierBonus,
  newLeaderBonus,
  paidGmvFen,
  shanghaiMonthWindow,
  tierBonusFen,
  type BonusTier,
} from '../../../cloudfunctions/core/domain/commission';
import { at, line, paidOrder } from './fixtures';

const tiers: BonusTier[] = [
  { minGmvFen: 5_000_000, bonusBps: 100 },
  { minGmvFen: 1_000_000, bonusBps: 50 },
];

describe('monthly tier bonus (阶梯奖励)', () => {
  test('the highest tier reached pays its bps of the whole month’s GMV', () => {
    expect(tierBonusFen(999_999, tiers)).toBe(0);
    expect(tierBonusFen(1_000_000, tiers)).toBe(5_000);
    expect(tierBonusFen(4_999_999, tiers)).toBe(24_999); // floored like commission
    expect(tierBonusFen(5_000_000, tiers)).toBe(50_000);
  });

  test('fixed-amount tiers pay their amount', () => {
    const fixed: BonusTier[] = [
      { minGmvFen: 100, bonusFen: 800 },
      { minGmvFen: 1_000, bonusFen: 3_000 },
    ];
    expect(tierBonusFen(99, fixed)).toBe(0);
    expect(tierBonusFen(500, fixed)).toBe(800);
    expect(tierBonusFen(1_000, fixed)).toBe(3_000);
    expect(tierBonusFen(1_000, [])).toBe(0);
  });

  test('GMV counts what stayed paid in the Shanghai month, not the UTC month', () => {
    const lateMarch = paidOrder('a', [line('x', 'veg', 600_000)], at('2025-03-31T15:59:59Z')); // 23:59:59 Shanghai, March
    const firstApril = paidOrder('b', [line('x', 'veg', 700_000)], at('2025-03-31T16:00:00Z')); // 00:00 Shanghai, April
    const refunded = paidOrder('c', [line('x', 'veg', 500_000)], at('2025-04-10T00:00:00Z'));
    refunded.lines[0].refundedFen = 200_000;
    const otherLeader = paidOrder('d', [line('x', 'veg', 9_000_000)], at('2025-04-10T00:00:00Z'), 'L2');
    const orders = [lateMarch, firstApril, refunded, otherLeader];
    expect(paidGmvFen(orders, 'L1', shanghaiMonthWindow('2025-03'))).toBe(600_000);
    expect(paidGmvFen(orders, 'L1', shanghaiMonthWindow('2025-04'))).toBe(1_000_000);

    const bonus = monthlyTierBonus({ leaderId: 'L1', month: '2025-04', orders, tiers, at: at('2025-05-01T01:00:00Z') });
    expect(bonus).toMatchObject({
      kind: 'bonus',
      amountFen: 5_000,
      month: '2025-04',
      idempotencyKey: 'bonus:tier:L1:2025-04',
    });
    expect(
      monthlyTierBonus({ leaderId: 'L1', month: '2025-03', orders, tiers, at: at('2025-05-01T01:00:00Z') }),
    ).toBeNull();
  });

  test('a month is only rewarded once it has closed in Shanghai', () => {
    const args = { leaderId: 'L1', month: '2025-04', orders: [], tiers };
    expect(() => monthlyTierBonus({ ...args, at: at('2025-04-30T15:59:59Z') })).toThrow(/not closed/);
    expect(monthlyTierBonus({ ...args, at: at('2025-04-30T16:00:00Z') })).toBeNull();
  });
});

describe('new-leader bonus', () => {
  const approvedAt = at('2025-04-01T00:00:00Z');
  const rule = { days: 30, minGmvFen: 100_000, bonusFen: 8_800 };

  test('paid once the welcome window closes with GMV at the threshold', () => {
    const orders = [paidOrder('a', [line('x', 'veg', 100_000)], at('2025-04-30T23:59:59Z'))];
    expect(newLeaderBonus({ leaderId: 'L1', approvedAt, orders, rule, at: at('2025-04-30T23:59:59Z') })).toBeNull();
    expect(newLeaderBonus({ leaderId: 'L1', approvedAt, orders, rule, at: at('2025-05-01T00:00:00Z') })).toMatchObject({
      kind: 'bonus',
      amountFen: 8_800,
      idempotencyKey: 'bonus:new_leader:L1',
    });
  });

  test('orders after the window, before approval, or refunded do not count', () => {
    const after = paidOrder('a', [line('x', 'veg', 100_000)], at('2025-05-01T00:00:00Z'));
    const before = paidOrder('b', [line('x', 'veg', 100_000)], at('2025-03-31T23:59:59Z'));
    const refunded = paidOrder('c', [line('x', 'veg', 100_000)], at('2025-04-05T00:00:00Z'));
    refunded.lines[0].refundedFen = 1;
    const orders = [after, before, refunded];
    expect(newLeaderBonus({ leaderId: 'L1', approvedAt, orders, rule, at: at('2025-06-01T00:00:00Z') })).toBeNull();
  });
});
