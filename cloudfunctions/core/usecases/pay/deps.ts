import { now } from '../../infra/clock';
import * as wxpay from '../../infra/pay-gateway';
import { inMoneyTx } from '../../repos/money-tx';
import * as coupons from '../../repos/coupons';
import * as orders from '../../repos/orders';
import * as payments from '../../repos/payments';
import * as refunds from '../../repos/refunds';
import { orderChanged } from '../order/changed';
import { tellRefund } from '../refund/tell';

/**
 * What the payment and refund use cases reach outside themselves: the money
 * records, WeChat Pay, the clock and the commission hook. They take it as a
 * parameter (these real ones by default), so unit tests run the money rules
 * over in-memory records and a scripted WeChat Pay.
 */
export interface PayDeps {
  orders: Pick<typeof orders, 'orderById' | 'orderByOrderNo'>;
  payments: Pick<typeof payments, 'paymentOf' | 'insertPayment'>;
  refunds: Pick<typeof refunds, 'refundById' | 'insertRefund' | 'markRefundSent'>;
  inMoneyTx: typeof inMoneyTx;
  /** A refund for the platform's reason gives the order's coupon back (order/coupon.ts). */
  coupons: Pick<typeof coupons, 'claimById' | 'giveClaimBack'>;
  wxpay: Pick<typeof wxpay, 'unifiedOrder' | 'queryOrder' | 'closeOrder' | 'refund' | 'queryRefund'>;
  now: () => Date;
  /** Brings the leader's commission and the resident's points up to date with the order (the commission timer catches up on a miss). */
  orderChanged: (orderId: string, at: Date) => Promise<unknown>;
  /** Tells the resident a refund has succeeded (退款通知, once per refund). */
  tellRefund: (outRefundNo: string) => Promise<unknown>;
}

export const payDeps: PayDeps = {
  orders,
  payments,
  refunds,
  inMoneyTx,
  coupons,
  wxpay,
  now,
  orderChanged,
  tellRefund,
};
