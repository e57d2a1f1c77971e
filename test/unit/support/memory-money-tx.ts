import type { Order } from '../../../typings/models';
import type { PaymentRecord, RefundRecord } from '../../../cloudfunctions/core/domain/pay-records';
import type { MoneyTx } from '../../../cloudfunctions/core/repos/money-tx';
import type { PayDeps } from '../../../cloudfunctions/core/usecases/pay/deps';
import type { MemoryStore } from './memory-store';

/**
 * repos/money-tx over the memory stores. Transactions run one at a time (the
 * database's snapshot isolation, without the retries), and a transaction's
 * writes land only when it returns: one that throws changes nothing.
 */
export function memoryMoneyTx(stores: {
  orders: MemoryStore<Order>;
  payments: MemoryStore<PaymentRecord>;
  refunds: MemoryStore<RefundRecord>;
}): PayDeps['inMoneyTx'] {
  let queue: Promise<unknown> = Promise.resolve();
  const runOnce = async <T>(run: (tx: MoneyTx) => Promise<T>): Promise<T> => {
    const pending = new Map<MemoryStore<any>, Map<string, any>>();
    const read = <D extends { _id: string }>(store: MemoryStore<D>, id: string): D | null => {
      const written = pending.get(store)?.get(id);
      return written ? structuredClone(written) : (store.get(id) ?? null);
    };
    const write = <D extends { _id: string }>(store: MemoryStore<D>, doc: D) => {
      if (!pending.has(store)) pending.set(store, new Map());
      pending.get(store)!.set(doc._id, structuredClone(doc));
    };
    const patch = <D extends { _id: string }>(store: MemoryStore<D>, id: string, change: object) => {
      const doc = read(store, id);
      if (!doc) throw new Error(`document with _id ${id} does not exist`);
      write(store, { ...doc, ...structuredClone(change) });
    };
    const { orders, payments, refunds } = stores;
    const tx: MoneyTx = {
      order: async (id) => read(orders, id),
      payment: async (orderNo) => read(payments, orderNo),
      refund: async (id) => read(refunds, id),
      updateOrder: async (id, change) => patch(orders, id, change),
      putPayment: async (record) => write(payments, record),
      updatePayment: async (orderNo, change) => patch(payments, orderNo, change),
      putRefund: async (record) => write(refunds, record),
      updateRefund: async (id, change) => patch(refunds, id, change),
    };
    const result = await run(tx);
    for (const [store, docs] of pending) for (const doc of docs.values()) store.put(doc);
    return result;
  };
  return <T>(run: (tx: MoneyTx) => Promise<T>): Promise<T> => {
    const turn = queue.then(() => runOnce(run));
    queue = turn.catch(() => undefined);
    return turn;
  };
}
