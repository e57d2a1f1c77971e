import { recordOrderCommission } from '../commission/record';
import { syncOrderPoints } from '../points/ledger';

/**
 * After an order's money or status changed (paid, a refund counted, picked up):
 * brings the leader's commission and the resident's points up to date with it.
 * Each is idempotent and caught up by the commission timer, so a failure here
 * is logged, not thrown: the resident's action has already succeeded.
 */
export async function orderChanged(orderId: string, at: Date): Promise<void> {
  await Promise.all([
    recordOrderCommission(orderId, at).catch((err) => console.error('[commission] order', orderId, err)),
    syncOrderPoints(orderId, at).catch((err) => console.error('[points] order', orderId, err)),
  ]);
}
