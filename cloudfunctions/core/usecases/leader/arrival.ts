import type { ArrivalRecord, Chargeback, ConfirmArrivalResult, ShortageRefund } from '../../../../typings/leader';
import type { ConfirmArrivalInput } from '../../../../typings/contracts/leader';
import { AppError, fail } from '../../domain/errors';
import { arrivalRefundNo, planShortage, shortageChargebacks, type HeldLine } from '../../domain/leader-shortage';
import { waitingGoods } from '../../domain/notice-text';
import { now } from '../../infra/clock';
import { arrivalById, arrivalId, claimArrivalPlan, finishArrival, recordArrivalRefunds } from '../../repos/arrivals';
import { briefItemsOf } from '../../repos/batch-items';
import { batchById } from '../../repos/batches';
import { chargebackId, chargebacksAt, recordChargeback } from '../../repos/chargebacks';
import { arrivedOrdersAt, markArrivedAt, paidOrdersAt } from '../../repos/orders';
import { refundReservations } from '../../repos/payments';
import { refundLines } from '../refund/lines';
import type { LeaderCaller } from './context';
import { sendNotice, templateIds } from './notices';

const NOTICE_CONCURRENCY = 8;

/** What confirming an arrival reads, writes and calls; in-memory in the unit tests. */
export const arrivalRepos = {
  batchById,
  arrivalById,
  briefItemsOf,
  paidOrdersAt,
  refundReservations,
  claimArrivalPlan,
  recordChargeback,
  chargebacksAt,
  refundLines,
  recordArrivalRefunds,
  markArrivedAt,
  arrivedOrdersAt,
  templateIds,
  sendNotice,
  finishArrival,
};
export type ArrivalRepos = typeof arrivalRepos;

/** Runs `fn` over the items with at most `n` in flight. */
async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(n, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

const summary = (a: ArrivalRecord, chargebacks: Chargeback[], confirmed: boolean): ConfirmArrivalResult => ({
  confirmed,
  arrivedOrders: a.arrivedOrders ?? 0,
  refunds: a.refunds.map((r) => ({
    orderNo: r.orderNo,
    batchItemId: r.batchItemId,
    qty: r.qty,
    fen: r.fen,
    state: r.state ?? 'planned',
  })),
  chargebacks: chargebacks.map((c) => ({
    batchItemId: c.batchItemId,
    supplierId: c.supplierId,
    qty: c.qty,
    reason: c.reason,
  })),
  noticesSent: a.noticesSent ?? 0,
  noticesFailed: a.noticesFailed ?? 0,
});

/**
 * 确认到货, once per batch and point. Steps, each safe to repeat:
 * 1. plan the shortage refunds (core/domain/leader-shortage.ts: latest orders
 *    first, whole units) and write the plan as the `arrivals` document
 *    (_id batch|point) before anything else: a later call never re-plans, and
 *    of two first calls racing, the plan written first holds for both;
 * 2. chargeback documents per item and reason of the plan that holds
 *    (deterministic _id);
 * 3. refunds through core/usecases/refund/lines.ts with deterministic
 *    outRefundNo per order + item (a repeat is the same refund);
 * 4. paid orders at the point become 'arrived' (a guarded bulk update; orders
 *    refunded in full are 'refunding' by then and stay so);
 * 5. a pickup notice per arrived order (outbox, one per order ever);
 * 6. the arrival is marked done. A call after that answers the stored result
 *    and sends nothing; a call after a crash finishes the stored plan.
 */
export async function confirmArrival(
  caller: LeaderCaller,
  input: ConfirmArrivalInput,
  r: ArrivalRepos = arrivalRepos,
): Promise<ConfirmArrivalResult> {
  // The notices go out at the end: a deployment without template ids refuses before anything moves.
  const templates = await r.templateIds();
  const at = now();
  const batch = await r.batchById(input.batchId);
  if (!batch) throw fail.notFound('团期');
  if (batch.status === 'draft' || (batch.status === 'open' && new Date(batch.cutoffAt).getTime() > at.getTime()))
    throw fail.state('团期尚未截单，不能确认到货');
  const id = arrivalId(batch._id, caller.pickupPointId);
  let arrival = await r.arrivalById(id);
  const items = await r.briefItemsOf(batch._id);
  const itemById = new Map(items.map((i) => [i._id, i]));
  const chargebacks = () => r.chargebacksAt(batch._id, caller.pickupPointId);

  if (!arrival) {
    const unknown = input.lines.find((l) => !itemById.has(l.batchItemId));
    if (unknown) throw fail.invalid(`lines: 本团期没有商品 ${unknown.batchItemId}`);
    const held = await heldLines(r, batch._id, caller.pickupPointId, input);
    const plan = planShortage(held, input.lines);
    const fresh: ArrivalRecord = {
      _id: id,
      batchId: batch._id,
      pickupPointId: caller.pickupPointId,
      leaderId: caller.leader._id,
      lines: input.lines.map((l) => ({ ...l, orderedQty: plan.ordered.get(l.batchItemId) ?? 0 })),
      refunds: plan.refunds.map((p) => ({ ...p, outRefundNo: arrivalRefundNo(p.orderNo, p.batchItemId) })),
      status: 'planned',
      createdAt: at,
    };
    // A parallel first confirmation may have written its plan: that one holds.
    arrival = (await r.claimArrivalPlan(fresh)) ? fresh : await r.arrivalById(id);
    if (!arrival) throw fail.state('到货确认进行中，请稍后重试');
  }
  // Confirmed before (by this leader's earlier call, or the parallel one that won): its result, nothing new.
  if (arrival.status === 'done') return summary(arrival, await chargebacks(), false);

  // Charged back from the stored plan, so a call finishing another's plan (or a crashed run) charges the same.
  const photosOf = new Map(arrival.lines.map((l) => [l.batchItemId, l.photos ?? []]));
  for (const c of shortageChargebacks(arrival.lines)) {
    const item = itemById.get(c.batchItemId)!;
    await r.recordChargeback({
      _id: chargebackId(id, c.batchItemId, c.reason),
      supplierId: item.supplierId,
      batchId: batch._id,
      batchItemId: c.batchItemId,
      pickupPointId: caller.pickupPointId,
      leaderId: arrival.leaderId,
      title: item.title,
      qty: c.qty,
      unitCostFen: item.costFen ?? null,
      amountFen: c.qty * (item.costFen ?? 0),
      reason: c.reason,
      photos: photosOf.get(c.batchItemId) ?? [],
      createdAt: arrival.createdAt,
    });
  }

  const refunds: ShortageRefund[] = [];
  for (const p of arrival.refunds) {
    if (p.state) {
      refunds.push(p);
      continue;
    }
    try {
      await r.refundLines(p.orderId, [{ batchItemId: p.batchItemId, qty: p.qty }], '到货缺损退款', p.outRefundNo);
      refunds.push({ ...p, state: 'requested' });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.error(`[arrival] refund ${p.outRefundNo}: ${err.code} ${err.message}`);
      refunds.push({ ...p, state: 'failed', error: `${err.code}: ${err.message}` });
    }
  }
  arrival.refunds = refunds;
  await r.recordArrivalRefunds(id, refunds);

  await r.markArrivedAt(batch._id, caller.pickupPointId, at);

  const point = await caller.point();
  let sent = 0;
  let failed = 0;
  let arrived = 0;
  for await (const orders of r.arrivedOrdersAt(batch._id, caller.pickupPointId)) {
    arrived += orders.length;
    const arrivedNow = orders.filter((o) => o.status === 'arrived');
    // The notice names what is waiting: the shortage refunds just asked for are reserved on the payments.
    const reserved = await r.refundReservations(arrivedNow.map((o) => o.orderNo));
    const waiting = arrivedNow
      .map((o) => ({ ...o, lines: waitingGoods(o.lines, reserved.get(o.orderNo) ?? {}) }))
      .filter((o) => o.lines.length > 0);
    await pool(waiting, NOTICE_CONCURRENCY, async (o) => {
      const outcome = await r.sendNotice('pickup', o, point.name, templates.pickup);
      if (outcome === 'sent') sent++;
      if (outcome === 'failed') failed++;
    });
  }
  const done = {
    status: 'done' as const,
    doneAt: now(),
    arrivedOrders: arrived,
    noticesSent: sent,
    noticesFailed: failed,
  };
  await r.finishArrival(id, done);
  return summary({ ...arrival, ...done }, await chargebacks(), true);
}

/**
 * What each paid order at the point still holds of the reported items: bought
 * minus refunded, or minus what refunds have reserved on the payment when that
 * is more (a refund still on its way).
 */
async function heldLines(
  r: ArrivalRepos,
  batchId: string,
  pickupPointId: string,
  input: ConfirmArrivalInput,
): Promise<HeldLine[]> {
  const reported = new Set(input.lines.map((l) => l.batchItemId));
  const held: Array<HeldLine & { refunded: number }> = [];
  for await (const orders of r.paidOrdersAt(batchId, pickupPointId))
    for (const o of orders)
      for (const l of o.lines)
        if (reported.has(l.batchItemId))
          held.push({
            orderId: o._id,
            orderNo: o.orderNo,
            openid: o.openid,
            createdAt: new Date(o.createdAt).getTime(),
            batchItemId: l.batchItemId,
            qty: l.qty - l.refundedQty,
            bought: l.qty,
            amountFen: l.amountFen,
            refunded: l.refundedQty,
          });
  const ordered = new Map<string, number>();
  for (const h of held) ordered.set(h.batchItemId, (ordered.get(h.batchItemId) ?? 0) + h.qty);
  const short = input.lines.some((l) => (ordered.get(l.batchItemId) ?? 0) > l.receivedQty - l.damagedQty);
  if (!short) return held;
  // Reservations of refunds in flight count too, but only matter when something is short.
  const reserved = await r.refundReservations([...new Set(held.map((h) => h.orderNo))]);
  return held.map((h) => {
    const promised = reserved.get(h.orderNo)?.[h.batchItemId] ?? 0;
    return { ...h, qty: Math.max(0, h.bought - Math.max(h.refunded, promised)) };
  });
}
