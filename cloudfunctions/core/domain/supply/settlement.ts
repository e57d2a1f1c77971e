import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import type {
  SettlementPeriod,
  SettlementPeriodKind,
  StatementLine,
} from '../../../../typings/contracts/admin/settlement';
import { addDays, mondayOf } from '../time';
import { costLine } from './purchase-cost';

dayjs.extend(utc);

/**
 * 对账 rules, pure: which period a business day belongs to, and a statement's
 * totals from its lines. Every amount is integer fen at cost; a statement's
 * total is exactly the sum of its parts.
 */

/** The period (week Monday–Sunday, or calendar month) that holds a business date. */
export function periodOf(kind: SettlementPeriodKind, date: string): SettlementPeriod {
  if (kind === 'week') {
    const start = mondayOf(date);
    return { kind, start, end: addDays(start, 6) };
  }
  const first = dayjs.utc(date).startOf('month');
  return { kind, start: first.format('YYYY-MM-DD'), end: first.endOf('month').format('YYYY-MM-DD') };
}

/** Why `start` cannot begin a period of this kind (a week starts on Monday, a month on the 1st), or undefined. */
export function periodStartProblem(kind: SettlementPeriodKind, start: string): string | undefined {
  if (periodOf(kind, start).start === start) return undefined;
  return kind === 'week' ? '按周结算：开始日须是周一' : '按月结算：开始日须是 1 号';
}

const KIND_ORDER: Record<StatementLine['kind'], number> = { purchase: 0, chargeback: 1, afterSale: 2 };

/** Lines in a stable order (a rerun over the same documents writes the same statement). */
export function sortLines(lines: StatementLine[]): StatementLine[] {
  return [...lines].sort(
    (a, b) =>
      a.date.localeCompare(b.date) ||
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.ref.localeCompare(b.ref) ||
      a.batchItemId.localeCompare(b.batchItemId),
  );
}

export interface StatementTotals {
  purchaseFen: number;
  chargebackFen: number;
  afterSaleFen: number;
  totalFen: number;
  costPending: number;
}

/**
 * Purchases at cost less chargebacks less after-sale refunds charged to the
 * supplier. Chargeback and after-sale lines carry negative amounts; their parts
 * are reported as positive fen, and totalFen = purchaseFen − chargebackFen − afterSaleFen.
 */
export function statementTotals(lines: readonly StatementLine[]): StatementTotals {
  const part = (kind: StatementLine['kind']) =>
    Math.abs(lines.filter((l) => l.kind === kind).reduce((s, l) => s + l.amountFen, 0)) || 0;
  const purchaseFen = part('purchase');
  const chargebackFen = part('chargeback');
  const afterSaleFen = part('afterSale');
  return {
    purchaseFen,
    chargebackFen,
    afterSaleFen,
    totalFen: purchaseFen - chargebackFen - afterSaleFen,
    costPending: lines.filter((l) => l.unitCostFen === null).length,
  };
}

/** A line at cost (costLine): + for a purchase, − for what the supplier gives back. */
export function costedLine(
  kind: StatementLine['kind'],
  fields: Omit<StatementLine, 'kind' | 'unitCostFen' | 'amountFen'>,
  unitCostFen: number | null | undefined,
): StatementLine {
  const { unitCostFen: unit, costFen } = costLine(fields.qty, unitCostFen);
  return { kind, ...fields, unitCostFen: unit, amountFen: kind === 'purchase' || costFen === 0 ? costFen : -costFen };
}
