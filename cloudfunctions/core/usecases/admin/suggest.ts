import type { StockSuggestion } from '../../../../typings/contracts/admin/batches';
import { backtestItems } from '../../domain/supply/accuracy';
import { forecastDemand, type SalesObservation } from '../../domain/supply/forecast';
import { addDays } from '../../domain/time';
import { batchesPickedUpBetween } from '../../repos/batches';
import { unitsSoldPages } from '../../repos/orders';

const HISTORY_DAYS = 56;
const PAGE = 1000;

/**
 * Suggested stock per product for a coming pickup day: the demand forecast
 * kernel (exponential smoothing + weekday factors, per pickup point) over the
 * units sold of each product in the batches of the last 8 weeks, keyed by
 * their pickup dates. Refunded units do not count as demand. Each suggestion
 * carries the forecast's accuracy over the last 4 weeks of that history (a
 * rolling backtest against "same weekday last week"), so the admin can judge it.
 */
export async function suggestStock(productIds: string[], pickupDate: string): Promise<StockSuggestion[]> {
  const batches = await batchesPickedUpBetween(addDays(pickupDate, -HISTORY_DAYS), pickupDate);
  const dateOf = new Map(batches.map((b) => [b._id, b.pickupDate]));
  const history: SalesObservation[] = [];
  if (batches.length)
    for await (const rows of unitsSoldPages([...dateOf.keys()], productIds, PAGE))
      for (const r of rows)
        history.push({
          batchItemId: r.productId,
          pickupPointId: r.pickupPointId,
          date: dateOf.get(r.batchId)!,
          qty: Math.max(0, r.qty),
        });
  const forecast = forecastDemand(history, pickupDate);
  const byProduct = new Map(forecast.items.map((i) => [i.batchItemId, i]));
  const accuracy = backtestItems(history, pickupDate);
  const fraction = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);
  const observed = new Map<string, Set<string>>();
  for (const h of history) {
    if (h.qty <= 0) continue;
    const days = observed.get(h.batchItemId) ?? new Set<string>();
    days.add(h.date);
    observed.set(h.batchItemId, days);
  }
  return productIds.map((productId) => {
    const f = byProduct.get(productId);
    return {
      productId,
      forecast: Math.round((f?.forecast ?? 0) * 100) / 100,
      suggestedStock: f?.suggestedStock ?? 0,
      observations: observed.get(productId)?.size ?? 0,
      accuracy: {
        mape: fraction(accuracy.get(productId)?.mape ?? null),
        naiveMape: fraction(accuracy.get(productId)?.naiveMape ?? null),
        days: accuracy.get(productId)?.days ?? 0,
      },
    };
  });
}
