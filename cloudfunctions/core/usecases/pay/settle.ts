import type { Order } from '../../../../typings/models';
import { encryptPickupCode, newPickupCode, pickupKey } from '../../domain/pickup-code';
import { pickupCodeSecret } from '../../infra/secrets';
import type { PaymentRecord } from '../../domain/pay-records';
import { duplicateIndex, isDuplicateKey } from '../../infra/db-errors';
import type { MoneyTx } from '../../repos/money-tx';
import { groupMemberPaid } from '../group/settle';
import { refundVoidPayment } from '../refund/void';
import { payDeps, type PayDeps } from './deps';

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
export async function settlePayment(
  orderId: string,
  trade: ConfirmedTrade,
  deps: PayDeps = payDeps,
): Promise<SettleOutcome> {
  const result = await withPickupCodeRetry(() =>
    deps.inMoneyTx(async (tx) => {
      const order = await tx.order(orderId);
      if (!order) return { outcome: 'ignored' as const };
      const at = deps.now();
      if (order.status === 'pending_payment') {
        await markPaid(tx, order, trade, at);
        return { outcome: 'paid' as const, order };
      }
      if (order.status === 'cancelled') {
        await recordPayment(tx, order, trade, 'voided', at);
        return { outcome: 'voided' as const, order };
      }
      return { outcome: order.transactionId ? ('already_paid' as const) : ('ignored' as const), order };
    }),
  );
  // Outside the transaction: the refund calls WeChat Pay, and re-driving it on
  // every duplicate notification is harmless (idempotent on out_refund_no).
  if (result.outcome === 'voided' && result.order) await refundVoidPayment(result.order, trade.totalFee, deps);
  // The leader's pending commission; best effort, the commission timer catches up on a miss.
  if (result.outcome === 'paid') await deps.orderChanged(orderId, deps.now()).catch((err) => console.error(err));
  // 拼团: the opener's payment starts the group's clock, the last seat's fills it; best effort, the timer catches up.
  const groupId = result.order?.groupId;
  if (groupId && result.outcome === 'paid') await groupMemberPaid(groupId, deps.now()).catch((e) => console.error(e));
  return result.outcome;
}

async function markPaid(tx: MoneyTx, order: Order, trade: ConfirmedTrade, at: Date): Promise<void> {
  await tx.updateOrder(order._id, {
    status: 'paid',
    paidFen: trade.totalFee,
    paidAt: at,
    transactionId: trade.transactionId,
    // The code is drawn when the order is created (unique index on pickupKey);
    // an order that came without one gets it now.
    ...(order.pickupKey ? {} : pickupCodeFields(order)),
    history: [...(order.history ?? []), { status: 'paid', at, note: `微信支付 ${trade.transactionId}` }],
  });
  await recordPayment(tx, order, trade, 'paid', at);
}

function pickupCodeFields(order: Order): Pick<Order, 'pickupKey' | 'pickupCodeCipher'> {
  const code = newPickupCode();
  return {
    pickupKey: pickupKey(order.batchId, order.pickupPointId, code),
    pickupCodeCipher: encryptPickupCode(code, pickupCodeSecret()),
  };
}

async function recordPayment(
  tx: MoneyTx,
  order: Order,
  trade: ConfirmedTrade,
  status: 'paid' | 'voided',
  at: Date,
): Promise<void> {
  const existing = await tx.payment(order.orderNo);
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
  await tx.putPayment(record);
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
