import type { Category, Order } from '../../../../typings/models';
import {
  ledgerKey,
  lineKeys,
  onPaid,
  onPickedUp,
  onRefund,
  settleDue,
  type LedgerEntry,
} from '../../domain/commission';
import { ledgerEntry } from '../../domain/commission/ledger';
import { allCategories } from '../../repos/categories';
import {
  commissionOrderById,
  commissionOrderIn,
  putCommissionOrderIn,
  type CommissionOrder,
} from '../../repos/commission-orders';
import { inTransaction } from '../../repos/db';
import { addAvailableIn } from '../../repos/leader-balances';
import { appendIn, entryIn, ledgerOfOrder } from '../../repos/ledger';
import { orderById } from '../../repos/orders';

/** Attempts of commission transactions: concurrent writers of the same balance or order conflict more often. */
export const COMMISSION_TX_RETRIES = 10;

/** What recording an order's commission reads and writes; in-memory in the unit tests. */
export const commissionRepos = {
  orderById,
  commissionOrderById,
  ledgerOfOrder,
  allCategories,
  inTransaction,
  commissionOrderIn,
  putCommissionOrderIn,
  entryIn,
  appendIn,
  addAvailableIn,
};
export type CommissionRepos = typeof commissionRepos;

export interface RecordOutcome {
  /** Ledger entries this call appended (0 when the ledger already said everything). */
  entries: number;
}

/**
 * THE hook: brings the ledger of one order up to date with the order as it is now.
 * paid → pending entries (rate of the moment); each line's refundedFen beyond what the
 * ledger has accounted → reverse entries (a clawback once settled); picked_up in the
 * history → confirm marker. Idempotent and safe to call any number of times, from
 * anywhere, concurrently: all writes for the order commit in one transaction together
 * with its commissionOrders document, so concurrent callers are serialized by the
 * database (the loser of a write conflict starts over and finds the work done).
 *
 * Call it after: the payment is marked paid (paySettle), a refund is counted on the
 * order (refundNotice), the order is picked up (leader verification). The commission
 * timer calls it for every changed order anyway, so a missed call only delays.
 */
export async function recordOrderCommission(
  orderId: string,
  now: Date,
  r: CommissionRepos = commissionRepos,
): Promise<RecordOutcome> {
  const order = await r.orderById(orderId);
  if (!order?.paidAt || !order.leaderId) return { entries: 0 };
  const known = await r.commissionOrderById(orderId);
  // A missing state doc is rebuilt from the ledger; only a first booking needs the rates.
  const rebuilt = known ? null : stateFromLedger(order, await r.ledgerOfOrder(order._id));
  let categories: Category[] | null = null;
  return r.inTransaction(async (tx) => {
    const prev = (await r.commissionOrderIn(tx, orderId)) ?? rebuilt;
    if (!prev) categories ??= await r.allCategories();
    const step = advance(order, prev, categories ?? [], now);
    if (!step.changed) return { entries: 0 };
    await r.appendIn(tx, step.entries);
    await r.putCommissionOrderIn(tx, step.state);
    for (const [leaderId, delta] of step.availableDeltas)
      if (delta !== 0) await r.addAvailableIn(tx, leaderId, delta, now);
    return { entries: step.entries.length };
  }, COMMISSION_TX_RETRIES);
}

interface Step {
  state: CommissionOrder;
  entries: LedgerEntry[];
  /** What each leader's available balance moves by (the order's leader; a 团长券's funder). */
  availableDeltas: Map<string, number>;
  changed: boolean;
}

/** What the ledger lacks for this order now (pure: the order, the ledger's view of it, the rates). */
export function advance(
  order: Order,
  prev: CommissionOrder | null,
  categories: readonly Pick<Category, '_id' | 'commissionBps'>[],
  now: Date,
): Step {
  const keys = lineKeys(order);
  const entries: LedgerEntry[] = [];
  let state: CommissionOrder;
  if (!prev) {
    const booked = onPaid(order, categories);
    entries.push(...booked);
    state = {
      _id: order._id,
      leaderId: order.leaderId,
      paidAt: order.paidAt!,
      stage: 'pending',
      lines: booked.map((e, i) => ({
        key: keys[i],
        rateBps: e.rateBps!,
        baseFen: e.baseFen!,
        amountFen: order.lines[i].amountFen,
        refundedFen: order.lines[i].amountFen - e.baseFen!,
      })),
      netFen: booked.reduce((s, e) => s + e.amountFen, 0),
      gmvFen: booked.reduce((s, e) => s + e.baseFen!, 0),
      updatedAt: now,
    };
  } else {
    state = { ...prev, lines: prev.lines.map((l) => ({ ...l })), updatedAt: now };
  }
  let availableDelta = 0;
  let changed = !prev;
  order.lines.forEach((line, i) => {
    const st = state.lines.find((l) => l.key === keys[i]);
    if (!st || line.refundedFen <= st.refundedFen) return;
    const booked: LedgerEntry = {
      ...ledgerEntry(ledgerKey.pending(order._id, st.key), {
        leaderId: state.leaderId,
        orderId: order._id,
        lineKey: st.key,
        kind: 'pending',
        amountFen: 0,
        at: state.paidAt,
      }),
      rateBps: st.rateBps,
      baseFen: st.baseFen,
    };
    const reversed = onRefund(
      order,
      { at: now, lines: [{ lineKey: st.key, refundedFenBefore: st.refundedFen, refundedFenAfter: line.refundedFen }] },
      [booked],
    );
    state.gmvFen -= line.refundedFen - st.refundedFen;
    st.refundedFen = line.refundedFen;
    changed = true;
    for (const e of reversed) {
      entries.push(e);
      state.netFen += e.amountFen;
      if (state.stage === 'settled') availableDelta += e.amountFen;
    }
  });
  if (state.stage === 'pending' && order.history?.some((h) => h.status === 'picked_up')) {
    const [confirm] = onPickedUp(order);
    entries.push(confirm);
    state.stage = 'confirmed';
    state.confirmAt = confirm.at;
    changed = true;
  }
  const availableDeltas = new Map([[order.leaderId, availableDelta]]);
  for (const e of couponEntries(order, state, now)) {
    entries.push(e);
    availableDeltas.set(e.leaderId, (availableDeltas.get(e.leaderId) ?? 0) + e.amountFen);
    changed = true;
  }
  return { state, entries, availableDeltas, changed };
}

/**
 * A 团长券 on a paid order: its discount charged to the leader who funds it,
 * once; given back once when the order is refunded in full or cancelled. The
 * state doc (written in the same transaction) says what was done, the keys
 * make a replayed row the same row. Marks `state` as it goes.
 */
function couponEntries(order: Order, state: CommissionOrder, now: Date): LedgerEntry[] {
  const c = order.leaderCoupon;
  if (!c?.leaderId) return [];
  const out: LedgerEntry[] = [];
  const entry = (kind: 'coupon' | 'coupon_back', id: string, amountFen: number, at: Date) =>
    ledgerEntry(id, { leaderId: c.leaderId!, orderId: order._id, kind, amountFen, at });
  if (!state.couponCharged) {
    out.push(entry('coupon', ledgerKey.coupon(order._id), -c.discountFen, order.paidAt!));
    state.couponCharged = true;
  }
  const undone = order.status === 'cancelled' || order.lines.every((l) => l.refundedFen >= l.amountFen);
  if (undone && !state.couponReturned) {
    out.push(entry('coupon_back', ledgerKey.couponBack(order._id), c.discountFen, now));
    state.couponReturned = true;
  }
  return out;
}

/**
 * Settles one confirmed order whose settlement days have passed: the settle marker
 * and the order's net commission added to the available balance, in one transaction
 * with the order's state (so a refund racing it lands on one side or the other, never
 * lost). False when not due or already settled.
 */
export async function settleOrderCommission(
  orderId: string,
  now: Date,
  days: number,
  r: CommissionRepos = commissionRepos,
): Promise<boolean> {
  return r.inTransaction(async (tx) => {
    const state = await r.commissionOrderIn(tx, orderId);
    if (!state || state.stage !== 'confirmed' || !state.confirmAt) return false;
    const confirm = ledgerEntry(ledgerKey.confirm(orderId), {
      leaderId: state.leaderId,
      orderId,
      kind: 'confirm',
      amountFen: 0,
      at: new Date(state.confirmAt),
    });
    const [settle] = settleDue([confirm], now, days);
    if (!settle) return false;
    await r.appendIn(tx, [settle]);
    await r.putCommissionOrderIn(tx, { ...state, stage: 'settled', settledAt: settle.at, updatedAt: now });
    if (state.netFen !== 0) await r.addAvailableIn(tx, state.leaderId, state.netFen, now);
    return true;
  }, COMMISSION_TX_RETRIES);
}

/**
 * Appends an entry that moves the available balance by its amount (bonus, withdraw,
 * withdraw_reject), once: false when its key is already in the ledger.
 */
export async function appendBalanceEntry(
  entry: LedgerEntry,
  now: Date,
  r: CommissionRepos = commissionRepos,
): Promise<boolean> {
  return r.inTransaction(async (tx) => {
    if (await r.entryIn(tx, entry.id)) return false;
    await r.appendIn(tx, [entry]);
    await r.addAvailableIn(tx, entry.leaderId, entry.amountFen, now);
    return true;
  }, COMMISSION_TX_RETRIES);
}

/** The state doc as the ledger implies it (it is a cache of the ledger; null when nothing is booked). */
function stateFromLedger(order: Order, entries: readonly LedgerEntry[]): CommissionOrder | null {
  const pendings = entries.filter((e) => e.kind === 'pending');
  if (pendings.length === 0) return null;
  const keys = lineKeys(order);
  const accounted = new Map<string, number>();
  for (const e of entries) {
    if (e.kind !== 'reverse') continue;
    const after = Number(e.id.slice(e.id.lastIndexOf(':') + 1));
    accounted.set(e.lineKey!, Math.max(accounted.get(e.lineKey!) ?? 0, after));
  }
  const lines = pendings.map((p) => {
    const amountFen = order.lines[keys.indexOf(p.lineKey!)]?.amountFen ?? p.baseFen!;
    return {
      key: p.lineKey!,
      rateBps: p.rateBps!,
      baseFen: p.baseFen!,
      amountFen,
      refundedFen: Math.max(amountFen - p.baseFen!, accounted.get(p.lineKey!) ?? 0),
    };
  });
  const confirm = entries.find((e) => e.kind === 'confirm');
  const settle = entries.find((e) => e.kind === 'settle');
  const charged = entries.some((e) => e.kind === 'coupon');
  const returned = entries.some((e) => e.kind === 'coupon_back');
  return {
    _id: order._id,
    leaderId: order.leaderId,
    paidAt: order.paidAt!,
    stage: settle ? 'settled' : confirm ? 'confirmed' : 'pending',
    lines,
    netFen: entries.filter((e) => e.kind === 'pending' || e.kind === 'reverse').reduce((s, e) => s + e.amountFen, 0),
    gmvFen: lines.reduce((s, l) => s + l.amountFen - l.refundedFen, 0),
    ...(confirm ? { confirmAt: confirm.at } : {}),
    ...(settle ? { settledAt: settle.at } : {}),
    ...(charged ? { couponCharged: true } : {}),
    ...(returned ? { couponReturned: true } : {}),
    updatedAt: new Date(),
  };
}
