import type { StatementStatus, StatementView } from '../../../typings/contracts/admin/settlement';
import { collection } from './db';

/** 对账单 (collection statements), `<supplierId>_<periodStart>`; stored as the console reads them. */
const statements = () => collection('statements');

export const statementById = (id: string) => statements().orNothing(() => statements().byId(id), undefined);

export const statementsPage = (
  filter: { supplierId?: string; status?: StatementStatus },
  page: { page: number; pageSize: number },
) =>
  statements().orNothing(
    () =>
      statements().page(
        {
          ...(filter.supplierId ? { supplierId: filter.supplierId } : {}),
          ...(filter.status ? { status: filter.status } : {}),
        },
        {
          orderBy: [
            ['period.start', 'desc'],
            ['supplierId', 'asc'],
          ],
          ...page,
        },
      ),
    { items: [], total: 0 },
  );

/** The drafts of one period (one per supplier). */
export const draftsOf = (periodStart: string) =>
  statements().orNothing(() => statements().all({ 'period.start': periodStart, status: 'draft' }), []);

/**
 * Writes a draft: a new one, or over an earlier draft. A statement already
 * confirmed or paid is never touched (false): the guard is its status.
 */
export async function saveDraft(doc: StatementView): Promise<boolean> {
  if (await statements().creating(() => statements().insertOnce(doc))) return true;
  const { _id, ...fields } = doc;
  return (await statements().update({ _id, status: 'draft' }, fields)) > 0;
}

/** draft → confirmed, only if it is still the draft the supplier read (same total) and fully priced. */
export async function confirmDraft(id: string, supplierId: string, totalFen: number, at: Date): Promise<boolean> {
  return (
    (await statements().update(
      { _id: id, supplierId, status: 'draft', totalFen, costPending: 0 },
      { status: 'confirmed', confirmedAt: at.toISOString() },
    )) > 0
  );
}

/** confirmed → paid with the payout's reference. */
export async function markPaid(id: string, payoutRef: string, at: Date): Promise<boolean> {
  return (
    (await statements().update(
      { _id: id, status: 'confirmed' },
      { status: 'paid', paidAt: at.toISOString(), payoutRef },
    )) > 0
  );
}
