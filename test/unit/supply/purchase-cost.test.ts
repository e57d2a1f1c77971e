import fc from 'fast-check';
import { costLine, costTotals } from '../../../cloudfunctions/core/domain/supply/purchase-cost';

test('a line is qty × the cost price; without a cost price it is pending and counts nothing', () => {
  expect(costLine(6, 200)).toEqual({ unitCostFen: 200, costFen: 1200 });
  expect(costLine(3, 0)).toEqual({ unitCostFen: 0, costFen: 0 });
  expect(costLine(3, undefined)).toEqual({ unitCostFen: null, costFen: 0 });
  expect(costLine(3, null)).toEqual({ unitCostFen: null, costFen: 0 });
});

test('the order total is the sum of its lines to the fen, and counts the pending lines', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({ qty: fc.integer({ min: 1, max: 10_000 }), cost: fc.option(fc.integer({ min: 0, max: 100_000 })) }),
      ),
      (rows) => {
        const lines = rows.map((r) => ({ qty: r.qty, ...costLine(r.qty, r.cost) }));
        const totals = costTotals(lines);
        expect(totals.totalCostFen).toBe(rows.reduce((s, r) => s + r.qty * (r.cost ?? 0), 0));
        expect(Number.isInteger(totals.totalCostFen)).toBe(true);
        expect(totals.costPending).toBe(rows.filter((r) => r.cost === null).length);
      },
    ),
  );
});
