/**
 * 智能定价: suggestions for the admin, never applied by themselves.
 *
 * Price elasticity per product from its past batches: the slope e of
 * ln(units sold) = a + e · ln(price) by least squares over the batches it sold
 * in (constant-elasticity demand: a 10 % lower price sells about −e × 10 %
 * more). It needs at least 3 batches at 2 or more different prices; without
 * them the suggestion uses DEFAULT_ELASTICITY and says so. Estimates outside
 * [−6, −0.2] (a price rise that sells more, or a wild fit) are clamped.
 *
 * Markdown for an item of an open batch that will not sell out: the sales so
 * far extrapolated along the selling window (sell-through linear in time, the
 * shape of the curve so far) give the units left at cut-off; when that is at
 * least 20 % of the stock, the price that would sell the stock under the
 * elasticity, rounded down to 10 fen but never deeper than MAX_MARKDOWN.
 */
export const DEFAULT_ELASTICITY = -1.5;
const MIN_BATCHES = 3;
export const MAX_MARKDOWN = 0.3;
const LEFTOVER_SHARE = 0.2;
/** Too early in the window, or too few sales, to extrapolate. */
const MIN_ELAPSED = 0.25;
const MIN_SOLD = 3;

export interface PricePoint {
  priceFen: number;
  qty: number;
}

export interface Elasticity {
  elasticity: number;
  /** Batches the estimate used; 0 = the default. */
  batches: number;
  /** Share of the log-sales variance the price explains (0..1); null for the default. */
  r2: number | null;
}

export function estimateElasticity(points: readonly PricePoint[]): Elasticity {
  const usable = points.filter((p) => p.priceFen > 0 && p.qty > 0);
  const prices = new Set(usable.map((p) => p.priceFen));
  if (usable.length < MIN_BATCHES || prices.size < 2) return { elasticity: DEFAULT_ELASTICITY, batches: 0, r2: null };
  const xs = usable.map((p) => Math.log(p.priceFen));
  const ys = usable.map((p) => Math.log(p.qty));
  const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
  const my = ys.reduce((s, y) => s + y, 0) / ys.length;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < xs.length; i++) {
    sxy += (xs[i] - mx) * (ys[i] - my);
    sxx += (xs[i] - mx) ** 2;
    syy += (ys[i] - my) ** 2;
  }
  const slope = sxy / sxx;
  const r2 = syy ? (sxy * sxy) / (sxx * syy) : 1;
  return {
    elasticity: Math.min(-0.2, Math.max(-6, slope)),
    batches: usable.length,
    r2: Math.round(r2 * 1000) / 1000,
  };
}

/** Units sold at priceTo when priceFrom sold `qty`, under constant elasticity e. */
export const unitsAt = (qty: number, priceFrom: number, priceTo: number, e: number): number =>
  qty * (priceTo / priceFrom) ** e;

export interface SellThrough {
  priceFen: number;
  sold: number;
  stock: number;
  /** Share of the selling window gone, 0..1. */
  elapsed: number;
}

export interface Markdown {
  /** Units expected sold by cut-off at today's price, and left over. */
  projectedSold: number;
  projectedLeftover: number;
  /** null: no markdown needed (or too early to say). */
  suggestedPriceFen: number | null;
  /** Units expected sold by cut-off at the suggested price (the stock caps it). */
  expectedSold: number | null;
}

export function suggestMarkdown(s: SellThrough, e: number): Markdown {
  const total = s.sold + s.stock;
  if (s.elapsed < MIN_ELAPSED || s.sold < MIN_SOLD || s.elapsed >= 1)
    return { projectedSold: s.sold, projectedLeftover: s.stock, suggestedPriceFen: null, expectedSold: null };
  const projectedSold = Math.min(total, s.sold / s.elapsed);
  const projectedLeftover = total - projectedSold;
  const round = (x: number) => Math.round(x * 10) / 10;
  if (projectedLeftover < LEFTOVER_SHARE * total)
    return {
      projectedSold: round(projectedSold),
      projectedLeftover: round(projectedLeftover),
      suggestedPriceFen: null,
      expectedSold: null,
    };
  // The rest of the window sells (projected − sold) at today's price; find the price that sells the stock left.
  const rest = projectedSold - s.sold;
  const needed = rest > 0 ? (s.stock / rest) ** (1 / e) : 1 - MAX_MARKDOWN;
  const factor = Math.max(1 - MAX_MARKDOWN, Math.min(1, needed));
  // Rounded down to 10 fen, unless that would pass the deepest markdown allowed.
  const deepest = Math.ceil(s.priceFen * (1 - MAX_MARKDOWN));
  const suggestedPriceFen = Math.max(1, deepest, Math.floor((s.priceFen * factor) / 10) * 10);
  if (suggestedPriceFen >= s.priceFen)
    return {
      projectedSold: round(projectedSold),
      projectedLeftover: round(projectedLeftover),
      suggestedPriceFen: null,
      expectedSold: null,
    };
  const expectedSold = Math.min(total, s.sold + unitsAt(rest, s.priceFen, suggestedPriceFen, e));
  return {
    projectedSold: round(projectedSold),
    projectedLeftover: round(projectedLeftover),
    suggestedPriceFen,
    expectedSold: round(expectedSold),
  };
}
