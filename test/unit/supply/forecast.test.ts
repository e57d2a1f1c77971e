import dayjs from 'dayjs';
import {
  forecastDemand,
  forecastSeries,
  suggestedStockFor,
  type SalesObservation,
} from '../../../cloudfunctions/core/domain/supply/forecast';

/** Daily history for one (item, point) from `from`, `days` long. */
function daily(
  days: number,
  from: string,
  qtyOf: (date: string) => number,
  item = 'bi-1',
  point = 'pp-1',
): SalesObservation[] {
  return Array.from({ length: days }, (_, i) => {
    const date = dayjs(from).add(i, 'day').format('YYYY-MM-DD');
    return { batchItemId: item, pickupPointId: point, date, qty: qtyOf(date) };
  });
}

const isWeekend = (date: string) => [0, 6].includes(dayjs(date).day());

describe('forecastDemand', () => {
  it('forecasts a constant history as that constant, on any weekday', () => {
    const history = daily(28, '2024-05-01', () => 12);
    for (const target of ['2024-05-29', '2024-06-01', '2024-06-02']) {
      const result = forecastDemand(history, target);
      expect(result.points[0].forecast).toBeCloseTo(12, 9);
      expect(result.points[0].method).toBe('smoothing');
      // 12 × 1.2 is 14.399999999999999 or 14.4 in floats; either way 15, never 16.
      expect(result.items).toEqual([{ batchItemId: 'bi-1', forecast: expect.closeTo(12, 9), suggestedStock: 15 }]);
    }
  });

  it('learns that weekends sell double', () => {
    // 12 weeks: 10 a weekday, 20 on Saturday and Sunday. 2024-06-01 is a Saturday.
    const history = daily(84, '2024-03-09', (d) => (isWeekend(d) ? 20 : 10));
    const saturday = forecastDemand(history, '2024-06-01').points[0];
    const monday = forecastDemand(history, '2024-06-03').points[0];
    expect(saturday.weekdayFactor).toBeGreaterThan(1.3);
    expect(monday.weekdayFactor).toBeLessThan(0.9);
    expect(saturday.forecast / monday.forecast).toBeGreaterThan(1.75);
    expect(saturday.forecast).toBeGreaterThan(17);
    expect(saturday.forecast).toBeLessThan(22);
    expect(monday.forecast).toBeGreaterThan(9);
    expect(monday.forecast).toBeLessThan(11.5);
  });

  it('shrinks weekday factors toward 1 when history is short', () => {
    const long = daily(84, '2024-03-09', (d) => (isWeekend(d) ? 20 : 10));
    const short = daily(7, '2024-05-25', (d) => (isWeekend(d) ? 20 : 10));
    const longFactor = forecastDemand(long, '2024-06-01').points[0].weekdayFactor;
    const shortFactor = forecastDemand(short, '2024-06-01').points[0].weekdayFactor;
    expect(shortFactor).toBeGreaterThan(1);
    expect(shortFactor).toBeLessThan(longFactor);
  });

  it('forecasts nothing from no history and the mean from very little', () => {
    expect(forecastDemand([], '2024-06-01')).toEqual({ targetDate: '2024-06-01', points: [], items: [] });
    const two = forecastDemand(
      [
        { batchItemId: 'bi-1', pickupPointId: 'pp-1', date: '2024-05-30', qty: 3 },
        { batchItemId: 'bi-1', pickupPointId: 'pp-1', date: '2024-05-31', qty: 6 },
      ],
      '2024-06-01',
    );
    expect(two.points[0]).toMatchObject({ forecast: 4.5, method: 'mean', observations: 2, suggestedStock: 6 });
    const zeros = forecastDemand(
      [{ batchItemId: 'bi-1', pickupPointId: 'pp-1', date: '2024-05-30', qty: 0 }],
      '2024-06-01',
    );
    expect(zeros.points[0]).toMatchObject({ forecast: 0, method: 'none', suggestedStock: 0 });
    expect(forecastSeries([], [], 3)).toEqual({ forecast: 0, method: 'none', weekdayFactor: 1 });
  });

  it('sums suggested stock over points per item, counts silent days as zero, and ignores the future', () => {
    const history: SalesObservation[] = [
      // The item sold on both days; pp-2 sold nothing on 05-31 (no row), which counts as 0.
      ...daily(2, '2024-05-30', () => 10, 'bi-1', 'pp-1'),
      { batchItemId: 'bi-1', pickupPointId: 'pp-2', date: '2024-05-30', qty: 4 },
      // Sales on or after the target date are not history.
      { batchItemId: 'bi-1', pickupPointId: 'pp-2', date: '2024-06-01', qty: 1000 },
      { batchItemId: 'bi-0', pickupPointId: 'pp-9', date: '2024-05-31', qty: 1 },
    ];
    const result = forecastDemand(history, '2024-06-01', { safety: 0.5 });
    expect(result.points.map((p) => [p.batchItemId, p.pickupPointId, p.forecast, p.suggestedStock])).toEqual([
      ['bi-0', 'pp-9', 1, 2],
      ['bi-1', 'pp-1', 10, 15],
      ['bi-1', 'pp-2', 2, 3],
    ]);
    expect(result.items).toEqual([
      { batchItemId: 'bi-0', forecast: 1, suggestedStock: 2 },
      { batchItemId: 'bi-1', forecast: 12, suggestedStock: 18 },
    ]);
  });

  it('follows a level shift at the pace alpha sets', () => {
    const history = daily(28, '2024-05-01', (d) => (d < '2024-05-22' ? 10 : 30));
    const slow = forecastDemand(history, '2024-05-29', { alpha: 0.1, shrinkage: 1000 }).points[0].forecast;
    const fast = forecastDemand(history, '2024-05-29', { alpha: 0.8, shrinkage: 1000 }).points[0].forecast;
    // Seven days at the new level: 10 + 20·(1 − (1 − alpha)^7), seasonality all but switched off.
    expect(Math.abs(slow - (10 + 20 * (1 - 0.9 ** 7)))).toBeLessThan(0.3);
    expect(fast).toBeGreaterThan(29);
  });

  it('rounds stock up without float noise and rejects bad input', () => {
    expect(suggestedStockFor(10, 0.2)).toBe(12);
    expect(suggestedStockFor(10.01, 0.2)).toBe(13);
    expect(suggestedStockFor(0, 0.2)).toBe(0);
    expect(() => forecastDemand([], '2024-6-1')).toThrow(RangeError);
    expect(() => forecastDemand([], '2024-02-30')).toThrow(RangeError);
    expect(() => forecastDemand([], '2024-06-01', { alpha: 0 })).toThrow(RangeError);
    expect(() =>
      forecastDemand([{ batchItemId: 'b', pickupPointId: 'p', date: '2024-05-01', qty: -1 }], '2024-06-01'),
    ).toThrow(RangeError);
  });
});
