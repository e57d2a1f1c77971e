import type { Order } from '../../../../typings/models';
import { ledgerEntry, ledgerKey, type LedgerEntry } from './ledger';

type PickedUpOrder = Pick<Order, '_id' | 'leaderId' | 'history'>;

/**
 * Pickup confirms the order's commission: one marker for the whole order (see
 * ledger.ts for why markers carry no amount). Its time comes from the order's own
 * history, so a replay builds the very same entry.
 */
export function onPickedUp(order: PickedUpOrder): LedgerEntry[] {
  const pickedUp = order.history.filter((h) => h.status === 'picked_up');
  if (pickedUp.length === 0) throw new Error(`order ${order._id} has not been picked up`);
  // The first pickup counts: a later status hop back and forth must not postpone settlement.
  const at = pickedUp.reduce((first, h) => (h.at < first ? h.at : first), pickedUp[0].at);
  return [
    ledgerEntry(ledgerKey.confirm(order._id), {
      leaderId: order.leaderId,
      orderId: order._id,
      kind: 'confirm',
      amountFen: 0,
      at,
    }),
  ];
}
