import type { Paged } from '../../../../typings/contracts/admin/common';
import type {
  SettlementPeriod,
  SettlementPeriodKind,
  StatementLine,
  StatementStatus,
  StatementView,
} from '../../../../typings/contracts/admin/settlement';
import { fail } from '../../domain/errors';
import { costedLine, periodOf, periodStartProblem, sortLines, statementTotals } from '../../domain/supply/settlement';
import { addDays, businessDate, businessInstant } from '../../domain/time';
import { refundedAfterSalesBetween } from '../../repos/after-sales';
import { itemsByIds } from '../../repos/batch-items';
import { chargeableBetween } from '../../repos/chargebacks';
import { purchaseOrdersForPickup } from '../../repos/purchase-orders';
import { refundsByIds } from '../../repos/refunds';
import { saveSettlementPeriodKind, settlementPeriodKind } from '../../repos/settings';
import { confirmDraft, draftsOf, markPaid, saveDraft, statementById, statementsPage } from '../../repos/statements';
import { suppliersByIds } from '../../repos/suppliers';
import type { ConsoleUser } from '../admin/access';
import { afterSaleRefundNo } from '../admin/orders';
import { paged, type PageInput } from '../admin/common';

/** The period kind, and the admin's change of it (statements already written keep theirs). */
export async function statementPeriod(kind: SettlementPeriodKind | undefined, at: Date) {
  if (kind) await saveSettlementPeriodKind(kind, at);
  return { kind: kind ?? (await settlementPeriodKind()) };
}

/** Everything that counts in a period, as statement lines by supplier. */
async function linesOf(period: SettlementPeriod): Promise<Map<string, StatementLine[]>> {
  const from = businessInstant(period.start, '00:00');
  const to = businessInstant(addDays(period.end, 1), '00:00');
  const [orders, chargebacks, afterSales] = await Promise.all([
    purchaseOrdersForPickup(period.start, period.end),
    chargeableBetween(from, to),
    refundedAfterSalesBetween(from, to),
  ]);
  const refunds = await refundsByIds(afterSales.map((a) => a.outRefundNo ?? afterSaleRefundNo(a._id)));
  // Items for what does not carry its own cost and supplier: after-sale lines, chargebacks from before cost prices.
  const itemIds = new Set<string>();
  for (const a of afterSales) for (const l of a.lines) itemIds.add(l.batchItemId);
  for (const c of chargebacks) if (c.unitCostFen === undefined) itemIds.add(c.batchItemId);
  const items = new Map((await itemsByIds([...itemIds])).map((i) => [i._id, i]));
  const out = new Map<string, StatementLine[]>();
  const add = (supplierId: string, line: StatementLine) => {
    const list = out.get(supplierId) ?? [];
    list.push(line);
    out.set(supplierId, list);
  };
  for (const po of orders)
    for (const l of po.lines)
      add(
        po.supplierId,
        costedLine(
          'purchase',
          {
            ref: `${po._id}|${l.batchItemId}`,
            date: po.pickupDate,
            batchId: po.batchId,
            batchItemId: l.batchItemId,
            title: l.title,
            qty: l.qty,
          },
          l.unitCostFen,
        ),
      );
  for (const c of chargebacks)
    add(
      c.supplierId,
      costedLine(
        'chargeback',
        {
          ref: c._id,
          date: businessDate(new Date(c.status === 'upheld' && c.decidedAt ? c.decidedAt : c.createdAt)),
          batchId: c.batchId,
          batchItemId: c.batchItemId,
          title: c.title,
          qty: c.qty,
        },
        c.unitCostFen === undefined ? items.get(c.batchItemId)?.costFen : c.unitCostFen,
      ),
    );
  for (const a of afterSales) {
    // What was actually refunded (an admin may refund fewer units than asked); a refused refund charges nothing.
    const refund = refunds.get(a.outRefundNo ?? afterSaleRefundNo(a._id));
    if (!refund || refund.status === 'failed') continue;
    for (const l of refund.lines) {
      const item = items.get(l.batchItemId);
      if (!item || l.qty <= 0) continue;
      const title = a.lines.find((x) => x.batchItemId === l.batchItemId)?.title ?? item.title;
      add(
        item.supplierId,
        costedLine(
          'afterSale',
          {
            ref: `${a._id}|${l.batchItemId}`,
            date: businessDate(new Date(a.reviewedAt!)),
            batchId: a.batchId,
            batchItemId: l.batchItemId,
            title,
            qty: l.qty,
          },
          item.costFen,
        ),
      );
    }
  }
  return out;
}

/**
 * 生成对账单: the drafts of a period that has ended, one per supplier with
 * anything in it (and one for a supplier whose earlier draft is now empty).
 * Confirmed and paid statements stay as they are; the others are recomputed
 * from the documents, so generating again over the same documents writes the same.
 */
export async function generateStatements(start: string, at: Date) {
  const kind = await settlementPeriodKind();
  const problem = periodStartProblem(kind, start);
  if (problem) throw fail.invalid(`start: ${problem}`);
  const period = periodOf(kind, start);
  if (period.end >= businessDate(at))
    throw fail.state(`结算周期 ${period.start} 至 ${period.end} 还没结束，结束后再生成对账单`);

  const bySupplier = await linesOf(period);
  for (const d of await draftsOf(period.start)) if (!bySupplier.has(d.supplierId)) bySupplier.set(d.supplierId, []);
  const supplierIds = [...bySupplier.keys()].sort();
  const suppliers = await suppliersByIds(supplierIds);
  const statements: StatementView[] = [];
  for (const supplierId of supplierIds) {
    const lines = sortLines(bySupplier.get(supplierId)!);
    const draft: StatementView = {
      _id: `${supplierId}_${period.start}`,
      supplierId,
      supplierName: suppliers.get(supplierId)?.name ?? supplierId,
      period,
      status: 'draft',
      lines,
      ...statementTotals(lines),
      generatedAt: at.toISOString(),
    };
    statements.push((await saveDraft(draft)) ? draft : (await statementById(draft._id))!);
  }
  return { period, statements };
}

/** A supplier sees only its own; another's is NOT_FOUND. */
async function visibleStatement(who: ConsoleUser, id: string): Promise<StatementView> {
  const s = await statementById(id);
  if (!s || (who.supplierId && s.supplierId !== who.supplierId)) throw fail.notFound('对账单');
  return s;
}

export const getStatement = (who: ConsoleUser, id: string) => visibleStatement(who, id);

export async function listStatements(
  who: ConsoleUser,
  input: PageInput & { status?: StatementStatus; supplierId?: string },
): Promise<Paged<StatementView>> {
  return paged(
    await statementsPage({ supplierId: who.supplierId ?? input.supplierId, status: input.status }, input),
    input,
  );
}

/** The supplier agrees with the draft it read; only a supplier confirms its own. */
export async function confirmStatement(who: ConsoleUser, id: string, totalFen: number, at: Date) {
  if (!who.supplierId) throw fail.forbidden('对账单由供应商确认');
  // totalFen is only the guard "the draft I read"; the amount itself is the server's.
  const moved = await confirmDraft(id, who.supplierId, totalFen, at);
  const s = await visibleStatement(who, id);
  if (moved) return s;
  if (s.status !== 'draft') throw fail.state(s.status === 'paid' ? '对账单已付款' : '对账单已确认');
  if (s.costPending) throw fail.state(`还有 ${s.costPending} 个商品成本待定，平台设置后再确认`);
  throw fail.state('对账单已更新，请重新查看后确认');
}

export async function payStatement(id: string, payoutRef: string, at: Date) {
  const moved = await markPaid(id, payoutRef, at);
  const s = await statementById(id);
  if (!s) throw fail.notFound('对账单');
  if (moved) return s;
  throw fail.state(s.status === 'paid' ? '对账单已付款' : '供应商确认后才能付款');
}
