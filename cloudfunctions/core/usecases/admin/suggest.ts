import type { StockSuggestion } from '../../../../typings/admin';
import type { Batch } from '../../../../typings/models';
import { REFUNDABLE_STATUSES } from '../../domain/pay-records';
import { forecastDemand, type SalesObservation } from '../../domain/supply/forecast';
import { addDays } from '../../domain/time';
import { db, _ } from '../../infra/cloud';
import { C } from '../../repos/collections';
import { col } from './common';

const HISTORY_DAYS = 56;
const PAGE = 1000;

/**
 * Suggested stock per product for a coming pickup day: the demand forecast
 * kernel (exponential smoothing + weekday factors, per pickup point) over the
 * units sold of each product in the batches of the last 8 weeks, keyed by
 * their pickup dates. Refunded units do not count as demand.
 */
export async function suggestStock(productIds: string[], pickupDate: string): Promise<StockSuggestion[]> {
  const batches = (
    await col(C.batches)
      .where({ pickupDate: _.and(_.gte(addDays(pickupDate, -HISTORY_DAYS)), _.lt(pickupDate)) })
      .field({ _id: true, pickupDate: true })
      .limit(1000)
      .get()
  ).data as Array<Pick<Batch, '_id' | 'pickupDate'>>;
  const dateOf = new Map(batches.map((b) => [b._id, b.pickupDate]));
  const history: SalesObservation[] = [];
  if (batches.length) {
    const $ = db.command.aggregate;
    for (let skip = 0; ; skip += PAGE) {
      const res = await col(C.orders)
        .aggregate()
        .match({ batchId: _.in([...dateOf.keys()]), status: _.in(REFUNDABLE_STATUSES) })
        .unwind('$lines')
        .match({ 'lines.productId': _.in(productIds) })
        .group({
          _id: { b: '$batchId', p: '$lines.productId', pp: '$pickupPointId' },
          qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])),
        })
        .sort({ '_id.b': 1, '_id.p': 1, '_id.pp': 1 })
        .skip(skip)
        .limit(PAGE)
        .end();
      const rows = res.list as Array<{ _id: { b: string; p: string; pp: string }; qty: number }>;
      for (const r of rows)
        history.push({
          batchItemId: r._id.p,
          pickupPointId: r._id.pp,
          date: dateOf.get(r._id.b) as string,
          qty: Math.max(0, r.qty),
        });
      if (rows.length < PAGE) break;
    }
  }
  const forecast = forecastDemand(history, pickupDate);
  const byProduct = new Map(forecast.items.map((i) => [i.batchItemId, i]));
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
    };
  });
}
