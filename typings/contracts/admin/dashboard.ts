import * as z from 'zod/mini';
import { contract, label, type Input } from '../define';
import { day } from '../shapes';

export interface DailyPoint {
  date: string;
  gmvFen: number;
  orders: number;
  refundedFen: number;
}

/**
 * What a day (a category, a leader) earned the platform, all fen: revenueFen is
 * the units residents kept at their price (paid − refunded + couponFen); couponFen
 * the discounts on those units, coupons' and points' (积分抵扣) alike (a unit refunded takes its share away);
 * costFen the units kept × the items' cost prices; commissionFen the leaders'
 * commission on those orders; marginFen = revenueFen − costFen − commissionFen −
 * couponFen, i.e. what residents kept paying less cost and commission. Units of items without a
 * cost price are counted in costPendingUnits and add no cost (the margin is then too high).
 */
export interface MarginFigures {
  revenueFen: number;
  costFen: number;
  commissionFen: number;
  couponFen: number;
  marginFen: number;
  costPendingUnits: number;
}

export interface Margin {
  total: MarginFigures;
  daily: Array<MarginFigures & { date: string }>;
  /** Commission is booked per order, not per category: categories show 0 commission and their gross margin. */
  categories: Array<MarginFigures & { categoryId: string; name: string }>;
  /** The leaders of leaderRanking, in its order. */
  leaders: Array<MarginFigures & { leaderId: string; name: string }>;
}

export interface Dashboard {
  from: string;
  to: string;
  /** Paid amount of orders paid in the range (cancelled never count), before refunds. */
  gmvFen: number;
  /** Refunded so far on those orders (completed refunds). */
  refundedFen: number;
  orders: number;
  /** gmvFen / orders, rounded to fen; 0 without orders. */
  avgOrderFen: number;
  buyers: number;
  /** Top 10 products by paid amount (net of refunded units). */
  topSkus: Array<{ productId: string; title: string; qty: number; amountFen: number }>;
  /** Top 10 leaders by paid amount of their points' orders. */
  leaderRanking: Array<{ leaderId: string; name: string; orders: number; gmvFen: number }>;
  /** One point per Shanghai day from..to, zeros included (charts). */
  daily: DailyPoint[];
  /** The platform's margin over the same orders: per day (every day), per category, per ranked leader. */
  margin: Margin;
  /** Items of open batches running low, lowest stock first (≤ 100). */
  inventoryAlerts: Array<{
    batchItemId: string;
    batchId: string;
    title: string;
    stock: number;
    sold: number;
  }>;
}

export const dashboard = {
  /**
   * Inclusive Shanghai dates, to - from ≤ 92 days; orders count on the day they were paid.
   * Inventory alert: stock ≤ lowStockUnits (default 5) or ≤ 10% of stock + sold.
   */
  dashboard: contract(() =>
    z.object({
      from: label(day, '开始日期'),
      to: label(day, '结束日期'),
      lowStockUnits: z.optional(label(z.int().check(z.gte(0), z.lte(100_000)), '库存预警数量')),
    }),
  ).answers<Dashboard>(),
};

export type DashboardInput = Input<typeof dashboard.dashboard>;
