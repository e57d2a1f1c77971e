import type { Order } from '../../../../typings/models';
import { ledgerEntry, ledgerKey, type LedgerEntry } from './ledger';
import { linePaidFen, type CommissionLine } from './lines';
import { shanghaiMonthWindow } from './month';
import { commissionFen } from './rate';

/** 阶梯奖励 tier set by an admin: reaching minGmvFen in a month earns bps of the month's GMV, or a fixed amount. */
export type BonusTier = { minGmvFen: number } & (
  { bonusBps: number; bonusFen?: never } | { bonusFen: number; bonusBps?: never }
);

type GmvOrder = Pick<Order, 'leaderId' | 'paidAt' | 'status'> & {
  lines: readonly Pick<CommissionLine, 'amountFen' | 'refundedFen'>[];
};

/**
 * Paid GMV of one leader's orders paid within [from, to): what residents paid minus what
 * was refunded by the time this runs. Run after the window closes; refunds that come
 * later don't reopen a bonus already granted.
 */
export function paidGmvFen(orders: readonly GmvOrder[], leaderId: string, window: { from: Date; to: Date }): number {
  let gmv = 0;
  for (const o of orders) {
    if (o.leaderId !== leaderId || !o.paidAt || o.status === 'cancelled') continue;
    if (o.paidAt < window.from || o.paidAt >= window.to) continue;
    for (const line of o.lines) gmv += linePaidFen(line);
  }
  return gmv;
}

/** The highest tier reached pays; percentage tiers use the same floor as line commission. */
export function tierBonusFen(gmvFen: number, tiers: readonly BonusTier[]): number {
  let reached: BonusTier | undefined;
  for (const t of tiers) {
    if (gmvFen >= t.minGmvFen && (!reached || t.minGmvFen > reached.minGmvFen)) reached = t;
  }
  if (!reached) return 0;
  return reached.bonusBps !== undefined ? commissionFen(gmvFen, reached.bonusBps) : reached.bonusFen!;
}

/**
 * The month's tier bonus as a ledger entry (or none). `at` is when the bonus is granted
 * (injected: after the month closed); the entry's month is the month it rewards.
 */
export function monthlyTierBonus(args: {
  leaderId: string;
  month: string;
  orders: readonly GmvOrder[];
  tiers: readonly BonusTier[];
  at: Date;
}): LedgerEntry | null {
  const window = shanghaiMonthWindow(args.month);
  if (args.at < window.to) throw new RangeError(`month ${args.month} has not closed yet`);
  const amountFen = tierBonusFen(paidGmvFen(args.orders, args.leaderId, window), args.tiers);
  if (amountFen === 0) return null;
  return ledgerEntry(ledgerKey.tierBonus(args.leaderId, args.month), {
    leaderId: args.leaderId,
    kind: 'bonus',
    amountFen,
    at: args.at,
    month: args.month,
  });
}

export interface NewLeaderBonusRule {
  /** Length of the welcome window from approval; whole 24h days (Shanghai has no DST). */
  days: number;
  minGmvFen: number;
  bonusFen: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A new leader whose paid GMV in the first `days` after approval reaches the threshold
 * earns a fixed bonus, once. Decided only after the window closes, so refunds inside
 * the window count against it.
 */
export function newLeaderBonus(args: {
  leaderId: string;
  approvedAt: Date;
  orders: readonly GmvOrder[];
  rule: NewLeaderBonusRule;
  at: Date;
}): LedgerEntry | null {
  const { rule } = args;
  const window = { from: args.approvedAt, to: new Date(args.approvedAt.getTime() + rule.days * DAY_MS) };
  if (args.at < window.to) return null;
  if (paidGmvFen(args.orders, args.leaderId, window) < rule.minGmvFen || rule.bonusFen <= 0) return null;
  return ledgerEntry(ledgerKey.newLeaderBonus(args.leaderId), {
    leaderId: args.leaderId,
    kind: 'bonus',
    amountFen: rule.bonusFen,
    at: args.at,
  });
}
