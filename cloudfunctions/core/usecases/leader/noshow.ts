import type { NoShowAction } from '../../../../typings/leader';
import type { Order, OrderLine } from '../../../../typings/models';
import { AppError } from '../../domain/errors';
import { noShowRefundNo } from '../../domain/leader-shortage';
import { waitingGoods } from '../../domain/notice-text';
import { addDays, businessDate, businessInstant } from '../../domain/time';
import { now } from '../../infra/clock';
import { addRestockedIn } from '../../repos/batch-items';
import { batchesPickedUpBetween } from '../../repos/batches';
import { inTransaction } from '../../repos/db';
import {
  arrivedOrdersOf,
  claimNoShowRefund,
  orderById,
  orderIn,
  setNoShow,
  staleNoShowClaims,
  updateOrderIn,
} from '../../repos/orders';
import { refundReservationIn, refundReservationOf } from '../../repos/payments';
import { pickupPointById } from '../../repos/pickup-points';
import { noShowSettings } from '../../repos/settings';
import { sendNotice, templateIds } from './notices';
import { endedShipping } from './shipping';
import { refundLines } from '../refund/lines';

export interface NoShowReport {
  batches: number;
  remindersSent: number;
  remindersFailed: number;
  applied: number;
  action: NoShowAction;
}

/** noShow on an order: the rule applied (refund: claimed with done false, then done with the units refunded). */
type NoShowOrder = Order & { noShow?: { action: NoShowAction; at: Date; qty: number; done?: boolean; error?: string } };

/** How far back the timer looks for batches whose pickup is still being settled. */
const LOOKBACK_DAYS = 14;

/** The pickup deadline: the end of the pickup day, 24:00 Asia/Shanghai. */
export const pickupDeadline = (pickupDate: string): Date => businessInstant(addDays(pickupDate, 1), '00:00');

const unpicked = (l: OrderLine, reserved: Record<string, number>) =>
  Math.max(0, l.qty - Math.max(l.refundedQty, reserved[l.batchItemId] ?? 0) - l.pickedQty);

/**
 * 超时未取 (timer, leader/config.json). For each batch picked up in the last two
 * weeks: in the `remindHoursBefore` hours before the deadline, one reminder per
 * order still waiting (outbox _id reminder|order: once); `graceHours` after the
 * deadline, the admin's rule (settings 'noShow', typings/leader.ts) once per
 * order, guarded by the order's noShow marker. Runs any number of times.
 */
export async function runNoShow(): Promise<NoShowReport> {
  const at = now();
  const rule = await noShowSettings();
  const today = businessDate(at);
  const batches = await batchesPickedUpBetween(addDays(today, -LOOKBACK_DAYS), addDays(today, 1));
  const report: NoShowReport = { batches: 0, remindersSent: 0, remindersFailed: 0, applied: 0, action: rule.action };
  // Only reminders need a template: a deployment without one still applies the rule.
  let reminderTemplate: string | undefined;
  const reminderId = async () => (reminderTemplate ??= (await templateIds()).reminder);
  const pointNames = new Map<string, string>();
  const pointName = async (id: string) => {
    if (!pointNames.has(id)) {
      pointNames.set(id, (await pickupPointById(id))?.name ?? '自提点');
    }
    return pointNames.get(id)!;
  };
  for (const batch of batches) {
    const deadline = pickupDeadline(batch.pickupDate).getTime();
    const t = at.getTime();
    const remind = rule.remindHoursBefore > 0 && t >= deadline - rule.remindHoursBefore * 3600_000 && t < deadline;
    const apply = t >= deadline + rule.graceHours * 3600_000;
    if (!remind && !apply) continue;
    report.batches++;
    for await (const orders of arrivedOrdersOf(batch._id, apply))
      for (const o of orders) {
        if (remind) {
          const lines = waitingGoods(o.lines, await refundReservationOf(o.orderNo));
          const r = lines.length
            ? await sendNotice('reminder', { ...o, lines }, await pointName(o.pickupPointId), await reminderId())
            : 'skipped';
          if (r === 'sent') report.remindersSent++;
          if (r === 'failed') report.remindersFailed++;
        }
        if (apply && (await applyRule(o._id, rule.action, await pointName(o.pickupPointId)))) report.applied++;
      }
    if (apply && rule.action === 'refund') report.applied += await resumeStaleClaims(batch._id, at, pointName);
  }
  return report;
}

/**
 * Applies the rule to one order; false when another run did it first or nothing
 * was waiting. The order has ended: its shipping info goes pending with the
 * goods handed over (kept at the point for keep/restock, only those picked for
 * refund), uploaded by the leader timer right after.
 */
async function applyRule(orderId: string, action: NoShowAction, pointName: string): Promise<boolean> {
  const at = now();
  if (action === 'refund') return refundNoShow(orderId, at, false, pointName);
  return inTransaction(async (tx) => {
    const order = await orderIn<NoShowOrder>(tx, orderId);
    if (!order || order.noShow || order.status !== 'arrived') return false;
    const reserved = await refundReservationIn(tx, order.orderNo);
    let qty = 0;
    for (const line of order.lines) {
      const n = unpicked(line, reserved);
      qty += n;
      // restock: the units go back to the warehouse, counted on the item (restockedQty) so every unit is explained.
      if (n && action === 'restock') await addRestockedIn(tx, line.batchItemId, n);
    }
    const held = order.lines.map((l) => ({ title: l.title, qty: l.pickedQty + unpicked(l, reserved) }));
    await updateOrderIn(tx, order._id, { noShow: { action, at, qty }, shipping: endedShipping(held, pointName, at) });
    return true;
  });
}

/** A claim older than this whose run never finished is finished by a later run. */
const STALE_CLAIM_MS = 5 * 60_000;

/**
 * refund: the order is claimed first (noShow.done false, guarded), so one run
 * owns it; the owner refunds each unpicked line (outRefundNo per order + item,
 * idempotent) and marks it done. A claim left by a run that died is resumed.
 */
async function refundNoShow(orderId: string, at: Date, resume: boolean, pointName: string): Promise<boolean> {
  if (!resume && !(await claimNoShowRefund(orderId, at))) return false;
  const order = await orderById(orderId);
  if (!order) return false;
  const reserved = await refundReservationOf(order.orderNo);
  let qty = 0;
  let error: string | undefined;
  for (const line of order.lines) {
    const n = unpicked(line, reserved);
    if (!n) continue;
    try {
      await refundLines(
        order._id,
        [{ batchItemId: line.batchItemId, qty: n }],
        '超时未取退款',
        noShowRefundNo(order.orderNo, line.batchItemId),
      );
      qty += n;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      error = `${err.code}: ${err.message}`;
    }
  }
  // The order may be 'refunding' now (everything given back).
  const picked = order.lines.map((l) => ({ title: l.title, qty: l.pickedQty }));
  await setNoShow(
    orderId,
    { action: 'refund', at, qty, done: true, ...(error ? { error } : {}) },
    endedShipping(picked, pointName, at),
  );
  return true;
}

/** Refund claims whose run died before finishing (older than STALE_CLAIM_MS). */
async function resumeStaleClaims(
  batchId: string,
  at: Date,
  pointName: (pickupPointId: string) => Promise<string>,
): Promise<number> {
  let resumed = 0;
  for await (const orders of staleNoShowClaims(batchId, new Date(at.getTime() - STALE_CLAIM_MS)))
    for (const o of orders) if (await refundNoShow(o._id, now(), true, await pointName(o.pickupPointId))) resumed++;
  return resumed;
}
