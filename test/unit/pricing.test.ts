import fc from 'fast-check';
import { AppError } from '../../cloudfunctions/core/domain/errors';
import { mergeLines, priceOrder } from '../../cloudfunctions/core/domain/pricing';
import type { BatchItem } from '../../typings/models';

function item(id: string, priceFen: number, batchId = 'b1'): BatchItem {
  const at = new Date('2026-12-01T00:00:00Z');
  return {
    _id: id,
    batchId,
    productId: `p-${id}`,
    title: `商品${id}`,
    unit: '份',
    categoryId: 'fresh',
    supplierId: 's1',
    priceFen,
    originalPriceFen: priceFen + 100,
    stock: 10,
    sold: 0,
    limitPerUser: 0,
    minQuantity: 0,
    sort: 0,
    batchStatus: 'open',
    opensAt: at,
    cutoffAt: at,
  };
}
const items = [item('a', 1290), item('b', 350), item('c', 99)];

test('lines are priced from batch items and duplicates are merged', () => {
  const { lines, totalFen } = priceOrder(
    'b1',
    [
      { batchItemId: 'a', qty: 2 },
      { batchItemId: 'b', qty: 1 },
      { batchItemId: 'a', qty: 1 },
    ],
    items,
  );
  expect(lines.map((l) => [l.batchItemId, l.qty, l.amountFen])).toEqual([
    ['a', 3, 3870],
    ['b', 1, 350],
  ]);
  expect(totalFen).toBe(4220);
});

test('whatever extra fields the client sends (prices, totals, titles), the server price stands', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          batchItemId: fc.constantFrom('a', 'b', 'c'),
          qty: fc.integer({ min: 1, max: 20 }),
          priceFen: fc.integer(),
          amountFen: fc.integer(),
          title: fc.string(),
        }),
        { minLength: 1, maxLength: 10 },
      ),
      (tampered) => {
        const { lines, totalFen } = priceOrder('b1', tampered, items);
        const expected = tampered.reduce((s, l) => s + items.find((i) => i._id === l.batchItemId)!.priceFen * l.qty, 0);
        expect(totalFen).toBe(expected);
        for (const l of lines) {
          const src = items.find((i) => i._id === l.batchItemId)!;
          expect(l.priceFen).toBe(src.priceFen);
          expect(l.title).toBe(src.title);
          expect(l.amountFen).toBe(src.priceFen * l.qty);
        }
      },
    ),
  );
});

test('quantities must be positive integers', () => {
  for (const qty of [0, -1, 1.5, Number.NaN]) {
    expect(() => mergeLines([{ batchItemId: 'a', qty }])).toThrow(AppError);
  }
});

test('an item from another batch or an unknown item is refused', () => {
  expect(() => priceOrder('b1', [{ batchItemId: 'x', qty: 1 }], [...items, item('x', 100, 'b2')])).toThrow(/不存在/);
  expect(() => priceOrder('b1', [{ batchItemId: 'zzz', qty: 1 }], items)).toThrow(AppError);
});
