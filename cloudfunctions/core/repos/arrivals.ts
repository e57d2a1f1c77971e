import type { ArrivalRecord, ShortageRefund } from '../../../typings/leader';
import { cmd, collection } from './db';

/** One arrival confirmation per batch and point (collection arrivals, _id `<batchId>|<pickupPointId>`). */
const arrivals = () => collection('arrivals');

export const arrivalId = (batchId: string, pickupPointId: string) => `${batchId}|${pickupPointId}`;

export const arrivalById = (id: string) => arrivals().byId(id);

/** Writes the shortage plan if no plan exists for the batch and point: false when another one holds already. */
export const claimArrivalPlan = (plan: ArrivalRecord) => arrivals().insertOnce(plan);

/** Each planned refund's state (requested, failed) as the refunds went out. */
export async function recordArrivalRefunds(id: string, refunds: ShortageRefund[]): Promise<void> {
  await arrivals().update({ _id: id }, { refunds });
}

export async function finishArrival(
  id: string,
  done: Required<Pick<ArrivalRecord, 'status' | 'doneAt' | 'arrivedOrders' | 'noticesSent' | 'noticesFailed'>>,
): Promise<void> {
  await arrivals().update({ _id: id }, done);
}

/** Which of these batches have an arrival confirmed at the point. */
export async function batchesArrivedAt(batchIds: string[], pickupPointId: string): Promise<Set<string>> {
  if (!batchIds.length) return new Set();
  const found = await arrivals().find(
    { batchId: cmd.in(batchIds), pickupPointId },
    { limit: batchIds.length, fields: { batchId: true } },
  );
  return new Set(found.map((a) => a.batchId));
}

/** Pickup points whose leader has confirmed the batch's arrival. */
export const arrivedCount = (batchId: string) =>
  arrivals().orNothing(() => arrivals().count({ batchId, status: 'done' }), 0);
