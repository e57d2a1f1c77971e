import type { OrderStatus } from '../../../typings/models';
import type { RequestPaymentParams } from '../infra/pay-gateway';

/**
 * The payment of one order (collection `payments`, _id = orderNo = WeChat Pay
 * out_trade_no). It also holds the refund reservations so a refund can never be
 * asked for twice while an earlier one is still on its way.
 */
export interface PaymentRecord {
  _id: string;
  orderId: string;
  openid: string;
  totalFee: number;
  /** prepared: params handed out; paid: money received for a live order; voided: received after the order was cancelled (refunded in full). */
  status: 'prepared' | 'paid' | 'voided';
  payment?: RequestPaymentParams;
  prepayId?: string;
  transactionId?: string;
  paidAt?: Date;
  /** Fen and quantities promised to refunds that are pending or done. */
  refundReservedFen: number;
  refundReservedQty: Record<string, number>;
  createdAt: Date;
  updatedAt: Date;
}

export interface RefundLine {
  batchItemId: string;
  qty: number;
  fen: number;
}

/** One WeChat Pay refund (collection `refunds`, _id = out_refund_no). */
export interface RefundRecord {
  _id: string;
  orderId: string;
  orderNo: string;
  openid: string;
  /** lines: part of a live order; void: a payment that arrived after the order was cancelled. */
  kind: 'lines' | 'void';
  lines: RefundLine[];
  refundFee: number;
  totalFee: number;
  reason: string;
  /** requested: written, not yet accepted by WeChat Pay; pending: accepted; success/failed: final. */
  status: 'requested' | 'pending' | 'success' | 'failed';
  refundId?: string;
  /**
   * The platform's own reason (an item's minimum not reached, a 拼团 that failed):
   * when this refund leaves nothing paid on the order, its coupon comes back.
   */
  couponBack?: boolean;
  /** Set when this refund moved the order to refunding: where a refused refund puts it back. */
  statusBefore?: OrderStatus;
  createdAt: Date;
  finishedAt?: Date;
  /** When the scheduler last asked WeChat Pay about it (scheduler/refunds.ts). */
  checkedAt?: Date;
}

/** Orders that hold money the resident has paid and that can still be refunded. */
export const REFUNDABLE_STATUSES: OrderStatus[] = ['paid', 'arrived', 'picked_up', 'refunding'];

export const COLLECTIONS = { payments: 'payments', refunds: 'refunds' } as const;
