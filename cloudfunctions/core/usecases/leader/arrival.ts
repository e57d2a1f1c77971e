import type { ArrivalRecord, Chargeback, ConfirmArrivalResult, ShortageRefund } from '../../../../typings/leader';
import type { ConfirmArrivalInput } from '../../../../typings/contracts/leader';
import type { Batch, BatchItem, Order } from '../../../../typings/models';
import { AppError, fail } from '../../domain/errors';
import { arrivalRefundNo, planShortage, type HeldLine } from '../../domain/leader-shortage';
import type { PaymentRecord } from '../../domain/pay-records';
import { _ } from '../../infra/cloud';
import { now } from '../../infra/clock';
import { insertOnce } from '../../infra/pay-store';
import { LC, col, findById } from '../../repos/leader-store';
import { rows } from '../../repos/collections';
import type { LeaderCaller } from './context';
import { sendNotice, templateIds, type NoticeOrder } from './notices';
import { refundLines } from '../refund/lines';

const PAGE = 1000;
const NOTICE_CONCURRENCY = 8;

/** Pages through a query by _id (1000 rows a page), so any number of orders is read in bounded memory per page. */
export async function eachPage<T extends { _id: string }>(
  collection: string,
  where: Record<string, unknown>,
  fields: Record<string, boolean>,
  visit: (rows: T[]) => Promise<void> | void,
): Promise<void> {
  let after = '';
  for (;;) {
    const docs = await rows<T>(
      col(collection)
        .where({ ...where, ...(after ? { _id: _.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .field(fields)
        .limit(PAGE),
    );
    if (docs.length) await visit(docs);
    if (docs.length < PAGE) return;
    after = docs[docs.length - 1]._id;
  }
}

/** Runs `fn` over the items with at most `n` in flight. */
export async function pool<T>(items: T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
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
    amountFen: c.amountFen,
    reason: c.reason,
  })),
  noticesSent: a.noticesSent ?? 0,
  noticesFailed: a.noticesFailed ?? 0,
});

/**
 * 确认到货, once per batch and point. Steps, each safe to repeat:
 * 1. plan the shortage refunds (core/domain/leader-shortage.ts: latest orders
 *    first, whole units) and write the plan as the `arrivals` document
 *    (_id batch|point) before anything else: a later call never re-plans;
 * 2. chargeback documents per item and reason (deterministic _id);
 * 3. refunds through core/usecases/refund/lines.ts with deterministic
 *    outRefundNo per order + item (a repeat is the same refund);
 * 4. paid orders at the point become 'arrived' (a guarded bulk update; orders
 *    refunded in full are 'refunding' by then and stay so);
 * 5. a pickup notice per arrived order (outbox, one per order ever);
 * 6. the arrival is marked done. A call after that answers the stored result
 *    and sends nothing; a call after a crash finishes the stored plan.
 */
export async function confirmArrival(caller: LeaderCaller, input: ConfirmArrivalInput): Promise<ConfirmArrivalResult> {
  const at = now();
  const batch = await findById<Batch>('batches', input.batchId);
  if (!batch) throw fail.notFound('团期');
  if (batch.status === 'draft' || (batch.status === 'open' && new Date(batch.cutoffAt).getTime() > at.getTime()))
    throw fail.state('团期尚未截单，不能确认到货');
  const arrivalId = `${batch._id}|${caller.pickupPointId}`;
  let arrival = await findById<ArrivalRecord>(LC.arrivals, arrivalId);
  const items = await rows<BatchItem>(
    col('batchItems')
      .where({ batchId: batch._id })
      .field({ _id: true, title: true, supplierId: true, priceFen: true })
      .limit(1000),
  );
  const itemById = new Map(items.map((i) => [i._id, i]));
  if (arrival?.status === 'done') return summary(arrival, await chargebacksOf(arrivalId), false);

  if (!arrival) {
    const unknown = input.lines.find((l) => !itemById.has(l.batchItemId));
    if (unknown) throw fail.invalid(`lines: 本团期没有商品 ${unknown.batchItemId}`);
    const held = await heldLines(batch._id, caller.pickupPointId, input);
    const plan = planShortage(held, input.lines);
    const fresh: ArrivalRecord = {
      _id: arrivalId,
      batchId: batch._id,
      pickupPointId: caller.pickupPointId,
      leaderId: caller.leader._id,
      lines: input.lines.map((l) => ({ ...l, orderedQty: plan.ordered.get(l.batchItemId) ?? 0 })),
      refunds: plan.refunds.map((r) => ({ ...r, outRefundNo: arrivalRefundNo(r.orderNo, r.batchItemId) })),
      status: 'planned',
      createdAt: at,
    };
    for (const c of plan.chargebacks) {
      const item = itemById.get(c.batchItemId)!;
      await insertOnce<Chargeback>(LC.chargebacks, {
        _id: `${arrivalId}|${c.batchItemId}|${c.reason}`,
        supplierId: item.supplierId,
        batchId: batch._id,
        batchItemId: c.batchItemId,
        pickupPointId: caller.pickupPointId,
        leaderId: caller.leader._id,
        title: item.title,
        qty: c.qty,
        amountFen: c.qty * item.priceFen,
        reason: c.reason,
        createdAt: at,
      });
    }
    // A parallel first confirmation may have written its plan: that one holds.
    if (!(await insertOnce(LC.arrivals, fresh))) arrival = await findById<ArrivalRecord>(LC.arrivals, arrivalId);
    else arrival = fresh;
    if (!arrival) throw fail.state('到货确认进行中，请稍后重试');
  }

  const refunds: ShortageRefund[] = [];
  for (const r of arrival.refunds) {
    if (r.state) {
      refunds.push(r);
      continue;
    }
    try {
      await refundLines(r.orderId, [{ batchItemId: r.batchItemId, qty: r.qty }], '到货缺损退款', r.outRefundNo);
      refunds.push({ ...r, state: 'requested' });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      console.error(`[arrival] refund ${r.outRefundNo}: ${err.code} ${err.message}`);
      refunds.push({ ...r, state: 'failed', error: `${err.code}: ${err.message}` });
    }
  }
  arrival.refunds = refunds;
  await col(LC.arrivals).doc(arrivalId).update({ data: { refunds } });

  await col('orders')
    .where({ batchId: batch._id, pickupPointId: caller.pickupPointId, status: 'paid' })
    .update({ data: { status: 'arrived', arrivedAt: at, history: _.push([{ status: 'arrived', at, note: '到货' }]) } });

  const point = await caller.point();
  const templates = await templateIds();
  let sent = 0;
  let failed = 0;
  let arrived = 0;
  await eachPage<Order>(
    'orders',
    { batchId: batch._id, pickupPointId: caller.pickupPointId, status: _.in(['arrived', 'picked_up']) },
    { _id: true, orderNo: true, openid: true, batchId: true, pickupPointId: true, lines: true, status: true },
    async (orders) => {
      arrived += orders.length;
      const waiting = orders.filter((o) => o.status === 'arrived');
      await pool(waiting, NOTICE_CONCURRENCY, async (o) => {
        const outcome = await sendNotice('pickup', o as NoticeOrder, point.name, templates.pickup);
        if (outcome === 'sent') sent++;
        if (outcome === 'failed') failed++;
      });
    },
  );
  const done = {
    status: 'done' as const,
    doneAt: now(),
    arrivedOrders: arrived,
    noticesSent: sent,
    noticesFailed: failed,
  };
  await col(LC.arrivals).doc(arrivalId).update({ data: done });
  return summary({ ...arrival, ...done }, await chargebacksOf(arrivalId), true);
}

function chargebacksOf(arrivalId: string): Promise<Chargeback[]> {
  const [batchId, pickupPointId] = arrivalId.split('|');
  return rows<Chargeback>(col(LC.chargebacks).where({ batchId, pickupPointId }).limit(1000));
}

/**
 * What each paid order at the point still holds of the reported items: bought
 * minus refunded, or minus what refunds have reserved on the payment when that
 * is more (a refund still on its way).
 */
async function heldLines(batchId: string, pickupPointId: string, input: ConfirmArrivalInput): Promise<HeldLine[]> {
  const reported = new Set(input.lines.map((l) => l.batchItemId));
  const held: Array<HeldLine & { bought: number; refunded: number }> = [];
  await eachPage<Order>(
    'orders',
    { batchId, pickupPointId, status: 'paid' },
    { _id: true, orderNo: true, openid: true, createdAt: true, lines: true },
    (orders) => {
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
              priceFen: l.priceFen,
              bought: l.qty,
              refunded: l.refundedQty,
            });
    },
  );
  const ordered = new Map<string, number>();
  for (const h of held) ordered.set(h.batchItemId, (ordered.get(h.batchItemId) ?? 0) + h.qty);
  const short = input.lines.some((l) => (ordered.get(l.batchItemId) ?? 0) > l.receivedQty - l.damagedQty);
  if (!short) return held;
  // Reservations of refunds in flight count too, but only matter when something is short.
  const orderNos = [...new Set(held.map((h) => h.orderNo))];
  const reserved = new Map<string, Record<string, number>>();
  for (let i = 0; i < orderNos.length; i += 500) {
    const docs = await rows<PaymentRecord>(
      col('payments')
        .where({ _id: _.in(orderNos.slice(i, i + 500)) })
        .field({ _id: true, refundReservedQty: true })
        .limit(1000),
    );
    for (const p of docs) reserved.set(p._id, p.refundReservedQty ?? {});
  }
  return held.map((h) => {
    const promised = reserved.get(h.orderNo)?.[h.batchItemId] ?? 0;
    return { ...h, qty: Math.max(0, h.bought - Math.max(h.refunded, promised)) };
  });
}
