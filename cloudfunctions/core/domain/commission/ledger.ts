import { shanghaiMonth } from './month';

/**
 * One append-only row of the commissionLedger collection. The caller stores it with
 * _id = idempotencyKey, so replaying an event fails on insert instead of paying twice.
 *
 * Money moves only through these amounts (signed fen):
 * - pending (≥0) commission booked when the order is paid, one per line (0 too), rate snapshotted
 * - reverse (−)  a refund's share of that line's commission (clawback if the order is settled)
 * - bonus (+)    monthly tier bonus or new-leader bonus, withdrawable at once
 * - withdraw (−) money held for a withdrawal request
 * - withdraw_reject (+) a rejected or failed withdrawal gives the held money back
 * - coupon (−)   a 团长券's discount on a paid order, funded by its leader, once per order
 * - coupon_back (+) that discount given back when the order is refunded in full or cancelled
 *
 * confirm (pickup) and settle (N days later) are stage MARKERS with amountFen 0: they
 * move the order's whole commission to the next stage, whatever refunds do to it
 * before or after. So a balance is a function of the SET of entries, not of the order
 * they were written in: a refund racing the settle job cannot strand money in the
 * wrong stage.
 */
export type LedgerKind =
  'pending' | 'confirm' | 'reverse' | 'settle' | 'bonus' | 'withdraw' | 'withdraw_reject' | 'coupon' | 'coupon_back';

export interface LedgerEntry {
  /** Same as idempotencyKey; becomes the document _id. */
  id: string;
  leaderId: string;
  /** Set on order entries (pending, confirm, reverse, settle). */
  orderId?: string;
  /** Set on line entries (pending, reverse); see lineKeys(). */
  lineKey?: string;
  kind: LedgerKind;
  amountFen: number;
  at: Date;
  /** Shanghai 'YYYY-MM' of `at`; for a bonus, the month it rewards. */
  month: string;
  idempotencyKey: string;
  /** pending: the rate snapshotted at payment; reverse reuses it even if the category changes later. */
  rateBps?: number;
  /** pending: the paid amount the commission was computed on (amountFen − refundedFen then). */
  baseFen?: number;
  /** withdraw / withdraw_reject: the withdrawals document. */
  withdrawalId?: string;
}

type EntryFields = Omit<LedgerEntry, 'id' | 'idempotencyKey' | 'month'> & { month?: string };

export function ledgerEntry(idempotencyKey: string, fields: EntryFields): LedgerEntry {
  return { id: idempotencyKey, idempotencyKey, ...fields, month: fields.month ?? shanghaiMonth(fields.at) };
}

/** Keys are readable on purpose: an operator reading the collection can tell what each row is. */
export const ledgerKey = {
  pending: (orderId: string, lineKey: string) => `pending:${orderId}:${lineKey}`,
  reverse: (orderId: string, lineKey: string, refundedFenAfter: number) =>
    `reverse:${orderId}:${lineKey}:${refundedFenAfter}`,
  confirm: (orderId: string) => `confirm:${orderId}`,
  settle: (orderId: string) => `settle:${orderId}`,
  tierBonus: (leaderId: string, month: string) => `bonus:tier:${leaderId}:${month}`,
  newLeaderBonus: (leaderId: string) => `bonus:new_leader:${leaderId}`,
  withdraw: (withdrawalId: string) => `withdraw:${withdrawalId}`,
  withdrawReject: (withdrawalId: string) => `withdraw_reject:${withdrawalId}`,
  coupon: (orderId: string) => `coupon:${orderId}`,
  couponBack: (orderId: string) => `coupon_back:${orderId}`,
};
