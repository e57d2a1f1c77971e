import type { Order } from '../../../../typings/models';
import { encryptPickupCode, newPickupCode, pickupKey } from '../../domain/pickup-code';
import { pickupCodeSecret } from '../../infra/secrets';
import { COLLECTIONS, type PaymentRecord } from '../../domain/pay-records';
import { now } from '../../infra/clock';
import { duplicateIndex, isDuplicateKey } from '../../infra/db-errors';
import { inTransaction, txGet, withoutId, type Tx } from '../../infra/pay-store';
import { recordOrderCommission } from '../commission/record';
import { refundVoidPayment } from '../refund/void';

/** A payment WeChat Pay itself confirmed (queryOrder), never the notification's word. */
export interface ConfirmedTrade {
  transactionId: string;
  totalFee: number;
}

export type SettleOutcome = 'paid' | 'already_paid' | 'voided' | 'ignored';

/**
 * Records a confirmed payment. The order turns paid EXACTLY ONCE: the status
 * check, the order update and the payment record commit together in a
 * transaction, so a duplicate or concurrent notification finds it already paid
 * (a clash on the pickup-code index retries the transaction with a new code). Money for
 * an order that was cancelled meanwhile (its stock released) is refunded in
 * full and the order stays cancelled.
 */
export async function settlePayment(orderId: string, trade: ConfirmedTrade): Promise<SettleOutcome> {
  const result = await withPickupCodeRetry(() =>
    inTransaction(async (tx) => {
      const order = await txGet<Order>(tx, 'orders', orderId);
      if (!order) return { outcome: 'ignored' as const };
      if (order.status === 'pending_payment') {
        await markPaid(tx, order, trade);
        return { outcome: 'paid' as const, order };
      }
      if (order.status === 'cancelled') {
        await recordPayment(tx, order, trade, 'voided');
        return { outcome: 'voided' as const, order };
      }
      return { outcome: order.transactionId ? ('already_paid' as const) : ('ignored' as const), order };
    }),
  );
  // Outside the transaction: the refund calls WeChat Pay, and re-driving it on
  // every duplicate notification is harmless (idempotent on out_refund_no).
  if (result.outcome === 'voided' && result.order) await refundVoidPayment(result.order, trade.totalFee);
  // The leader's pending commission; best effort, the commission timer catches up on a miss.
  if (result.outcome === 'paid') await recordOrderCommission(orderId, now()).catch((err) => console.error(err));
  return result.outcome;
}

async function markPaid(tx: Tx, order: Order, trade: ConfirmedTrade): Promise<void> {
  const at = now();
  await tx
    .collection('orders')
    .doc(order._id)
    .update({
      data: {
        status: 'paid',
        paidFen: trade.totalFee,
        paidAt: at,
        transactionId: trade.transactionId,
        // The code is drawn when the order is created (unique index on pickupKey);
        // an order that came without one gets it now.
        ...(order.pickupKey ? {} : pickupCodeFields(order)),
        history: [...(order.history ?? []), { status: 'paid', at, note: `微信支付 ${trade.transactionId}` }],
      },
    });
  await recordPayment(tx, order, trade, 'paid');
}

function pickupCodeFields(order: Order): Pick<Order, 'pickupKey' | 'pickupCodeCipher'> {
  const code = newPickupCode();
  return {
    pickupKey: pickupKey(order.batchId, order.pickupPointId, code),
    pickupCodeCipher: encryptPickupCode(code, pickupCodeSecret()),
  };
}

async function recordPayment(tx: Tx, order: Order, trade: ConfirmedTrade, status: 'paid' | 'voided'): Promise<void> {
  const at = now();
  const existing = await txGet<PaymentRecord>(tx, COLLECTIONS.payments, order.orderNo);
  const record: PaymentRecord = {
    refundReservedFen: 0,
    refundReservedQty: {},
    createdAt: at,
    ...(existing ?? {}),
    _id: order.orderNo,
    orderId: order._id,
    openid: order.openid,
    totalFee: trade.totalFee,
    status,
    transactionId: trade.transactionId,
    paidAt: existing?.paidAt ?? at,
    updatedAt: at,
  };
  await tx
    .collection(COLLECTIONS.payments)
    .doc(order.orderNo)
    .set({ data: withoutId(record) });
}

/** A freshly drawn pickup code may clash with another order's (1 in 10^6): draw again. */
async function withPickupCodeRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= 3 || !isDuplicateKey(err) || duplicateIndex(err) === '_id_') throw err;
    }
  }
}
