import { markRefundChecked, refundsToChase } from '../../repos/refunds';
import { handleRefundNotice } from '../refund/notice';
import { sendRefund } from '../refund/send';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';

/** A refund WeChat Pay has not reported on after this long is asked about (and again as often). */
export const REFUND_CHASE_AFTER_MS = 10 * 60_000;

export interface RefundChaseReport {
  /** Refunds asked about this tick. */
  checked: number;
  /** Of those, counted on their order now (the notice never came). */
  refunded: number;
  /** Of those, reported 退款异常/退款关闭 (or refused): shown to the admin to retry. */
  failed: number;
}

/**
 * WeChat Pay's refund notice may never arrive: a refund still 退款中 10 minutes
 * after it was asked for is looked up (queryRefund) and its answer applied on
 * the very path the notice takes (refund/notice.ts: one transaction moves it
 * from pending, so a notice arriving meanwhile never counts it twice). A
 * refund never accepted (lost in transit) is sent again under its number.
 * Each is looked at again only 10 minutes later, so slow bank-card refunds
 * (1-3 days) do not hold up the others.
 */
export async function chaseRefunds(at: Date, budget: SchedulerBudget): Promise<RefundChaseReport> {
  const report: RefundChaseReport = { checked: 0, refunded: 0, failed: 0 };
  for (const refund of await refundsToChase(new Date(at.getTime() - REFUND_CHASE_AFTER_MS), SCHEDULER_PAGE)) {
    if (budget.spent) break;
    report.checked++;
    try {
      if (refund.status === 'requested') await sendRefund(refund);
      else {
        const outcome = await handleRefundNotice(refund._id);
        if (outcome === 'refunded') report.refunded++;
        if (outcome === 'failed') report.failed++;
      }
    } catch (err) {
      console.error(`[scheduler] refund ${refund._id}`, err);
      report.failed++;
    }
    await markRefundChecked(refund._id, at);
  }
  return report;
}
