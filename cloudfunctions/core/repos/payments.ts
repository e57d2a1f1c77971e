import type { PaymentRecord } from '../domain/pay-records';
import { cmd, collection } from './db';

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
