import type { PaymentRecord } from '../domain/pay-records';
import { cmd, collection, txGet, type Tx } from './db';

const payments = () => collection('payments');

/** The payment of an order, by its out_trade_no (the order number). */
export const paymentOf = (orderNo: string) => payments().byId(orderNo);

/** Writes a first payment record; false when one for this order number exists already. */
export const insertPayment = (record: PaymentRecord): Promise<boolean> => payments().insertOnce(record);

/** Which of these orders asked for payment parameters (only those have a WeChat Pay trade). */
export async function preparedOrderNos(orderNos: string[]): Promise<Set<string>> {
  if (!orderNos.length) return new Set();
  const found = await payments().find({ _id: cmd.in(orderNos) }, { limit: orderNos.length, fields: { _id: true } });
  return new Set(found.map((p) => p._id));
}

/**
 * Units promised to refunds still on their way, per order (by orderNo) and item:
 * what the payment records reserve. Orders without a payment record have none.
 */
export async function refundReservations(orderNos: string[]): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  for (let i = 0; i < orderNos.length; i += 500) {
    const found = await collection('payments').find(
      { _id: cmd.in(orderNos.slice(i, i + 500)) },
      { limit: 1000, fields: { _id: true, refundReservedQty: true } },
    );
    for (const p of found) out.set(p._id, p.refundReservedQty ?? {});
  }
  return out;
}

/** The units an order's refunds in flight have reserved, inside a transaction. */
export async function refundReservationIn(tx: Tx, orderNo: string): Promise<Record<string, number>> {
  return (await txGet<PaymentRecord>(tx, 'payments', orderNo))?.refundReservedQty ?? {};
}

export async function refundReservationOf(orderNo: string): Promise<Record<string, number>> {
  return (await collection('payments').byId(orderNo))?.refundReservedQty ?? {};
}
