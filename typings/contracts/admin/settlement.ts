import * as z from 'zod/mini';
import type { ChargebackReason, ChargebackStatus } from '../../leader';
import { contract, label } from '../define';
import { day, id, text } from '../shapes';
import { page, type Paged } from './common';

/** How long one statement covers: a week (Monday–Sunday, the default) or a calendar month, Asia/Shanghai. */
export type SettlementPeriodKind = 'week' | 'month';

export interface SettlementPeriod {
  kind: SettlementPeriodKind;
  /** First and last business day, inclusive. */
  start: string;
  end: string;
}

/** draft (recomputed by every generate) → confirmed by the supplier → paid by the platform (a payout reference). */
export type StatementStatus = 'draft' | 'confirmed' | 'paid';

/**
 * One line of a statement. Purchases count for the supplier, chargebacks and
 * after-sale refunds against it, all at cost (qty × the item's cost price).
 */
export interface StatementLine {
  kind: 'purchase' | 'chargeback' | 'afterSale';
  /** The source: `<purchaseOrderId>|<batchItemId>`, the chargeback's _id, `<afterSaleId>|<batchItemId>`. */
  ref: string;
  /** The business day it counts on: the pickup day, the day a chargeback was raised or upheld, the refund's approval. */
  date: string;
  batchId: string;
  batchItemId: string;
  title: string;
  qty: number;
  /** null: the item has no cost price yet (成本待定); the line counts 0. */
  unitCostFen: number | null;
  /** qty × unitCostFen, signed: + what the platform owes, − what the supplier gives back. */
  amountFen: number;
}

/**
 * 对账单: one per supplier and period, `_id` `<supplierId>_<period.start>`.
 * totalFen = purchaseFen − chargebackFen − afterSaleFen, each the sum of its lines
 * to the fen. A draft is recomputed from the documents by every generate (the same
 * documents give the same statement); a confirmed or paid one never changes.
 * Something that becomes chargeable after its period has ended (a dispute upheld
 * late, a late after-sale) is dated the day it does, so it lands in a later period.
 */
export interface StatementView {
  _id: string;
  supplierId: string;
  supplierName: string;
  period: SettlementPeriod;
  status: StatementStatus;
  /** Sorted by date, kind (purchases first), ref. */
  lines: StatementLine[];
  purchaseFen: number;
  chargebackFen: number;
  afterSaleFen: number;
  totalFen: number;
  /** Lines without a cost price: confirm waits until the admin has set them. */
  costPending: number;
  generatedAt: string;
  confirmedAt?: string;
  paidAt?: string;
  payoutRef?: string;
}

export interface ChargebackView {
  _id: string;
  supplierId: string;
  batchId: string;
  batchItemId: string;
  pickupPointId: string;
  title: string;
  qty: number;
  unitCostFen: number | null;
  amountFen: number;
  reason: ChargebackReason;
  /** The leader's photos at arrival (cloud fileIDs or demo /images/ paths). */
  photos: string[];
  status: ChargebackStatus;
  createdAt: string;
  disputeReason?: string;
  disputedAt?: string;
  decidedAt?: string;
  decisionReason?: string;
}

const statementId = label(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,80}_\d{4}-\d{2}-\d{2}$/, '格式不正确')), '对账单');
const reason = (what: string) => label(text(200), what);

/**
 * 对账 (settlement with suppliers). [supplier] actions are scoped to the caller's
 * own supplier (from its users doc); another supplier's statement or chargeback is NOT_FOUND.
 */
export const settlement = {
  /** The period kind statements are cut by (settings/settlement); week when never saved. */
  'statements.period': contract(() =>
    z.object({ kind: z.optional(label(z.enum(['week', 'month']), '结算周期')) }),
  ).answers<{ kind: SettlementPeriodKind }>(),
  /**
   * Computes the drafts of the period starting `start` (a Monday, or the 1st for
   * months) for every supplier with something in it; the period must have ended
   * (INVALID_STATE otherwise). Confirmed and paid statements are left as they are.
   */
  'statements.generate': contract(() => z.object({ start: label(day, '结算周期开始日') })).answers<{
    period: SettlementPeriod;
    statements: StatementView[];
  }>(),
  /** [supplier] Newest period first. */
  'statements.list': contract(() =>
    z.object({
      ...page,
      status: z.optional(label(z.enum(['draft', 'confirmed', 'paid']), '对账单状态')),
      supplierId: z.optional(label(id, '供应商')),
    }),
  ).answers<Paged<StatementView>>(),
  /** [supplier] */
  'statements.get': contract(() => z.object({ id: statementId })).answers<StatementView>(),
  /**
   * [supplier] The supplier agrees with the draft it read: `totalFen` must be the
   * draft's (else INVALID_STATE: it changed, read it again). Only the supplier confirms.
   */
  'statements.confirm': contract(() =>
    z.object({
      id: statementId,
      totalFen: label(z.int().check(z.gte(-100_000_000_000), z.lte(100_000_000_000)), '金额'),
    }),
  ).answers<StatementView>(),
  /** confirmed → paid, with the transfer's reference (e.g. the bank's 流水号). */
  'statements.pay': contract(() =>
    z.object({ id: statementId, payoutRef: label(text(64), '付款流水号') }),
  ).answers<StatementView>(),
  /** [supplier] Newest first. */
  'chargebacks.list': contract(() =>
    z.object({
      ...page,
      status: z.optional(label(z.enum(['open', 'disputed', 'upheld', 'waived']), '扣款状态')),
      supplierId: z.optional(label(id, '供应商')),
    }),
  ).answers<Paged<ChargebackView>>(),
  /** [supplier] open → disputed, with the supplier's reason. */
  'chargebacks.dispute': contract(() =>
    z.object({ id: label(z.string().check(z.minLength(1), z.maxLength(200)), '扣款'), reason: reason('申诉理由') }),
  ).answers<ChargebackView>(),
  /** disputed → upheld (counts from today) or waived (never counts). */
  'chargebacks.decide': contract(() =>
    z.object({
      id: label(z.string().check(z.minLength(1), z.maxLength(200)), '扣款'),
      uphold: label(z.boolean(), '裁定'),
      reason: reason('裁定理由'),
    }),
  ).answers<ChargebackView>(),
};
