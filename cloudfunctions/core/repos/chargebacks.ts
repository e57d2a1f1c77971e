import type { Chargeback } from '../../../typings/leader';
import { collection } from './db';

/** Supplier chargebacks of arrival shortages (collection chargebacks), one per arrival, item and reason. */
const chargebacks = () => collection('chargebacks');

export const chargebackId = (arrivalId: string, batchItemId: string, reason: Chargeback['reason']) =>
  `${arrivalId}|${batchItemId}|${reason}`;

/** Records a chargeback once: its _id is derived, so a repeat finds it there (false). */
export const recordChargeback = (c: Chargeback) => chargebacks().insertOnce(c);

export const chargebacksAt = (batchId: string, pickupPointId: string) =>
  chargebacks().find({ batchId, pickupPointId }, { limit: 1000 });
