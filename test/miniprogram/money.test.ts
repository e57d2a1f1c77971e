import fc from 'fast-check';
import { formatFen } from '../../miniprogram/lib/money';

test.each([
  [0, '¥0.00'],
  [1, '¥0.01'],
  [99, '¥0.99'],
  [100, '¥1.00'],
  [1234, '¥12.34'],
  [2580, '¥25.80'],
  [123456789, '¥1234567.89'],
  [-1, '-¥0.01'],
  [-1234, '-¥12.34'],
])('formatFen(%p) is %p', (fen, text) => {
  expect(formatFen(fen)).toBe(text);
});

test('fractional or non-finite fen is a bug upstream and throws', () => {
  for (const bad of [12.5, 0.1 + 0.2, NaN, Infinity]) {
    expect(() => formatFen(bad)).toThrow(RangeError);
  }
});

test('the text always reads back to the same number of fen', () => {
  fc.assert(
    fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
      const match = /^(-?)¥(\d+)\.(\d{2})$/.exec(formatFen(fen));
      expect(match).not.toBeNull();
      const [, sign, yuan, cents] = match!;
      expect((sign ? -1 : 1) * (Number(yuan) * 100 + Number(cents))).toBe(fen);
    }),
  );
});
