import { createHash } from 'node:crypto';
import type { Batch, BatchItem, Order } from '../../../../typings/models';
import { REFUNDABLE_STATUSES } from '../../domain/pay-records';
import { _, db } from '../../infra/cloud';
import { col } from '../../infra/pay-store';
import { now } from '../../infra/clock';
import { refundLines } from '../refund/lines';
import { SCHEDULER_PAGE, type SchedulerBudget } from './budget';

/** Fields the scheduler adds to batches and items (to be folded into typings/models.ts). */
type CutoffBatch = Batch & { minimumsSettledAt?: Date };
type CutoffItem = BatchItem & { notRunning?: boolean; paidQtyAtCutoff?: number; minimumRefundedAt?: Date };

export interface CutoffReport {
  batchesCutOff: number;
  itemsNotRunning: number;
  refundsRequested: number;
  failed: number;
}

/**
 * Cut-off: batches whose cutoffAt has passed stop selling (open → cutoff, on
 * the batch and on the status copy its items carry). The status guard makes a
 * second run a no-op.
 */
export async function cutOffDueBatches(): Promise<number> {
  const at = now();
  const res = await col('batches')
    .where({ status: 'open', cutoffAt: _.lte(at) })
    .limit(SCHEDULER_PAGE)
    .field({ _id: true })
    .get();
  const ids = (res.data as Array<{ _id: string }>).map((b) => b._id);
  if (!ids.length) return 0;
  await col('batches')
    .where({ _id: _.in(ids), status: 'open' })
    .update({ data: { status: 'cutoff' } });
  await col('batchItems')
    .where({ batchId: _.in(ids), batchStatus: 'open' })
    .update({ data: { batchStatus: 'cutoff' } });
  return ids.length;
}

/** Deterministic per order and item, so every rerun asks for the same refund (≤ 64 chars as WeChat Pay allows). */
export const minimumRefundNo = (orderNo: string, batchItemId: string): string =>
  `${orderNo}-min-${createHash('sha256').update(batchItemId).digest('hex').slice(0, 12)}`;

/**
 * After cut-off, an item whose paid quantity is below its minimum does not run:
 * every buyer of it gets that line refunded. Waits until the batch has no
 * unpaid orders left (they are paid or cancelled within the payment window),
 * so the paid quantity is final. The decision is written on the item before
 * any refund, refunds are idempotent on their number, and the item and batch
 * are marked done last: a run cut short is finished by the next tick.
 */
export async function settleMinimums(budget: SchedulerBudget, report: CutoffReport): Promise<void> {
  const res = await col('batches')
    .where({ status: 'cutoff', minimumsSettledAt: _.exists(false) })
    .limit(20)
    .get();
  for (const batch of res.data as CutoffBatch[]) {
    if (budget.spent) return;
    const unpaid = await col('orders').where({ batchId: batch._id, status: 'pending_payment' }).count();
    if (unpaid.total > 0) continue;
    const items = await col('batchItems').where({ batchId: batch._id }).limit(1000).get();
    const open = (items.data as CutoffItem[]).filter((i) => i.minQuantity > 0 && !i.minimumRefundedAt);
    const paid = open.some((i) => i.notRunning === undefined)
      ? await paidQuantities(batch._id)
      : new Map<string, number>();
    let done = true;
    for (const item of open) {
      if (budget.spent) return;
      if (item.notRunning === undefined) {
        const qty = paid.get(item._id) ?? 0;
        item.notRunning = qty < item.minQuantity;
        await col('batchItems')
          .doc(item._id)
          .update({ data: { notRunning: item.notRunning, paidQtyAtCutoff: qty } });
        if (item.notRunning) report.itemsNotRunning++;
      }
      if (item.notRunning && !(await refundItemBuyers(item, budget, report))) {
        done = false;
        continue;
      }
      await col('batchItems')
        .doc(item._id)
        .update({ data: { minimumRefundedAt: now() } });
    }
    if (done)
      await col('batches')
        .doc(batch._id)
        .update({ data: { minimumsSettledAt: now() } });
  }
}

/** Units paid per item of a batch (orders holding money, net of refunds). */
async function paidQuantities(batchId: string): Promise<Map<string, number>> {
  const $ = db.command.aggregate;
  const res = await col('orders')
    .aggregate()
    .match({ batchId, status: _.in(REFUNDABLE_STATUSES) })
    .unwind('$lines')
    .group({ _id: '$lines.batchItemId', qty: $.sum($.subtract(['$lines.qty', '$lines.refundedQty'])) })
    .limit(1000)
    .end();
  return new Map((res.list as Array<{ _id: string; qty: number }>).map((r) => [r._id, r.qty]));
}

/** Refunds the item's line to every buyer, paging by _id; false when the budget ran out or a refund failed. */
async function refundItemBuyers(item: CutoffItem, budget: SchedulerBudget, report: CutoffReport): Promise<boolean> {
  let after = '';
  let complete = true;
  for (;;) {
    if (budget.spent) return false;
    const res = await col('orders')
      .where({
        batchId: item.batchId,
        'lines.batchItemId': item._id,
        status: _.in(REFUNDABLE_STATUSES),
        _id: _.gt(after),
      })
      .orderBy('_id', 'asc')
      .limit(SCHEDULER_PAGE)
      .field({ _id: true, orderNo: true, lines: true })
      .get();
    const page = res.data as Array<Pick<Order, '_id' | 'orderNo' | 'lines'>>;
    if (!page.length) return complete;
    for (const order of page) {
      const line = order.lines.find((l) => l.batchItemId === item._id);
      const qty = line ? line.qty - line.refundedQty : 0;
      if (qty <= 0) continue;
      try {
        await refundLines(
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
    after = page[page.length - 1]._id;
  }
}
