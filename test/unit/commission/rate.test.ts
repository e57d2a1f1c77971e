import fc from 'fast-check';
import { commissionFen } from '../../../cloudfunctions/core/domain/commission';

describe('commissionFen: floor of paid × bps / 10000', () => {
  test('10% of ¥12.34 is ¥1.23, the odd fen goes nowhere', () => {
    expect(commissionFen(1234, 1000)).toBe(123);
    expect(commissionFen(1239, 1000)).toBe(123);
    expect(commissionFen(5, 1000)).toBe(0);
    expect(commissionFen(1000, 1250)).toBe(125);
  });

  test('rejects rates and amounts that are not money', () => {
    expect(() => commissionFen(100, -1)).toThrow(RangeError);
    expect(() => commissionFen(100, 10_001)).toThrow(RangeError);
    expect(() => commissionFen(100, 12.5)).toThrow(RangeError);
    expect(() => commissionFen(-1, 1000)).toThrow(RangeError);
    expect(() => commissionFen(1.5, 1000)).toThrow(RangeError);
    expect(() => commissionFen(Number.MAX_SAFE_INTEGER, 1000)).toThrow(RangeError);
  });

  test('never pays more than the rate promises, and less by under one fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 10_000 }), (paid, bps) => {
        const c = commissionFen(paid, bps);
        expect(Number.isInteger(c)).toBe(true);
        expect(c * 10_000).toBeLessThanOrEqual(paid * bps);
        expect((c + 1) * 10_000).toBeGreaterThan(paid * bps);
      }),
    );
  });

  test('more paid never earns less', () => {
    fc.assert(
      fc.property(fc.nat(1e8), fc.nat(1e8), fc.integer({ min: 0, max: 10_000 }), (a, b, bps) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(commissionFen(lo, bps)).toBeLessThanOrEqual(commissionFen(hi, bps));
      }),
    );
  });
});
