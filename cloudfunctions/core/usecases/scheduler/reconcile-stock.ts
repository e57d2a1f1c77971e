import { auditItem, type StockReconcileReport } from '../../domain/stock-ledger';
import { itemsWithHolds, returnStock } from '../../repos/batch-items';
import { claimStockReconcile, recordStockReconcile } from '../../repos/jobs';
import { ordersByReservation } from '../../repos/orders';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';

/** How often the reconciliation runs (on the every-minute tick that finds it due). */
export const STOCK_RECONCILE_EVERY_MS = 10 * 60_000;

/**
 * 库存对账. Every 10 minutes, each item of a selling or cut-off batch is checked
 * against the orders its holds name: a hold whose order was cancelled (its
 * release failed) or never came to be (a create that failed after taking stock)
 * is given back with the same guarded update a cancel uses, so a hold is given
 * back once whoever tries; then stock + reserved + sold = initial and every
 * resident's limit counter are proven per item. Idempotent: a second run finds
 * nothing to give back. The run's report is kept on the job (jobs/stock-reconcile).
 */
export async function reconcileStock(at: Date, budget: SchedulerBudget): Promise<StockReconcileReport | null> {
  if (budget.spent || !(await claimStockReconcile(at, STOCK_RECONCILE_EVERY_MS))) return null;
  const report: StockReconcileReport = {
    at,
    items: 0,
    holds: 0,
    released: [],
    releasedQty: 0,
    unbalanced: [],
    cutShort: false,
  };
  for await (const page of itemsWithHolds(SCHEDULER_PAGE)) {
    if (budget.spent) {
      report.cutShort = true;
      break;
    }
    const orders = await ordersByReservation(page.flatMap((i) => Object.keys(i.held ?? {})));
    for (const item of page) {
      const { stale, ledger } = auditItem(item, orders, at);
      report.items++;
      report.holds += Object.keys(item.held ?? {}).length;
      let unreleased = false;
      for (const hold of stale) {
        if (await returnStock(hold)) {
          report.released.push(hold);
          report.releasedQty += hold.qty;
        } else unreleased = true; // given back meanwhile (a late cancel) or changed: the next run looks again
      }
      if (!ledger.balanced && !unreleased) report.unbalanced.push(ledger);
    }
  }
  await recordStockReconcile(report, at);
  if (report.released.length || report.unbalanced.length) console.error('[reconcile] stock', JSON.stringify(report));
  return report;
}
