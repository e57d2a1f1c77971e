import type { Order, OrderLine } from '../../../../typings/models';
import { pointsDiscount, type PointsKind, type PointsSettings } from '../../../../typings/points';
import { fail } from '../../domain/errors';
import {
  advancePoints,
  applyEntry,
  backKey,
  emptyBalance,
  pointsOnLines,
  spendKey,
  type PointsEntry,
  type PointsOrder,
} from '../../domain/points';
import { inTransaction, type Tx } from '../../repos/db';
import { orderById } from '../../repos/orders';
import { balanceIn, entryExistsIn, pointsOrderIn, writeIn } from '../../repos/points';
import { pointsSettings } from '../../repos/settings';

/** Parallel writers of one resident's balance conflict; the loser starts over and reads the new balance. */
const POINTS_TX_RETRIES = 10;

/** Applies entries to the resident's balance in the transaction (debits cut at 0); the entries really written. */
async function bookIn(tx: Tx, openid: string, entries: readonly PointsEntry[], order?: PointsOrder, at = new Date()) {
  let balance = (await balanceIn(tx, openid)) ?? emptyBalance(openid, at);
  const written: PointsEntry[] = [];
  for (const e of entries) {
    const step = applyEntry(balance, e);
    if (!step) continue;
    balance = step.balance;
    written.push(step.entry);
  }
  if (written.length || order) await writeIn(tx, balance, written, order);
  return written;
}

/**
 * Credits points once per key (a review, a referral): a replay or a parallel call
 * with the same key books nothing more. Answers the points booked by this call.
 */
export async function creditPoints(
  openid: string,
  key: string,
  kind: Extract<PointsKind, 'review' | 'referral'>,
  points: number,
  at: Date,
): Promise<number> {
  if (points <= 0) return 0;
  return inTransaction(async (tx) => {
    if (await entryExistsIn(tx, key)) return 0;
    const written = await bookIn(tx, openid, [{ _id: key, openid, kind, points, at }], undefined, at);
    return written.reduce((s, e) => s + e.points, 0);
  }, POINTS_TX_RETRIES);
}

/**
 * THE hook: brings an order's points up to date with the order as it is now
 * (give back on cancel and refunds, earn on pickup, take back on a later refund).
 * Idempotent and safe concurrently: the order's points document, the entries and
 * the balance are written in one transaction. Call it after a cancel, a refund
 * counted on the order and a pickup; the commission timer calls it for every
 * changed order too, so a missed call only delays.
 */
export async function syncOrderPoints(orderId: string, now: Date, order?: Order): Promise<number> {
  const o = order ?? (await orderById(orderId));
  if (!o) return 0;
  const settings = o.points || o.history?.some((h) => h.status === 'picked_up') ? await pointsSettings() : undefined;
  if (!settings) return 0;
  const earnPerYuan = settings.enabled ? settings.earnPerYuan : 0;
  return inTransaction(async (tx) => {
    const prev = await pointsOrderIn(tx, o._id);
    const step = advancePoints(o, prev, earnPerYuan, now);
    if (!step) return 0;
    return (await bookIn(tx, o.openid, step.entries, step.state, now)).length;
  }, POINTS_TX_RETRIES);
}

export interface PointsOnOrder {
  used: number;
  fen: number;
  lines: OrderLine[];
}

/**
 * 积分抵扣 at checkout: takes as many points as the rules allow off what is left
 * to pay, in one transaction with the balance (parallel orders never take the
 * same points twice, the balance never goes below 0). A retried create of the
 * same order finds what its first attempt took and takes nothing more.
 */
export async function spendForOrder(
  openid: string,
  orderId: string,
  lines: readonly OrderLine[],
  at: Date,
  settings?: PointsSettings,
): Promise<PointsOnOrder | undefined> {
  const rule = settings ?? (await pointsSettings());
  if (!rule.enabled) throw fail.state('积分抵扣已关闭');
  const payable = lines.reduce((s, l) => s + l.amountFen, 0);
  const taken = await inTransaction(async (tx) => {
    const prev = await pointsOrderIn(tx, orderId);
    // The first attempt's points stand, unless they were given back (that attempt made no order).
    if (prev && prev.back < prev.spent) return { used: prev.spent, fen: prev.spentFen };
    const balance = (await balanceIn(tx, openid))?.balance ?? 0;
    const { points, fen } = pointsDiscount(balance, payable, rule);
    if (points === 0) return { used: 0, fen: 0 };
    const round = prev ? (prev.round ?? 0) + 1 : 0;
    const state: PointsOrder = {
      _id: orderId,
      openid,
      spent: points,
      spentFen: fen,
      back: 0,
      earned: 0,
      ...(round ? { round } : {}),
      updatedAt: at,
    };
    const entry: PointsEntry = { _id: spendKey(state), openid, kind: 'spend', points: -points, at, orderId };
    await bookIn(tx, openid, [entry], state, at);
    return { used: points, fen };
  }, POINTS_TX_RETRIES);
  if (taken.used === 0) return undefined;
  return { ...taken, lines: pointsOnLines(lines, taken.fen) };
}

/** Gives back everything an order took at checkout (an order never made, or not this attempt's): once. */
export async function returnSpentPoints(openid: string, orderId: string, at: Date): Promise<void> {
  try {
    await inTransaction(async (tx) => {
      const prev = await pointsOrderIn(tx, orderId);
      if (!prev || prev.back >= prev.spent) return;
      const entry: PointsEntry = {
        _id: backKey(prev, prev.spent),
        openid,
        kind: 'back',
        points: prev.spent - prev.back,
        at,
        orderId,
      };
      await bookIn(tx, openid, [entry], { ...prev, back: prev.spent, updatedAt: at }, at);
    }, POINTS_TX_RETRIES);
  } catch (err) {
    console.error('[points] give back failed', orderId, err);
  }
}
