import type { Recommendations } from '../../../../typings/api';
import { historiesOf, popularAt, recommend, type ShopModel } from '../../domain/recommend';
import { fail } from '../../domain/errors';
import { itemsInOrder } from '../../repos/batch-items';
import { purchasesOf } from '../../repos/orders';
import { modelDoc, toModel } from '../../repos/recommendations';

/** Orders of the resident the scoring reads: enough for their staples, a single indexed query. */
const HISTORY_ORDERS = 50;
const SHOWN = 10;
/** A warm function instance reuses the day's model for this long instead of reading it on every call. */
const MODEL_TTL_MS = 5 * 60_000;
let cached: { model: ShopModel; builtAt: Date; readAt: number } | undefined;

async function currentModel(): Promise<{ model: ShopModel; builtAt: Date } | undefined> {
  if (cached && Date.now() - cached.readAt < MODEL_TTL_MS) return cached;
  const doc = await modelDoc();
  if (!doc) return undefined;
  cached = { model: toModel(doc), builtAt: doc.builtAt, readAt: Date.now() };
  return cached;
}

/**
 * 猜你喜欢 for the caller in one open batch: up to 10 of its items on sale and in
 * stock, from the daily model (domain/recommend.ts) and the caller's own paid
 * orders, read now, so this morning's order already counts. The caller's
 * pickup point (their latest order's, else the one they chose) picks the best
 * sellers that fill the list for a resident with little history; products
 * nobody bought yet, and before the first model everything, come in the
 * batch's own order.
 */
export async function recommendedItems(
  openid: string,
  batchId: string,
  chosenPointId: string | undefined,
  now: Date,
): Promise<Recommendations> {
  const [items, own, current] = await Promise.all([
    itemsInOrder(batchId),
    purchasesOf(openid, HISTORY_ORDERS),
    currentModel(),
  ]);
  if (!items.length) throw fail.notFound('团期');
  const onSale = items.filter((i) => i.batchStatus === 'open' && i.stock > 0 && i.opensAt <= now && now < i.cutoffAt);
  const byProduct = new Map(onSale.map((i) => [i.productId, i._id]));
  const available = new Set(byProduct.keys());
  const rows = own.map((o) => ({
    openid,
    pickupPointId: o.pickupPointId,
    productIds: o.lines.filter((l) => l.qty > l.refundedQty).map((l) => l.productId),
  }));
  const pointId = own[0]?.pickupPointId ?? chosenPointId ?? '';
  if (!current) return { batchItemIds: onSale.slice(0, SHOWN).map((i) => i._id), basis: 'batch' };
  const history = historiesOf(rows).get(openid);
  const products = history
    ? recommend(current.model, history, pointId, available, SHOWN)
    : popularAt(current.model, pointId, available, SHOWN);
  // Products nobody has bought yet come last, in the batch's own order.
  const ids = new Set(products.map((p) => byProduct.get(p)!));
  for (const i of onSale) if (ids.size < SHOWN) ids.add(i._id);
  return {
    batchItemIds: [...ids],
    basis: history ? 'history' : 'popular',
    builtAt: current.builtAt.toISOString(),
  };
}
