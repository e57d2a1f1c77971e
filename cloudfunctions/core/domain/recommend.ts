/**
 * 猜你喜欢: which products to show a resident, from what residents bought.
 *
 * Method: item-to-item collaborative filtering on co-purchase (the Amazon
 * item-to-item approach), plus "buy again", with the resident's pickup point's
 * best sellers as the fallback. Chosen over implicit-feedback factorization
 * (ALS) because a group-buy shop is small (hundreds of products, a few
 * thousand residents per city): co-occurrence counts are exact at that size,
 * take one pass over the orders, need no tuning of factors or iterations, and
 * every recommendation can be explained ("买了 X 的邻居也买了 Y"). Grocery
 * baskets repeat, so what a resident bought often is scored too.
 *
 * - Each resident's history is a set of products with counts (orders that
 *   contained them). Two products co-occur once per resident who bought both.
 * - similarity(i, j) = co(i, j) / sqrt(buyers(i) · buyers(j)) (cosine on the
 *   binary resident × product matrix); each product keeps its `neighbours`
 *   most similar products.
 * - score(c) = Σ over products h the resident bought of w(h) · similarity(h, c),
 *   with w(h) = log2(1 + count(h)) normalized to sum to 1, + repeatWeight ·
 *   count(c) / orders (a staple bought in most orders ranks high, one bought
 *   once does not) + popularityWeight / (1 + rank of c at the resident's point).
 *   The weights (1 and 0.1) are the best of a small grid in bench:recommend.
 * - Candidates are only the products on sale now (the caller passes them); the
 *   top n by score, then the point's best sellers, then everyone's, fill the list.
 */

export interface PurchaseRow {
  readonly openid: string;
  readonly pickupPointId: string;
  /** Products of one paid order (duplicates ignored). */
  readonly productIds: readonly string[];
}

/** The shop's model, built by the timer and stored as plain data. */
export interface ShopModel {
  /** product → [neighbour, similarity], most similar first. */
  similar: Record<string, Array<[string, number]>>;
  /** pickup point → products by number of buyers there, most first. */
  popularAt: Record<string, string[]>;
  /** Products by number of buyers overall, most first. */
  popular: string[];
}

/** One resident's purchases: product → orders that contained it, and the number of orders. */
export interface ResidentHistory {
  counts: Map<string, number>;
  orders: number;
}

export interface ScoreWeights {
  /** Weight of "buy again" relative to co-purchase similarity. Default 1. */
  readonly repeatWeight?: number;
  /** Weight of the point's best-seller rank as a prior. Default 0.1. */
  readonly popularityWeight?: number;
}

const byScore = (a: readonly [string, number], b: readonly [string, number]): number =>
  b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const ranked = (counts: Iterable<[string, number]>, top: number): string[] =>
  [...counts]
    .sort(byScore)
    .slice(0, top)
    .map(([id]) => id);

/** Each resident's history from their orders. */
export function historiesOf(rows: readonly PurchaseRow[]): Map<string, ResidentHistory> {
  const out = new Map<string, ResidentHistory>();
  for (const row of rows) {
    let h = out.get(row.openid);
    if (!h) out.set(row.openid, (h = { counts: new Map(), orders: 0 }));
    h.orders += 1;
    for (const id of new Set(row.productIds)) h.counts.set(id, (h.counts.get(id) ?? 0) + 1);
  }
  return out;
}

/**
 * The model from paid orders: `neighbours` most similar products per product
 * (default 30) and the best sellers (`top`, default 50) per point and overall.
 */
export function buildModel(rows: readonly PurchaseRow[], neighbours = 30, top = 50): ShopModel {
  const buyersAt = new Map<string, Map<string, Set<string>>>();
  for (const row of rows) {
    let atPoint = buyersAt.get(row.pickupPointId);
    if (!atPoint) buyersAt.set(row.pickupPointId, (atPoint = new Map()));
    for (const id of row.productIds) {
      let buyers = atPoint.get(id);
      if (!buyers) atPoint.set(id, (buyers = new Set()));
      buyers.add(row.openid);
    }
  }
  const buyers = new Map<string, number>();
  const co = new Map<string, Map<string, number>>();
  const bump = (x: string, y: string) => {
    let row = co.get(x);
    if (!row) co.set(x, (row = new Map()));
    row.set(y, (row.get(y) ?? 0) + 1);
  };
  for (const history of historiesOf(rows).values()) {
    const items = [...history.counts.keys()];
    for (const i of items) buyers.set(i, (buyers.get(i) ?? 0) + 1);
    for (let a = 0; a < items.length; a++)
      for (let b = a + 1; b < items.length; b++) {
        bump(items[a], items[b]);
        bump(items[b], items[a]);
      }
  }
  const similar: ShopModel['similar'] = {};
  for (const [i, row] of co) {
    const list: Array<[string, number]> = [];
    for (const [j, n] of row) list.push([j, n / Math.sqrt(buyers.get(i)! * buyers.get(j)!)]);
    similar[i] = list.sort(byScore).slice(0, neighbours);
  }
  const popularAt: ShopModel['popularAt'] = {};
  for (const [point, atPoint] of buyersAt)
    popularAt[point] = ranked(
      [...atPoint].map(([id, set]): [string, number] => [id, set.size]),
      top,
    );
  return { similar, popularAt, popular: ranked(buyers, top) };
}

/**
 * Up to n products for one resident, only among `available` (on sale now, in
 * stock), best first. A resident without history gets the point's best
 * sellers, then everyone's.
 */
export function recommend(
  model: ShopModel,
  history: ResidentHistory | undefined,
  pickupPointId: string,
  available: ReadonlySet<string>,
  n = 10,
  weights: ScoreWeights = {},
): string[] {
  const repeatWeight = weights.repeatWeight ?? 1;
  const popularityWeight = weights.popularityWeight ?? 0.1;
  const scores = new Map<string, number>();
  const add = (id: string, x: number) => {
    if (available.has(id)) scores.set(id, (scores.get(id) ?? 0) + x);
  };
  if (history && history.orders > 0) {
    let total = 0;
    for (const count of history.counts.values()) total += Math.log2(1 + count);
    for (const [h, count] of history.counts) {
      const weight = Math.log2(1 + count) / total;
      for (const [c, sim] of model.similar[h] ?? []) add(c, weight * sim);
      add(h, (repeatWeight * count) / history.orders);
    }
    (model.popularAt[pickupPointId] ?? []).forEach((id, rank) => add(id, popularityWeight / (1 + rank)));
  }
  return fill(model, new Set(ranked(scores, n)), pickupPointId, available, n);
}

/** The point's best sellers among `available`, then everyone's: the cold start and the popularity baseline. */
export function popularAt(model: ShopModel, pickupPointId: string, available: ReadonlySet<string>, n = 10): string[] {
  return fill(model, new Set(), pickupPointId, available, n);
}

function fill(model: ShopModel, taken: Set<string>, pickupPointId: string, available: ReadonlySet<string>, n: number) {
  for (const fallback of [model.popularAt[pickupPointId] ?? [], model.popular])
    for (const id of fallback) {
      if (taken.size >= n) break;
      if (available.has(id)) taken.add(id);
    }
  return [...taken];
}
