import fc from 'fast-check';
import {
  costedLine,
  periodOf,
  periodStartProblem,
  sortLines,
  statementTotals,
} from '../../../cloudfunctions/core/domain/supply/settlement';

test('a week runs Monday to Sunday, a month from the 1st to its last day', () => {
  expect(periodOf('week', '2026-12-03')).toEqual({ kind: 'week', start: '2026-11-30', end: '2026-12-06' });
  expect(periodOf('week', '2026-12-06')).toEqual({ kind: 'week', start: '2026-11-30', end: '2026-12-06' });
  expect(periodOf('month', '2028-02-15')).toEqual({ kind: 'month', start: '2028-02-01', end: '2028-02-29' });
  expect(periodStartProblem('week', '2026-11-30')).toBeUndefined();
  expect(periodStartProblem('week', '2026-12-01')).toBe('按周结算：开始日须是周一');
  expect(periodStartProblem('month', '2026-12-01')).toBeUndefined();
  expect(periodStartProblem('month', '2026-11-30')).toBe('按月结算：开始日须是 1 号');
});

const kind = fc.constantFrom('purchase' as const, 'chargeback' as const, 'afterSale' as const);
const line = fc
  .record({
    kind,
    qty: fc.integer({ min: 1, max: 5000 }),
    cost: fc.option(fc.integer({ min: 0, max: 100_000 })),
    ref: fc.string({ minLength: 1, maxLength: 6 }),
    day: fc.integer({ min: 1, max: 7 }),
  })
  .map((r) =>
    costedLine(
      r.kind,
      { ref: r.ref, date: `2026-11-0${r.day}`, batchId: 'b', batchItemId: r.ref, title: 't', qty: r.qty },
      r.cost,
    ),
  );

test('the total is purchases − chargebacks − after-sales, each the sum of its lines to the fen', () => {
  fc.assert(
    fc.property(fc.array(line, { maxLength: 60 }), (lines) => {
      const t = statementTotals(lines);
      const sum = (k: string) => lines.filter((l) => l.kind === k).reduce((s, l) => s + l.amountFen, 0);
      expect(t.purchaseFen).toBe(sum('purchase'));
      expect(t.chargebackFen).toBe(Math.abs(sum('chargeback')));
      expect(t.afterSaleFen).toBe(Math.abs(sum('afterSale')));
      expect(t.totalFen).toBe(lines.reduce((s, l) => s + l.amountFen, 0));
      expect(t.costPending).toBe(lines.filter((l) => l.unitCostFen === null).length);
      for (const l of lines) expect(l.kind === 'purchase' ? l.amountFen >= 0 : l.amountFen <= 0).toBe(true);
    }),
  );
});

test('lines sort the same whatever order they were found in', () => {
  // A source gives one line per kind and ref (a purchase-order line, a chargeback, an after-sale line).
  const unique = fc.uniqueArray(line, { maxLength: 30, selector: (l) => `${l.kind}|${l.ref}` });
  fc.assert(
    fc.property(unique, (lines) => {
      expect(sortLines([...lines].reverse())).toEqual(sortLines(lines));
    }),
  );
});
