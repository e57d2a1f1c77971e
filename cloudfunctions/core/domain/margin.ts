import type { MarginFigures } from '../../../typings/contracts/admin/dashboard';

/**
 * One group of net sales of an item: units and money kept (paid less refunded), the
 * coupons' share on those units (their price less what was paid), and the item's cost
 * price (undefined: not set).
 */
export interface SoldAtCost {
  qty: number;
  amountFen: number;
  couponFen?: number;
  unitCostFen: number | undefined;
}

/**
 * The platform's margin on some sales, in integer fen: revenue (the kept units at their
 * price: paid + coupons) − cost − commission − coupons, so the margin is what was paid
 * less cost and commission. Units without a cost price add no cost and are counted
 * apart, so the figure never hides them.
 */
export function marginOf(sales: readonly SoldAtCost[], commissionFen = 0): MarginFigures {
  let revenueFen = 0;
  let couponFen = 0;
  let costFen = 0;
  let costPendingUnits = 0;
  for (const s of sales) {
    revenueFen += s.amountFen + (s.couponFen ?? 0);
    couponFen += s.couponFen ?? 0;
    if (s.unitCostFen === undefined) costPendingUnits += s.qty;
    else costFen += s.qty * s.unitCostFen;
  }
  return {
    revenueFen,
    costFen,
    commissionFen,
    couponFen,
    marginFen: revenueFen - costFen - commissionFen - couponFen,
    costPendingUnits,
  };
}

/** Figures of parts added up (a period from its days). */
export function sumMargins(parts: readonly MarginFigures[]): MarginFigures {
  const sum = (k: keyof MarginFigures) => parts.reduce((s, p) => s + p[k], 0);
  return {
    revenueFen: sum('revenueFen'),
    costFen: sum('costFen'),
    commissionFen: sum('commissionFen'),
    couponFen: sum('couponFen'),
    marginFen: sum('marginFen'),
    costPendingUnits: sum('costPendingUnits'),
  };
}
