import type { Chargeback, ChargebackStatus } from '../../../typings/leader';
import { cmd, collection } from './db';

/** Supplier chargebacks of arrival shortages (collection chargebacks), one per arrival, item and reason. */
const chargebacks = () => collection('chargebacks');

/** Open: counts against the supplier. Chargebacks from before disputes existed have no status and are open. */
const isOpen = () => cmd.or([{ status: 'open' }, { status: cmd.exists(false) }]);

export const chargebackId = (arrivalId: string, batchItemId: string, reason: Chargeback['reason']) =>
  `${arrivalId}|${batchItemId}|${reason}`;

/** Records a chargeback once: its _id is derived, so a repeat finds it there (false). */
export const recordChargeback = (c: Chargeback) => chargebacks().insertOnce(c);

export const chargebacksAt = (batchId: string, pickupPointId: string) =>
  chargebacks().find({ batchId, pickupPointId }, { limit: 1000 });

export const chargebackById = (id: string) => chargebacks().byId(id);

/** Newest first; a supplier's own only. Chargebacks without a status are open. */
export const chargebacksPage = (
  filter: { supplierId?: string; status?: ChargebackStatus },
  page: { page: number; pageSize: number },
) => {
  const mine = filter.supplierId ? { supplierId: filter.supplierId } : {};
  const open = filter.supplierId ? cmd.and([mine, isOpen()]) : isOpen();
  const where = filter.status === 'open' ? open : filter.status ? { ...mine, status: filter.status } : mine;
  return chargebacks().orNothing(
    () =>
      chargebacks().page(where, {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        ...page,
      }),
    { items: [], total: 0 },
  );
};

/** open → disputed by its own supplier; false when it is not open (or not theirs). */
export async function disputeChargeback(id: string, supplierId: string, reason: string, at: Date): Promise<boolean> {
  return (
    (await chargebacks().update(cmd.and([{ _id: id, supplierId }, isOpen()]), {
      status: 'disputed',
      disputeReason: reason,
      disputedAt: at,
    })) > 0
  );
}

/** disputed → upheld or waived by the admin; false when it is not disputed. */
export async function decideChargeback(id: string, uphold: boolean, reason: string, at: Date): Promise<boolean> {
  return (
    (await chargebacks().update(
      { _id: id, status: 'disputed' },
      { status: uphold ? 'upheld' : 'waived', decisionReason: reason, decidedAt: at },
    )) > 0
  );
}

/**
 * The chargebacks that count in [from, to): open ones raised then, upheld ones
 * decided then. Disputed ones wait for the decision; waived ones never count.
 */
export async function chargeableBetween(from: Date, to: Date): Promise<Chargeback[]> {
  const raised = cmd.and([{ createdAt: cmd.gte(from) }, { createdAt: cmd.lt(to) }, isOpen()]);
  const upheld = cmd.and([{ status: 'upheld' }, { decidedAt: cmd.gte(from) }, { decidedAt: cmd.lt(to) }]);
  const [a, b] = await Promise.all([
    chargebacks().orNothing(() => chargebacks().all(raised), []),
    chargebacks().orNothing(() => chargebacks().all(upheld), []),
  ]);
  return [...a, ...b];
}
