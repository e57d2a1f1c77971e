import type { Paged } from '../../../../typings/contracts/admin/common';
import type { ChargebackView } from '../../../../typings/contracts/admin/settlement';
import type { Chargeback, ChargebackStatus } from '../../../../typings/leader';
import { fail } from '../../domain/errors';
import { chargebackById, chargebacksPage, decideChargeback, disputeChargeback } from '../../repos/chargebacks';
import type { ConsoleUser } from '../admin/access';
import { compact, iso, paged, type PageInput } from '../admin/common';

export const chargebackView = (c: Chargeback): ChargebackView =>
  compact({
    _id: c._id,
    supplierId: c.supplierId,
    batchId: c.batchId,
    batchItemId: c.batchItemId,
    pickupPointId: c.pickupPointId,
    title: c.title,
    qty: c.qty,
    unitCostFen: c.unitCostFen ?? null,
    amountFen: c.amountFen,
    reason: c.reason,
    photos: c.photos ?? [],
    status: c.status ?? 'open',
    createdAt: iso(c.createdAt)!,
    disputeReason: c.disputeReason,
    disputedAt: iso(c.disputedAt),
    decidedAt: iso(c.decidedAt),
    decisionReason: c.decisionReason,
  });

async function visibleChargeback(who: ConsoleUser, id: string): Promise<Chargeback> {
  const c = await chargebackById(id);
  if (!c || (who.supplierId && c.supplierId !== who.supplierId)) throw fail.notFound('扣款');
  return c;
}

export async function listChargebacks(
  who: ConsoleUser,
  input: PageInput & { status?: ChargebackStatus; supplierId?: string },
): Promise<Paged<ChargebackView>> {
  return paged(
    await chargebacksPage({ supplierId: who.supplierId ?? input.supplierId, status: input.status }, input),
    input,
    chargebackView,
  );
}

/** 申诉: the supplier disputes an open chargeback; until the admin decides it counts in no statement. */
export async function disputeMine(who: ConsoleUser, id: string, reason: string, at: Date): Promise<ChargebackView> {
  if (!who.supplierId) throw fail.forbidden('由供应商发起申诉');
  // The guarded update first (it names the supplier); only a refusal needs the read that says why.
  const moved = await disputeChargeback(id, who.supplierId, reason, at);
  const c = await visibleChargeback(who, id);
  if (!moved) throw fail.state('只有待结算的扣款可以申诉');
  return chargebackView(c);
}

/** 裁定: upheld counts from today's period on; waived never counts. */
export async function decide(id: string, uphold: boolean, reason: string, at: Date): Promise<ChargebackView> {
  const moved = await decideChargeback(id, uphold, reason, at);
  const c = await chargebackById(id);
  if (!c) throw fail.notFound('扣款');
  if (!moved) throw fail.state('只有申诉中的扣款可以裁定');
  return chargebackView(c);
}
