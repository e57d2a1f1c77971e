import { callFunction } from '../lib/transport';
import type { PaymentParams } from '../../typings/contracts/pay';

export const payService = {
  /** The server signs the payment for the order's own total; the client never sends an amount. */
  prepare: (orderId: string) => callFunction('pay', 'prepare', { orderId }),
};

export type PaymentOutcome = 'paid' | 'cancelled' | 'failed';

/** Runs WeChat Pay's sheet; the user closing it is 'cancelled', not an error. */
export function requestPayment(params: PaymentParams): Promise<PaymentOutcome> {
  return new Promise((resolve) => {
    wx.requestPayment({
      ...params,
      signType: params.signType as WechatMiniprogram.RequestPaymentOption['signType'],
      success: () => resolve('paid'),
      fail: (err: { errMsg?: string }) => resolve(/cancel/.test(err?.errMsg ?? '') ? 'cancelled' : 'failed'),
    });
  });
}
