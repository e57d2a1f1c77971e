import type { RefundRecord } from '../../../cloudfunctions/core/domain/pay-records';
import type { PayDeps } from '../../../cloudfunctions/core/usecases/pay/deps';
import { MemoryStore } from './memory-store';

type RefundRecords = PayDeps['refunds'];

export class MemoryRefundRecords extends MemoryStore<RefundRecord> implements RefundRecords {
  async refundById(outRefundNo: string): Promise<RefundRecord | undefined> {
    return this.get(outRefundNo);
  }

  async insertRefund(record: RefundRecord): Promise<boolean> {
    return this.insert(record);
  }

  async markRefundSent(outRefundNo: string, refundId: string | undefined): Promise<boolean> {
    return this.update(
      outRefundNo,
      (r) => r.status === 'requested',
      (r) => Object.assign(r, { status: 'pending', refundId }),
    );
  }
}
