import type { BatchItemAdminView } from '../../../../typings/contracts/admin/batches';
import type { PricingSuggestion } from '../../../../typings/contracts/admin/pricing';
import { fail } from '../../domain/errors';
import { estimateElasticity, suggestMarkdown, type PricePoint } from '../../domain/pricing-suggest';
import { batchItemById, itemsInOrder, lowerOpenPrice, pastPricesOf } from '../../repos/batch-items';
import { batchById } from '../../repos/batches';
import { batchItemAdminView } from './batches';

/** Past batches within this window inform the elasticity. */
const HISTORY_MS = 180 * 24 * 3600_000;

/** 智能定价 for an open batch: per item, the elasticity from its product's past batches and a markdown if needed. */
export async function pricingSuggestions(batchId: string, now: Date): Promise<PricingSuggestion[]> {
  const batch = await batchById(batchId);
  if (!batch) throw fail.notFound('团期');
  if (batch.status !== 'open' || now < batch.opensAt || now >= batch.cutoffAt)
    throw fail.state('只有开团中的团期有定价建议');
  const items = await itemsInOrder(batchId);
  const past = await pastPricesOf([...new Set(items.map((i) => i.productId))], new Date(now.getTime() - HISTORY_MS));
  const byProduct = new Map<string, PricePoint[]>();
  for (const p of past) {
    if (p.notRunning) continue;
    const list = byProduct.get(p.productId) ?? [];
    list.push({ priceFen: p.priceFen, qty: p.sold });
    byProduct.set(p.productId, list);
  }
  const window = batch.cutoffAt.getTime() - batch.opensAt.getTime();
  const elapsed = Math.min(1, Math.max(0, (now.getTime() - batch.opensAt.getTime()) / window));
  return items.map((i) => {
    const e = estimateElasticity(byProduct.get(i.productId) ?? []);
    const m = suggestMarkdown({ priceFen: i.priceFen, sold: i.sold, stock: i.stock, elapsed }, e.elasticity);
    return {
      batchItemId: i._id,
      productId: i.productId,
      title: i.title,
      priceFen: i.priceFen,
      sold: i.sold,
      stock: i.stock,
      elapsed: Math.round(elapsed * 1000) / 1000,
      elasticity: { value: Math.round(e.elasticity * 100) / 100, batches: e.batches, r2: e.r2 },
      projectedSold: m.projectedSold,
      projectedLeftover: m.projectedLeftover,
      markdown:
        m.suggestedPriceFen === null ? null : { priceFen: m.suggestedPriceFen, expectedSold: m.expectedSold ?? 0 },
    };
  });
}

/** The admin accepts a markdown: only lower than today's price, only while the batch sells. */
export async function acceptMarkdown(batchItemId: string, priceFen: number, now: Date): Promise<BatchItemAdminView> {
  const item = await batchItemById(batchItemId);
  if (!item) throw fail.notFound('团期商品');
  if (item.batchStatus !== 'open' || now < item.opensAt || now >= item.cutoffAt)
    throw fail.state('只有开团中的商品可以降价');
  if (priceFen >= item.priceFen) throw fail.invalid('priceFen: 新团购价须低于现价');
  if (!(await lowerOpenPrice(batchItemId, priceFen, now))) {
    const again = await batchItemById(batchItemId);
    if (!again || again.batchStatus !== 'open') throw fail.state('只有开团中的商品可以降价');
    throw fail.invalid('priceFen: 新团购价须低于现价');
  }
  return batchItemAdminView((await batchItemById(batchItemId))!);
}
