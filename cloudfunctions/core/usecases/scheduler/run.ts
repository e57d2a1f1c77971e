import { cancelOrder } from '../order/cancel';
import { SchedulerBudget } from './budget';
import { cutOffDueBatches, settleMinimums, type CutoffReport } from './cutoff';
import { expireUnpaidOrders, type ExpireReport } from './expire';

export const UNPAID_CANCEL_REASON = '超时未支付，自动取消';

export interface SchedulerReport extends ExpireReport, CutoffReport {
  ms: number;
}

/**
 * One tick of the every-minute timer. Order matters: unpaid orders are
 * cancelled first so that, at cut-off, the paid quantities the minimum check
 * reads are final. Every step is guarded by document state, so two ticks
 * running at once or a tick cut short by the timeout leave nothing half done
 * that the next tick would not finish.
 */
export async function runScheduler(budgetMs: number): Promise<SchedulerReport> {
  const started = Date.now();
  const budget = new SchedulerBudget(budgetMs);
  const expired = await expireUnpaidOrders((orderId) => cancelOrder(orderId, UNPAID_CANCEL_REASON), budget);
  const cutoff: CutoffReport = {
    batchesCutOff: await cutOffDueBatches(),
    itemsNotRunning: 0,
    refundsRequested: 0,
    failed: 0,
  };
  await settleMinimums(budget, cutoff);
  return { ...expired, ...cutoff, failed: expired.failed + cutoff.failed, ms: Date.now() - started };
}
