import { createHash } from 'node:crypto';
import type { BatchItem, Order } from '../../../../typings/models';
import { now } from '../../infra/clock';
import { allItemsOf, markMinimumRefunded, recordMinimum } from '../../repos/batch-items';
import { buyersOfItem, paidQtyPerItem } from '../../repos/orders';
import { payDeps } from '../pay/deps';
import { refundLines } from '../refund/lines';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';

/** What the minimums stage reads and writes (in-memory ones in the unit tests). */
export interface MinimumsRepos {
  itemsOf(batchId: string): Promise<BatchItem[]>;
  paidQtyPerItem(batchId: string): Promise<Map<string, number>>;
  buyersOfItem(
    batchId: string,
    batchItemId: string,
    pageSize: number,
  ): AsyncIterable<Array<Pick<Order, '_id' | 'orderNo' | 'lines'>>>;
  recordMinimum(itemId: string, notRunning: boolean, paidQtyAtCutoff: number): Promise<void>;
  markMinimumRefunded(itemId: string, at: Date): Promise<void>;
  /** Idempotent on outRefundNo (refund/lines.ts). */
  refund(
    orderId: string,
    lines: Array<{ batchItemId: string; qty: number }>,
    reason: string,
    outRefundNo: string,
  ): Promise<unknown>;
}

const databaseRepos: MinimumsRepos = {
  itemsOf: allItemsOf,
  paidQtyPerItem,
  buyersOfItem,
  recordMinimum,
  markMinimumRefunded,
  // Not the resident's doing: an order left with nothing paid gets its coupon back.
  refund: (orderId, lines, reason, outRefundNo) =>
    refundLines(orderId, lines, reason, outRefundNo, payDeps, { couponBack: true }),
};

export interface MinimumsReport {
  itemsNotRunning: number;
  refundsRequested: number;
  failed: number;
}

/** Deterministic per order and item, so every rerun asks for the same refund (≤ 64 chars as WeChat Pay allows). */
export const minimumRefundNo = (orderNo: string, batchItemId: string): string =>
  `${orderNo}-min-${createHash('sha256').update(batchItemId).digest('hex').slice(0, 12)}`;

/**
 * The minimums stage of a batch: an item whose paid quantity is below its
 * minimum does not run, and every buyer of it gets that line refunded. The
 * pipeline runs it only after the unpaid stage, so the paid quantity is final.
 * The decision is written on the item before any refund, refunds are idempotent
 * on their number, and each item is marked refunded last: a run cut short is
 * finished by the next one. True once every item is settled.
 */
export async function settleMinimums(
  batchId: string,
  budget: SchedulerBudget,
  report: MinimumsReport,
  repos: MinimumsRepos = databaseRepos,
): Promise<boolean> {
  const open = (await repos.itemsOf(batchId)).filter((i) => i.minQuantity > 0 && !i.minimumRefundedAt);
  const paid = open.some((i) => i.notRunning === undefined)
    ? await repos.paidQtyPerItem(batchId)
    : new Map<string, number>();
  let done = true;
  for (const item of open) {
    if (budget.spent) return false;
    if (item.notRunning === undefined) {
      const qty = paid.get(item._id) ?? 0;
      item.notRunning = qty < item.minQuantity;
      await repos.recordMinimum(item._id, item.notRunning, qty);
      if (item.notRunning) report.itemsNotRunning++;
    }
    if (item.notRunning && !(await refundBuyers(item, budget, report, repos))) {
      done = false;
      continue;
    }
    await repos.markMinimumRefunded(item._id, now());
  }
  return done;
}

/** Refunds the item's line to every buyer; false when the budget ran out or a refund failed. */
async function refundBuyers(
  item: BatchItem,
  budget: SchedulerBudget,
  report: MinimumsReport,
  repos: MinimumsRepos,
): Promise<boolean> {
  let complete = true;
  for await (const page of repos.buyersOfItem(item.batchId, item._id, SCHEDULER_PAGE)) {
    for (const order of page) {
      if (budget.spent) return false;
      const line = order.lines.find((l) => l.batchItemId === item._id);
      const qty = line ? line.qty - line.refundedQty : 0;
      if (qty <= 0) continue;
      try {
        await repos.refund(
          order._id,
          [{ batchItemId: item._id, qty }],
          `${item.title} 未达成团数量，自动退款`,
          minimumRefundNo(order.orderNo, item._id),
        );
        report.refundsRequested++;
      } catch (err) {
        console.error(`[scheduler] minimum refund ${order._id}/${item._id}`, err);
        report.failed++;
        complete = false;
      }
    }
  }
  return complete;
}
