import { now } from '../../infra/clock';
import { expiredUnpaidOrders } from '../../repos/orders';
import { preparedOrderNos } from '../../repos/payments';
import { closeTradeBeforeCancel } from '../pay/close';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';

export type CancelUnpaid = (orderId: string) => Promise<unknown>;

export interface ExpireReport {
  cancelled: number;
  paidMeanwhile: number;
  failed: number;
}

export const emptyExpireReport = (): ExpireReport => ({ cancelled: 0, paidMeanwhile: 0, failed: 0 });

/**
 * Cancels orders still unpaid after their deadline (of one batch, when given),
 * page by page. Each order's trade is closed first so no payment can land after
 * its stock is released; an order paid in the meantime is settled instead. The
 * page query always starts from the oldest unpaid order: cancelled ones drop out
 * of it, so a rerun or a concurrent run simply finds less to do, and cancelOrder
 * releases stock once.
 */
export async function expireUnpaidOrders(
  cancel: CancelUnpaid,
  budget: SchedulerBudget,
  report: ExpireReport = emptyExpireReport(),
  batchId?: string,
): Promise<ExpireReport> {
  const skip = new Set<string>();
  while (!budget.spent) {
    const page = await expiredUnpaidOrders(now(), { batchId, skip: [...skip], limit: SCHEDULER_PAGE });
    if (!page.length) break;
    const prepared = await preparedOrderNos(page.map((o) => o.orderNo));
    for (const order of page) {
      if (budget.spent) break;
      try {
        const closed = await closeTradeBeforeCancel(order, prepared.has(order.orderNo));
        if (closed === 'closed') {
          await cancel(order._id);
          report.cancelled++;
        } else report.paidMeanwhile++;
      } catch (err) {
        // One bad order must not stop the others; it is tried again next tick.
        console.error(`[scheduler] expire ${order._id}`, err);
        skip.add(order._id);
        report.failed++;
      }
    }
  }
  return report;
}
