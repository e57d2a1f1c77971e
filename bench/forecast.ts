/**
 * bench:forecast — is the demand forecast better than a naive guess?
 *
 * A rolling one-day-ahead backtest (cloudfunctions/core/domain/supply/accuracy.ts,
 * the same code that shows the admin each suggestion's accuracy) over a generated
 * 12-week history, against the naive baseline "same weekday last week".
 *
 * The history (seeded, FORECAST_SEED, default 20261202) has the structure real
 * group-buy sales have:
 * - 30 items × 12 pickup points, one sale day every day for 84 days;
 * - each item has a base demand per point (a lognormal draw around 4 units, times
 *   the point's size, 0.5-2×);
 * - weekday seasonality from one of three profiles (fresh produce peaks on
 *   weekends, staples are flat, breakfast goods peak on weekdays);
 * - a linear trend per item, −0.4 %…+0.8 % of the base per day;
 * - Poisson noise around that mean.
 * The last 56 days (8 weeks) are evaluated, each with only the days before it.
 *
 * Prints one JSON line: mape and naiveMape per item and day (what a suggestion
 * is about: stock per item), how much smaller the forecast's error is, and the
 * error of an oracle that knows the true mean (the Poisson noise floor).
 */
import { backtestItems } from '../cloudfunctions/core/domain/supply/accuracy';
import type { SalesObservation } from '../cloudfunctions/core/domain/supply/forecast';
import { addDays } from '../cloudfunctions/core/domain/time';
import { seededRandom } from './stats';

const SEED = Number(process.env.FORECAST_SEED ?? 20261202);
const ITEMS = 30;
const POINTS = 12;
const DAYS = 84;
const EVALUATED = 56;
const START = '2026-09-07'; // a Monday

const random = seededRandom(SEED);
const normal = (): number => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
function poisson(mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal()));
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = random(); p > limit; p *= random()) k++;
  return k;
}

// Weekday factors, Sunday first (dayjs().day()).
const PROFILES = [
  [1.4, 0.8, 0.8, 0.85, 0.9, 1.05, 1.5], // fresh produce: weekends
  [1, 1, 1, 1, 1, 1, 1], // staples: flat
  [0.7, 1.15, 1.15, 1.1, 1.1, 1.05, 0.75], // breakfast: weekdays
];

const pointSize = Array.from({ length: POINTS }, () => 0.5 + 1.5 * random());
const history: SalesObservation[] = [];
/** item → date → the true mean demand summed over points: the oracle no forecast can beat on average. */
const truth = new Map<string, Map<string, number>>();
for (let i = 0; i < ITEMS; i++) {
  const item = `item-${String(i).padStart(2, '0')}`;
  const profile = PROFILES[i % PROFILES.length];
  const trend = -0.004 + 0.012 * random();
  const itemTruth = new Map<string, number>();
  truth.set(item, itemTruth);
  const base = Array.from({ length: POINTS }, (_, p) => 4 * Math.exp(0.5 * normal()) * pointSize[p]);
  for (let d = 0; d < DAYS; d++) {
    const date = addDays(START, d);
    const weekday = (1 + d) % 7; // START is a Monday
    for (let p = 0; p < POINTS; p++) {
      const mean = Math.max(0, base[p] * profile[weekday] * (1 + trend * d));
      history.push({ batchItemId: item, pickupPointId: `point-${p}`, date, qty: poisson(mean) });
      itemTruth.set(date, (itemTruth.get(date) ?? 0) + mean);
    }
  }
}

const end = addDays(START, DAYS);
const started = process.hrtime.bigint();
const byItem = backtestItems(history, end, { evaluationDays: EVALUATED });
const ms = Number(process.hrtime.bigint() - started) / 1e6;

let model = 0;
let naive = 0;
let days = 0;
for (const a of byItem.values()) {
  if (a.mape === null || a.naiveMape === null) continue;
  model += a.mape * a.days;
  naive += a.naiveMape * a.days;
  days += a.days;
}
// The oracle's error on the same item-days (every evaluated day has a week before it).
let oracle = 0;
let oracleDays = 0;
const sold = new Map<string, number>();
for (const r of history) sold.set(`${r.batchItemId}|${r.date}`, (sold.get(`${r.batchItemId}|${r.date}`) ?? 0) + r.qty);
for (const [item, byDate] of truth)
  for (const [date, mean] of byDate) {
    const qty = sold.get(`${item}|${date}`) ?? 0;
    if (date < addDays(end, -EVALUATED) || qty <= 0) continue;
    oracle += Math.abs(mean - qty) / qty;
    oracleDays += 1;
  }
const mape = model / days;
const naiveMape = naive / days;
const round = (x: number): number => Math.round(x * 10000) / 10000;

console.log(
  JSON.stringify({
    bench: 'forecast',
    seed: SEED,
    items: ITEMS,
    points: POINTS,
    historyDays: DAYS,
    evaluatedDays: EVALUATED,
    itemDays: days,
    mape: round(mape),
    naiveMape: round(naiveMape),
    oracleMape: round(oracle / oracleDays),
    errorReductionPct: Math.round((1 - mape / naiveMape) * 1000) / 10,
    // Share of the naive baseline's error above the noise floor that the forecast removes.
    reducibleErrorRemovedPct: Math.round(((naiveMape - mape) / (naiveMape - oracle / oracleDays)) * 1000) / 10,
    backtestMs: Math.round(ms),
  }),
);
