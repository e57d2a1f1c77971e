import fc from 'fast-check';
import { marginOf, sumMargins } from '../../cloudfunctions/core/domain/margin';

test('margin = revenue − units at cost − commission − coupons; unpriced units add no cost and are counted', () => {
  expect(
    marginOf(
      [
        { qty: 6, amountFen: 1800, unitCostFen: 180 },
        { qty: 2, amountFen: 7500, couponFen: 500, unitCostFen: 3100 },
        { qty: 1, amountFen: 5000, unitCostFen: undefined },
      ],
      148,
    ),
  ).toEqual({
    // The coupon's 500 is in revenue (the units at their price) and taken out again: the margin is on what was paid.
    revenueFen: 14_800,
    costFen: 6 * 180 + 2 * 3100,
    commissionFen: 148,
    couponFen: 500,
    marginFen: 14_300 - 7280 - 148,
    costPendingUnits: 1,
  });
});

test('a period is the sum of its days, field by field, in integer fen', () => {
  const sale = fc.record({
    qty: fc.integer({ min: 0, max: 1000 }),
    amountFen: fc.integer({ min: 0, max: 10_000_000 }),
    couponFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
    unitCostFen: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
  });
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.array(sale), fc.nat(100_000))), (days) => {
      const parts = days.map(([sales, commission]) => marginOf(sales, commission));
      const all = marginOf(
        days.flatMap(([sales]) => sales),
        days.reduce((s, [, c]) => s + c, 0),
      );
      expect(sumMargins(parts)).toEqual(all);
    }),
  );
});
