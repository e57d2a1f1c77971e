/**
 * Leader commission (团长佣金): what the `commission` function (leader side) and
 * the console's commission actions answer; the actions and their inputs are in
 * typings/contracts/commission.ts and admin/commissions.ts. Money is integer fen;
 * instants travel as ISO strings. Import type only.
 *
 * Error codes (typings/envelope.ts): UNAUTHENTICATED (no WeChat identity),
 * FORBIDDEN (caller is not a leader / not an admin), INVALID_INPUT,
 * INSUFFICIENT_BALANCE (withdraw more than available, or below the minimum),
 * NOT_FOUND (withdrawal), INVALID_STATE (withdrawal not in a state for this step),
 * UNAVAILABLE (busy, retry with the same clientRequestId).
 */

export type LedgerKindName =
  'pending' | 'confirm' | 'reverse' | 'settle' | 'bonus' | 'withdraw' | 'withdraw_reject' | 'coupon' | 'coupon_back';

// ---- settings (document settings/'commission') ----

/** 阶梯奖励: reaching minGmvFen of paid GMV in a Shanghai month earns bonusBps of that GMV, or bonusFen. */
export type CommissionTier = { minGmvFen: number } & ({ bonusBps: number } | { bonusFen: number });

export interface NewLeaderBonusSettings {
  /** Window from approval, in days. */
  days: number;
  minGmvFen: number;
  bonusFen: number;
}

export interface CommissionSettings {
  /** Days after pickup before commission becomes withdrawable (after-sales window). */
  settleDays: number;
  /** Strictly ascending by minGmvFen; bps 0..5000. */
  tiers: CommissionTier[];
  /** null: no new-leader bonus. */
  newLeaderBonus: NewLeaderBonusSettings | null;
  minWithdrawFen: number;
}

// ---- leader side (function `commission`) ----

export interface CommissionSummary {
  leaderId: string;
  /** Paid orders not yet picked up. */
  pendingFen: number;
  /** Picked up, waiting out settleDays. */
  confirmedFen: number;
  /** Withdrawable balance (negative only after a clawback). */
  availableFen: number;
  /** What a withdrawal may take now: max(0, availableFen). */
  withdrawableFen: number;
  /** Held by or paid out for withdrawals that were not rejected. */
  withdrawnFen: number;
  totalEarnedFen: number;
  minWithdrawFen: number;
  settleDays: number;
}

export interface LedgerEntryView {
  id: string;
  kind: LedgerKindName;
  /** Signed fen; 0 for the confirm/settle markers. */
  amountFen: number;
  at: string;
  month: string;
  orderId?: string;
  lineKey?: string;
  rateBps?: number;
  withdrawalId?: string;
}

export interface LedgerPage {
  items: LedgerEntryView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export type WithdrawalStatus = 'pending' | 'approved' | 'paid' | 'rejected';

export interface WithdrawalView {
  _id: string;
  leaderId: string;
  amountFen: number;
  status: WithdrawalStatus;
  createdAt: string;
  approvedAt?: string;
  paidAt?: string;
  /** Payout reference (bank / WeChat transfer number), set by markPaid. */
  reference?: string;
  rejectedAt?: string;
  reason?: string;
}

export interface WithdrawResult {
  withdrawal: WithdrawalView;
  /** False when this clientRequestId had already made the withdrawal (a retry). */
  created: boolean;
}

export interface WithdrawalListResult {
  items: WithdrawalView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export type StatsGranularity = 'day' | 'week' | 'month';

/**
 * One period: [key, salesFen, orders, commissionFen]. key is 'YYYY-MM-DD' (day; for
 * week the Monday), or 'YYYY-MM' (month). Orders count by the Shanghai time they were
 * paid; sales = paid − refunded; commission = what those orders earn after refunds.
 */
export type StatsRow = [key: string, salesFen: number, orders: number, commissionFen: number];

export interface StatsResult {
  granularity: StatsGranularity;
  from: string;
  to: string;
  rows: StatsRow[];
  totals: { salesFen: number; orders: number; commissionFen: number };
}

// ---- admin side (function `admin`) ----

/** Whatever the leader sees, plus the timer's report (admin can run it on demand). */
export interface ReconcileReport {
  orders: number;
  refunds: number;
  entries: number;
  settled: number;
  bonuses: number;
  failed: number;
  /** False when the time budget ran out; the next run resumes from the checkpoint. */
  complete: boolean;
  ms: number;
}
