import { addDays } from '../time';
import { forecastDemand, type ForecastOptions, type SalesObservation } from './forecast';

/**
 * How well the forecast would have done: a rolling one-day-ahead backtest over
 * past days. For each evaluated day d, the forecast sees only the history
 * before d (exactly what the suggestion saw that morning) and is compared with
 * what sold on d. The naive baseline is the same item's sales on the same
 * weekday a week earlier (d − 7).
 *
 * MAPE = mean over evaluated days of |forecast − actual| / actual, on the days
 * where the item sold (actual > 0) and the baseline exists (d − 7 was a sale
 * day: some item has a row on it). Both figures are computed on the same days,
 * so they compare.
 */
export interface Accuracy {
  /** Mean absolute percentage error of the forecast, 0.25 = 25 %. null: no day to evaluate. */
  mape: number | null;
  /** Same for the naive baseline (same weekday last week). */
  naiveMape: number | null;
  /** Days evaluated. */
  days: number;
}

export interface BacktestOptions extends ForecastOptions {
  /** Days evaluated, counted back from the last day of history. Default 28. */
  readonly evaluationDays?: number;
  /** History the forecast needs before the first evaluated day. Default 14. */
  readonly warmupDays?: number;
}

/** Per item, the item-level (sum over points) accuracy over the last evaluationDays before targetDate. */
export function backtestItems(
  history: readonly SalesObservation[],
  targetDate: string,
  options: BacktestOptions = {},
): Map<string, Accuracy> {
  const evaluationDays = options.evaluationDays ?? 28;
  const warmupDays = options.warmupDays ?? 14;
  const actual = new Map<string, Map<string, number>>(); // item → date → qty
  let first: string | undefined;
  const saleDays = new Set<string>();
  for (const row of history) {
    if (row.date >= targetDate) continue;
    if (first === undefined || row.date < first) first = row.date;
    saleDays.add(row.date);
    let byDate = actual.get(row.batchItemId);
    if (!byDate) actual.set(row.batchItemId, (byDate = new Map()));
    byDate.set(row.date, (byDate.get(row.date) ?? 0) + row.qty);
  }
  const sums = new Map<string, { model: number; naive: number; days: number }>();
  for (const item of actual.keys()) sums.set(item, { model: 0, naive: 0, days: 0 });
  if (first !== undefined) {
    const start = maxDate(addDays(targetDate, -evaluationDays), addDays(first, warmupDays));
    const sorted = [...history].filter((r) => r.date < targetDate).sort((a, b) => (a.date < b.date ? -1 : 1));
    let seen = 0;
    for (let day = start; day < targetDate; day = addDays(day, 1)) {
      if (!saleDays.has(day)) continue;
      while (seen < sorted.length && sorted[seen].date < day) seen++;
      const forecast = forecastDemand(sorted.slice(0, seen), day, options);
      const predicted = new Map(forecast.items.map((i) => [i.batchItemId, i.forecast]));
      const weekAgo = addDays(day, -7);
      for (const [item, byDate] of actual) {
        const qty = byDate.get(day) ?? 0;
        if (qty <= 0 || !saleDays.has(weekAgo)) continue;
        const s = sums.get(item)!;
        s.model += Math.abs((predicted.get(item) ?? 0) - qty) / qty;
        s.naive += Math.abs((byDate.get(weekAgo) ?? 0) - qty) / qty;
        s.days += 1;
      }
    }
  }
  const result = new Map<string, Accuracy>();
  for (const [item, s] of sums)
    result.set(item, {
      mape: s.days ? s.model / s.days : null,
      naiveMape: s.days ? s.naive / s.days : null,
      days: s.days,
    });
  return result;
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
