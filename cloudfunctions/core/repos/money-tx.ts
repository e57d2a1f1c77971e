import type { Order } from '../../../typings/models';
import type { PaymentRecord, RefundRecord } from '../domain/pay-records';
import { inTransaction, txGet, type Tx } from './db';

type Patch<T> = Partial<Omit<T, '_id'>>;

/**
 * An order's money records (the order, its payment, its refunds) read and
 * written in one transaction, so a status check and the writes it allows
 * commit together: a concurrent caller that changed the same documents makes
 * one side start over and find the work done.
 */
export interface MoneyTx {
  order(orderId: string): Promise<Order | null>;
  payment(orderNo: string): Promise<PaymentRecord | null>;
  refund(outRefundNo: string): Promise<RefundRecord | null>;
  updateOrder(orderId: string, patch: Patch<Order>): Promise<void>;
  putPayment(record: PaymentRecord): Promise<void>;
  updatePayment(orderNo: string, patch: Patch<PaymentRecord>): Promise<void>;
  putRefund(record: RefundRecord): Promise<void>;
  updateRefund(outRefundNo: string, patch: Patch<RefundRecord>): Promise<void>;
}

function moneyTx(tx: Tx): MoneyTx {
  const update = async (name: 'orders' | 'payments' | 'refunds', id: string, data: object) => {
    await tx.collection(name).doc(id).update({ data });
  };
  const put = async (name: 'payments' | 'refunds', { _id, ...data }: { _id: string }) => {
    await tx.collection(name).doc(_id).set({ data });
  };
  return {
    order: (id) => txGet<Order>(tx, 'orders', id),
    payment: (orderNo) => txGet<PaymentRecord>(tx, 'payments', orderNo),
    refund: (id) => txGet<RefundRecord>(tx, 'refunds', id),
    updateOrder: (id, patch) => update('orders', id, patch),
    putPayment: (record) => put('payments', record),
    updatePayment: (orderNo, patch) => update('payments', orderNo, patch),
    putRefund: (record) => put('refunds', record),
    updateRefund: (id, patch) => update('refunds', id, patch),
  };
}

export function inMoneyTx<T>(run: (tx: MoneyTx) => Promise<T>): Promise<T> {
  return inTransaction((tx) => run(moneyTx(tx)));
}
