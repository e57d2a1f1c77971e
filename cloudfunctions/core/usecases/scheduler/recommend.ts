import { buildModel, type PurchaseRow } from '../../domain/recommend';
import { purchasedSincePages } from '../../repos/orders';
import { modelBuiltAt, saveModel } from '../../repos/recommendations';
import type { SchedulerBudget } from './budget';

/** The model is rebuilt once it is this old: once a day, on the first tick after. */
const REBUILD_AFTER_MS = 23 * 3600_000;
/** Paid orders of the last 90 days make the model. */
const HISTORY_MS = 90 * 24 * 3600_000;
const PAGE = 1000;

export type ModelRefresh = 'built' | 'fresh' | 'out_of_budget';

/**
 * Rebuilds the 猜你喜欢 model (domain/recommend.ts) from the last 90 days of
 * paid orders, once a day. It is the scheduler's last and least urgent step:
 * a tick whose budget runs out while reading writes nothing and the next one
 * starts over; two ticks at once write the same model twice, harmlessly.
 */
export async function refreshRecommendations(now: Date, budget: SchedulerBudget): Promise<ModelRefresh> {
  if (budget.spent) return 'out_of_budget';
  const builtAt = await modelBuiltAt();
  if (builtAt && now.getTime() - builtAt.getTime() < REBUILD_AFTER_MS) return 'fresh';
  const from = new Date(now.getTime() - HISTORY_MS);
  const rows: PurchaseRow[] = [];
  for await (const page of purchasedSincePages(from, PAGE)) {
    if (budget.spent) return 'out_of_budget';
    for (const o of page)
      rows.push({
        openid: o.openid,
        pickupPointId: o.pickupPointId,
        productIds: o.lines.filter((l) => l.qty > l.refundedQty).map((l) => l.productId),
      });
  }
  await saveModel(buildModel(rows), { orders: rows.length, from, builtAt: now });
  return 'built';
}
