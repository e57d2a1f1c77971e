import * as z from 'zod/mini';
import type { RefundResult } from './admin/orders';
import { contract, label } from './define';
import { id, outRefundNo, requestedLines } from './shapes';

/** Exactly what wx.requestPayment takes (cloudfunctions/core/infra/pay-gateway.ts RequestPaymentParams). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

export interface PayPrepareResult {
  orderNo: string;
  totalFen: number;
  payment: PaymentParams;
}

/** pay: payment parameters for the resident; WeChat Pay's notices reach the same function outside the table. */
export const pay = {
  /** The server signs the payment for the order's own total; the client never sends an amount. */
  prepare: contract(() => z.object({ orderId: label(id, '订单') })).answers<PayPrepareResult>(),
  /** Admin only (role checked in the use case): refund lines of a paid order. */
  refund: contract(() =>
    z.object({
      orderId: label(id, '订单'),
      lines: requestedLines(20),
      reason: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(80)), '退款原因'),
      outRefundNo: label(outRefundNo, '退款单号'),
    }),
  ).answers<RefundResult>(),
};
