import type { Order, OrderLine } from '../../../typings/models';
import { pointsEarned, type PointsKind } from '../../../typings/points';
import { splitProportional } from './money';
import { businessDate } from './time';

/**
 * Points rules over the ledger (the arithmetic residents see is in typings/points.ts).
 * The balance document is the ledger's sum, written only in the transaction that
 * appends the entry: balance = Σ credits − debits, with credits kept per business
 * year so that expiry is oldest first (FIFO) without walking the ledger.
 */

/** One ledger row: _id is its idempotency key, so a replay rewrites the same row. */
export interface PointsEntry {
  _id: string;
  openid: string;
  kind: PointsKind;
  /** Signed: + credited, − debited. Never 0. */
  points: number;
  at: Date;
  orderId?: string;
  orderNo?: string;
}

export interface PointsBalance {
  _id: string; // openid
  balance: number;
  /** Points credited per Asia/Shanghai year ('2026' → n). */
  credits: Record<string, number>;
  /** Points debited (spent, reversed, expired) minus points given back. */
  debits: number;
  updatedAt: Date;
}

/** Points of one order as booked: spent at checkout, given back, earned at pickup. */
export interface PointsOrder {
  _id: string; // orderId
  openid: string;
  /** Points taken at checkout and the fen they paid (the order's rate: fen / spent). */
  spent: number;
  spentFen: number;
  /** Of spent, given back so far (cancel, refunds). */
  back: number;
  /** Points earned on the order so far, net of reversals, at earnPerYuan (the rate of the first earning). */
  earned: number;
  earnPerYuan?: number;
  /** A create retried after its first attempt's points were given back spends again, in round 1, 2…. */
  round?: number;
  updatedAt: Date;
}

const roundOf = (s: Pick<PointsOrder, 'round'>) => (s.round ? `:${s.round}` : '');
export const spendKey = (s: Pick<PointsOrder, '_id' | 'round'>) => `${s._id}:spend${roundOf(s)}`;
export const backKey = (s: Pick<PointsOrder, '_id' | 'round'>, back: number) => `${s._id}:back${roundOf(s)}:${back}`;

const CREDIT_KINDS: ReadonlySet<PointsKind> = new Set(['earn', 'review', 'referral']);

export const emptyBalance = (openid: string, at: Date): PointsBalance => ({
  _id: openid,
  balance: 0,
  credits: {},
  debits: 0,
  updatedAt: at,
});

/** The year (Asia/Shanghai) an instant falls in. */
export const businessYear = (at: Date): number => Number(businessDate(at).slice(0, 4));

/**
 * The balance after an entry. A debit never takes the balance below 0: the entry
 * is cut to the balance (its points say what was really taken), and a cut to 0
 * means no entry at all (undefined).
 */
export function applyEntry(
  b: PointsBalance,
  e: PointsEntry,
): { balance: PointsBalance; entry: PointsEntry } | undefined {
  const points = e.points < 0 ? -Math.min(-e.points, b.balance) : e.points;
  if (points === 0) return undefined;
  const entry = { ...e, points };
  const credits = { ...b.credits };
  let debits = b.debits;
  if (CREDIT_KINDS.has(e.kind)) {
    const year = String(businessYear(e.at));
    credits[year] = (credits[year] ?? 0) + points;
  } else {
    debits -= points; // a give-back (+) lowers the debits, a spend (−) raises them
  }
  return { balance: { ...b, balance: b.balance + points, credits, debits, updatedAt: e.at }, entry };
}

/** Points credited in `lastYear` or before and not yet used up (oldest are used first). */
export function unusedUpTo(b: PointsBalance, lastYear: number): number {
  const credited = Object.entries(b.credits)
    .filter(([y]) => Number(y) <= lastYear)
    .reduce((s, [, n]) => s + n, 0);
  return Math.max(0, Math.min(b.balance, credited - b.debits));
}

/**
 * Points expire at the end of the year after the one they were earned in: on a
 * day of year N, what is left of year N−2 and before is due to expire. Shown to
 * the resident: what goes at the end of this year (left of year N−1 and before).
 */
export const expiredYearOn = (at: Date): number => businessYear(at) - 2;
export const expiringThisYear = (b: PointsBalance, at: Date): number => unusedUpTo(b, businessYear(at) - 1);

/** Cash paid and kept on an order: what points are earned on. */
const keptFen = (o: Pick<Order, 'lines'>) => o.lines.reduce((s, l) => s + l.amountFen - l.refundedFen, 0);

/** The points an order's refunds give back: each line's points share of its refunded cash, at the order's rate. */
export function pointsBackFor(o: Pick<Order, 'lines'>, state: Pick<PointsOrder, 'spent' | 'spentFen'>): number {
  if (state.spent === 0) return 0;
  const backFen = o.lines.reduce((s, l) => {
    const p = l.pointsFen ?? 0;
    if (!p || !l.refundedFen) return s;
    return s + (l.refundedFen >= l.amountFen ? p : Math.floor((p * l.refundedFen) / l.amountFen));
  }, 0);
  return backFen >= state.spentFen ? state.spent : Math.floor((backFen * state.spent) / state.spentFen);
}

export interface PointsStep {
  state: PointsOrder;
  entries: PointsEntry[];
}

/**
 * What an order's points must be now: a cancelled unpaid order gives back all it
 * spent; refunds give back their share; a picked-up order earns on the cash kept
 * (a later refund takes its share back). Undefined when nothing changes.
 */
export function advancePoints(
  order: Order,
  prev: PointsOrder | null,
  earnPerYuan: number,
  now: Date,
): PointsStep | undefined {
  const state: PointsOrder = prev ?? {
    _id: order._id,
    openid: order.openid,
    spent: 0,
    spentFen: 0,
    back: 0,
    earned: 0,
    updatedAt: now,
  };
  const neverPaid = !order.paidAt && order.status === 'cancelled';
  const back = neverPaid ? state.spent : Math.max(state.back, pointsBackFor(order, state));
  const pickedUp = order.history?.some((h) => h.status === 'picked_up') ?? false;
  const rate = state.earnPerYuan ?? earnPerYuan;
  const earned = pickedUp ? pointsEarned(keptFen(order), rate) : state.earned;
  if (back === state.back && earned === state.earned) return undefined;
  const base = { openid: order.openid, at: now, orderId: order._id, orderNo: order.orderNo };
  const entries: PointsEntry[] = [];
  if (back > state.back) entries.push({ ...base, _id: backKey(state, back), kind: 'back', points: back - state.back });
  if (earned !== state.earned)
    entries.push({
      ...base,
      _id: `${order._id}:${earned > state.earned ? 'earn' : 'reverse'}:${earned}`,
      kind: earned > state.earned ? 'earn' : 'reverse',
      points: earned - state.earned,
    });
  return {
    state: { ...state, back, earned, ...(pickedUp ? { earnPerYuan: rate } : {}), updatedAt: now },
    entries,
  };
}

/** The points' fen spread over the lines by what each pays (on top of the coupon's share). */
export function pointsOnLines(lines: readonly OrderLine[], fen: number): OrderLine[] {
  if (fen === 0) return [...lines];
  const shares = splitProportional(
    fen,
    lines.map((l) => l.amountFen),
  );
  return lines.map((l, i) =>
    shares[i]
      ? {
          ...l,
          amountFen: l.amountFen - shares[i],
          discountFen: (l.discountFen ?? 0) + shares[i],
          pointsFen: shares[i],
        }
      : l,
  );
}
