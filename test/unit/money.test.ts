import fc from 'fast-check';
import {
  lineAmountFen,
  paidForUnits,
  refundForQty,
  refundForUnits,
  splitProportional,
  splitRefund,
} from '../../cloudfunctions/core/domain/money';

const fen = (max = 1_000_000) => fc.integer({ min: 0, max });

test('a line amount is price × qty in whole fen', () => {
  expect(lineAmountFen(1290, 3)).toBe(3870);
  expect(() => lineAmountFen(12.5, 1)).toThrow(RangeError);
  expect(() => lineAmountFen(100, 0)).toThrow(RangeError);
  expect(() => lineAmountFen(100, 1.5)).toThrow(RangeError);
});

test('a refund split over lines sums to the refund exactly and never exceeds what a line can refund', () => {
  const line = fc
    .record({ amountFen: fen(), refunded: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ amountFen, refunded }) => ({ amountFen, refundedFen: Math.floor(amountFen * refunded) }));
  fc.assert(
    fc.property(
      fc.array(line, { minLength: 1, maxLength: 20 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      (lines, share) => {
        const available = lines.reduce((s, l) => s + l.amountFen - l.refundedFen, 0);
        const refund = Math.floor(available * share);
        const parts = splitRefund(refund, lines);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(refund);
        parts.forEach((p, i) => {
          expect(Number.isSafeInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(lines[i].amountFen - lines[i].refundedFen);
        });
      },
    ),
  );
});

test('largest remainder gives the odd fen to the biggest fractions, ties to the earlier line', () => {
  expect(splitProportional(100, [1, 1, 1])).toEqual([34, 33, 33]);
  expect(splitProportional(10, [333, 333, 334])).toEqual([3, 3, 4]);
  expect(splitProportional(0, [0, 0])).toEqual([0, 0]);
});

test('splitting stays exact for amounts whose products pass 2^53', () => {
  const big = 9_000_000_000_000;
  expect(splitProportional(big, [big, big]).reduce((a, b) => a + b, 0)).toBe(big);
});

test('a refund larger than what is left to refund is refused', () => {
  expect(() => splitRefund(101, [{ amountFen: 100, refundedFen: 0 }])).toThrow(/exceeds/);
  expect(() => splitRefund(1, [{ amountFen: 100, refundedFen: 100 }])).toThrow(/exceeds/);
});

test('refund for returned units is their paid share, capped by the line remainder', () => {
  expect(refundForQty({ qty: 3, amountFen: 1500, refundedQty: 0, refundedFen: 0 }, 2)).toBe(1000);
  expect(refundForQty({ qty: 3, amountFen: 1500, refundedQty: 0, refundedFen: 1200 }, 2)).toBe(300);
  // ¥1 of a coupon on 3 × ¥5: the units give back 4.66, 4.67, 4.67.
  const line = { qty: 3, amountFen: 1400 };
  expect([0, 1, 2].map((before) => refundForUnits(line, before, 1))).toEqual([466, 467, 467]);
  expect(paidForUnits(line, 3)).toBe(1400);
});

test('property: refunding a line in any partial steps gives back exactly what was paid for it, never more', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 999 }),
      fc.integer({ min: 0, max: 10_000_000 }),
      fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
      (qty, amountFen, steps) => {
        const line = { qty, amountFen };
        let before = 0;
        let refunded = 0;
        for (const step of steps) {
          const n = Math.min(step, qty - before);
          const fen = refundForUnits(line, before, n);
          expect(fen).toBeGreaterThanOrEqual(0);
          refunded += fen;
          before += n;
          expect(refunded).toBe(paidForUnits(line, before));
          expect(refunded).toBeLessThanOrEqual(amountFen);
        }
        expect(refundForUnits(line, before, qty - before) + refunded).toBe(amountFen);
      },
    ),
  );
});
