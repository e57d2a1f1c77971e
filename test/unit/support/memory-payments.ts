import type { PaymentRecord } from '../../../cloudfunctions/core/domain/pay-records';
import type { PayDeps } from '../../../cloudfunctions/core/usecases/pay/deps';
import { MemoryStore } from './memory-store';

type Payments = PayDeps['payments'];

export class MemoryPayments extends MemoryStore<PaymentRecord> implements Payments {
  async paymentOf(orderNo: string): Promise<PaymentRecord | undefined> {
    return this.get(orderNo);
  }

  async insertPayment(record: PaymentRecord): Promise<boolean> {
    return this.insert(record);
  }
}
