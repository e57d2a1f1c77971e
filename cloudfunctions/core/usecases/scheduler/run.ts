import { raiseLowStockAlerts } from '../admin/stock-alerts';
import { settleGroups } from '../group/settle';
import { cancelOrder } from '../order/cancel';
import { SchedulerBudget } from './budget';
import { expireUnpaidOrders } from './expire';
import { now } from '../../infra/clock';
import { emptyPipelineReport, runDuePipelines, UNPAID_CANCEL_REASON, type PipelineReport } from './pipeline';
import { refreshRecommendations, type ModelRefresh } from './recommend';
import { reconcileStock } from './reconcile-stock';
import { chaseRefunds, type RefundChaseReport } from './refunds';
import type { StockReconcileReport } from '../../domain/stock-ledger';
import { expirePoints, type PointsExpiryReport } from '../points/expire';

export interface SchedulerReport extends PipelineReport {
  /** The daily 猜你喜欢 model: rebuilt on this tick, still fresh, or left for a tick with time to spare. */
  recommendations: ModelRefresh;
  /** Low-stock alerts raised for the admin this tick. */
  lowStockAlerts: number;
  /** The stock reconciliation, on the ticks it is due (every 10 minutes). */
  stockReconcile: StockReconcileReport | null;
  /** Points expired on this tick (from 1 January: points/expire.ts). */
  pointsExpired: PointsExpiryReport;
  /** Refunds still 退款中 after 10 minutes, asked about (scheduler/refunds.ts). */
  refunds: RefundChaseReport;
  ms: number;
}

/**
 * One tick of the every-minute timer, the one driver of the day's jobs. Orders
 * unpaid past their deadline are cancelled first (of every batch: an open
 * batch's stock comes back for other buyers), then 拼团 whose time is up fill or
 * fail (group/settle.ts: a failed one's members refunded), then each batch past its cut-off
 * is carried along its pipeline (scheduler/pipeline.ts), items of open batches
 * running low alert the admin (admin/stock-alerts.ts), and last, once a day,
 * the recommendation model is rebuilt (scheduler/recommend.ts), every 10
 * minutes stock is reconciled (scheduler/reconcile-stock.ts), refunds WeChat
 * Pay has not reported on are asked about (scheduler/refunds.ts), and from 1
 * January last year's-but-one points expire (points/expire.ts). Every step is guarded
 * by document state, so two ticks running at once or a tick cut short by the
 * timeout leave nothing half done that the next tick would not finish.
 */
export async function runScheduler(budgetMs: number): Promise<SchedulerReport> {
  const started = Date.now();
  const budget = new SchedulerBudget(budgetMs);
  const report = emptyPipelineReport();
  await expireUnpaidOrders((orderId) => cancelOrder(orderId, UNPAID_CANCEL_REASON), budget, report);
  await settleGroups(now(), budget, report);
  await runDuePipelines(budget, report);
  const lowStockAlerts = await raiseLowStockAlerts(now());
  const recommendations = await refreshRecommendations(now(), budget);
  const stockReconcile = await reconcileStock(now(), budget);
  const refunds = await chaseRefunds(now(), budget);
  const pointsExpired = await expirePoints(now(), budget);
  return {
    ...report,
    lowStockAlerts,
    recommendations,
    stockReconcile,
    refunds,
    pointsExpired,
    ms: Date.now() - started,
  };
}
