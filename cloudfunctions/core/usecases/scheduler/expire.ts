import type { Order } from '../../../../typings/models';
import { COLLECTIONS } from '../../domain/pay-records';
import { _ } from '../../infra/cloud';
import { col } from '../../infra/pay-store';
import { now } from '../../infra/clock';
import { closeTradeBeforeCancel } from '../pay/close';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';

export type CancelUnpaid = (orderId: string) => Promise<unknown>;

export interface ExpireReport {
  cancelled: number;
  paidMeanwhile: number;
  failed: number;
}

/**
 * Cancels orders still unpaid after their deadline, page by page. Each order's
 * trade is closed first so no payment can land after its stock is released; an
 * order paid in the meantime is settled instead. The page query always starts
 * from the oldest unpaid order: cancelled ones drop out of it, so a rerun or a
 * concurrent run simply finds less to do, and cancelOrder releases stock once.
 */
export async function expireUnpaidOrders(cancel: CancelUnpaid, budget: SchedulerBudget): Promise<ExpireReport> {
  const report: ExpireReport = { cancelled: 0, paidMeanwhile: 0, failed: 0 };
  const skip = new Set<string>();
  while (!budget.spent) {
    const res = await col('orders')
      .where({ status: 'pending_payment', payDeadline: _.lt(now()), ...(skip.size ? { _id: _.nin([...skip]) } : {}) })
      .orderBy('payDeadline', 'asc')
      .limit(SCHEDULER_PAGE)
      .field({ _id: true, orderNo: true, totalFen: true })
      .get();
    const page = res.data as Array<Pick<Order, '_id' | 'orderNo' | 'totalFen'>>;
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

/** Which of these orders asked for payment parameters (only those have a WeChat Pay trade). */
async function preparedOrderNos(orderNos: string[]): Promise<Set<string>> {
  const res = await col(COLLECTIONS.payments)
    .where({ _id: _.in(orderNos) })
    .limit(orderNos.length)
    .field({ _id: true })
    .get();
  return new Set((res.data as Array<{ _id: string }>).map((p) => p._id));
}
