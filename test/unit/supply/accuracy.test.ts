import dayjs from 'dayjs';
import { backtestItems } from '../../../cloudfunctions/core/domain/supply/accuracy';
import type { SalesObservation } from '../../../cloudfunctions/core/domain/supply/forecast';

function daily(
  days: number,
  from: string,
  qtyOf: (date: string, i: number) => number,
  item = 'bi-1',
): SalesObservation[] {
  return Array.from({ length: days }, (_, i) => {
    const date = dayjs(from).add(i, 'day').format('YYYY-MM-DD');
    return { batchItemId: item, pickupPointId: 'pp-1', date, qty: qtyOf(date, i) };
  });
}

describe('backtestItems: the forecast judged on past days against "same weekday last week"', () => {
  it('a steady item is forecast without error by both, on each of the last 28 days', () => {
    const result = backtestItems(
      daily(56, '2024-04-01', () => 12),
      '2024-05-27',
    );
    const steady = result.get('bi-1')!;
    expect(steady).toMatchObject({ naiveMape: 0, days: 28 });
    expect(steady.mape).toBeCloseTo(0, 12);
  });

  it('on noisy sales the forecast errs less than the naive guess', () => {
    // A fixed pseudo-random sequence around 20 a day.
    let x = 7;
    const noise = () => ((x = (x * 48271) % 2147483647) % 11) - 5;
    const result = backtestItems(
      daily(70, '2024-04-01', () => 20 + noise()),
      '2024-06-10',
    ).get('bi-1')!;
    expect(result.days).toBe(28);
    expect(result.mape).toBeGreaterThan(0);
    expect(result.mape!).toBeLessThan(result.naiveMape!);
  });

  it('judges only days with sales that have a sale day a week before, and never looks past the target', () => {
    // Sales every other day: d − 7 of a sale day is never a sale day, so nothing can be judged.
    const everyOther = daily(40, '2024-04-01', () => 5).filter((_, i) => i % 2 === 0);
    expect(backtestItems(everyOther, '2024-05-11').get('bi-1')).toEqual({ mape: null, naiveMape: null, days: 0 });
    // The day of the target and after do not count, however wrong they would be.
    const withFuture = [...daily(42, '2024-04-01', () => 8), ...daily(7, '2024-05-13', () => 500)];
    expect(backtestItems(withFuture, '2024-05-13').get('bi-1')).toMatchObject({ naiveMape: 0, days: 28 });
    expect(backtestItems(withFuture, '2024-05-13').get('bi-1')!.mape).toBeCloseTo(0, 12);
    expect(backtestItems([], '2024-05-13').size).toBe(0);
  });
});
