/**
 * bench:recommend — does 猜你喜欢 beat "the point's best sellers"?
 *
 * Leave-last-order-out backtest of cloudfunctions/core/domain/recommend.ts (the
 * code the recommendation timer runs): for every resident with at least two
 * orders, the model is built from all orders except each resident's last one;
 * a hit is when any of the 10 recommended products is in that last order.
 * hitRateAt10 = hits / residents judged. The baseline recommends the 10 best
 * sellers of the resident's pickup point (what a new resident sees).
 *
 * The history is generated (seeded, RECOMMEND_SEED, default 20261202) with the
 * structure real community group buying has:
 * - 240 products in 8 categories (生鲜, 水果, 乳品, 粮油, 零食, 日用, 冻品, 烘焙),
 *   each product with a popularity drawn from a Zipf-like law;
 * - 24 pickup points, each with its own category mix (a point near a school
 *   buys snacks and dairy, an older estate vegetables and grain);
 * - 3,000 residents, each at one point, with a taste: two favourite categories
 *   on top of the point's mix, and 3-6 staple products bought again and again;
 * - each resident places 2-14 orders of 1-5 products: a staple with
 *   probability 0.35, else a category by taste and a product by popularity.
 */
import {
  buildModel,
  historiesOf,
  popularAt,
  recommend,
  type PurchaseRow,
} from '../cloudfunctions/core/domain/recommend';
import { seededRandom } from './stats';

const SEED = Number(process.env.RECOMMEND_SEED ?? 20261202);
const CATEGORIES = 8;
const PER_CATEGORY = 30;
const POINTS = 24;
const RESIDENTS = 3000;

const random = seededRandom(SEED);
const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
function pick(weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let r = random() * total;
  for (let i = 0; i < weights.length; i++) if ((r -= weights[i]) < 0) return i;
  return weights.length - 1;
}

const products = Array.from({ length: CATEGORIES * PER_CATEGORY }, (_, i) => `p-${i}`);
// Zipf-like popularity inside each category, in a shuffled order.
const popularity = products.map((_, i) => 1 / (1 + ((i * 7919) % PER_CATEGORY)) ** 1.1);
const pointMix = Array.from({ length: POINTS }, () => Array.from({ length: CATEGORIES }, () => random() ** 2 + 0.05));

const history: PurchaseRow[][] = []; // per resident, in order
const pointOf: string[] = [];
for (let r = 0; r < RESIDENTS; r++) {
  const point = int(0, POINTS - 1);
  const taste = pointMix[point].slice();
  for (let k = 0; k < 2; k++) taste[int(0, CATEGORIES - 1)] += 1.5;
  const staples = Array.from({ length: int(3, 6) }, () => {
    const c = pick(taste);
    return c * PER_CATEGORY + pick(popularity.slice(c * PER_CATEGORY, (c + 1) * PER_CATEGORY));
  });
  const orders: PurchaseRow[] = [];
  for (let o = int(2, 14); o > 0; o--) {
    const lines = new Set<string>();
    for (let l = int(1, 5); l > 0; l--) {
      if (random() < 0.35) lines.add(products[staples[int(0, staples.length - 1)]]);
      else {
        const c = pick(taste);
        lines.add(products[c * PER_CATEGORY + pick(popularity.slice(c * PER_CATEGORY, (c + 1) * PER_CATEGORY))]);
      }
    }
    orders.push({ openid: `r-${r}`, pickupPointId: `pt-${point}`, productIds: [...lines] });
  }
  history.push(orders);
  pointOf.push(`pt-${point}`);
}

const started = process.hrtime.bigint();
const training = history.flatMap((orders) => orders.slice(0, -1));
const model = buildModel(training);
const histories = historiesOf(training);
const buildMs = Number(process.hrtime.bigint() - started) / 1e6;
const available = new Set(products);
let hits = 0;
let popularHits = 0;
const recommendStart = process.hrtime.bigint();
for (let r = 0; r < RESIDENTS; r++) {
  const last = new Set(history[r][history[r].length - 1].productIds);
  if (recommend(model, histories.get(`r-${r}`), pointOf[r], available, 10).some((id) => last.has(id))) hits++;
  if (popularAt(model, pointOf[r], available, 10).some((id) => last.has(id))) popularHits++;
}
const perResidentMs = Number(process.hrtime.bigint() - recommendStart) / 1e6 / RESIDENTS / 2;
const round = (x: number): number => Math.round(x * 10000) / 10000;

console.log(
  JSON.stringify({
    bench: 'recommend',
    seed: SEED,
    products: products.length,
    points: POINTS,
    residents: RESIDENTS,
    trainingOrders: training.length,
    hitRateAt10: round(hits / RESIDENTS),
    popularityHitRateAt10: round(popularHits / RESIDENTS),
    liftPct: Math.round((hits / popularHits - 1) * 1000) / 10,
    // Residents whose next order the list misses, fewer by this share than with best sellers.
    missesFewerPct: Math.round((1 - (RESIDENTS - hits) / (RESIDENTS - popularHits)) * 1000) / 10,
    buildMs: Math.round(buildMs),
    recommendMsPerResident: Math.round(perResidentMs * 1000) / 1000,
  }),
);
