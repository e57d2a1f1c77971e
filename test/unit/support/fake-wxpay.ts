import { PayRejected, type RefundState, type TradeState } from '../../../cloudfunctions/core/infra/pay-gateway';
import type { PayDeps } from '../../../cloudfunctions/core/usecases/pay/deps';

type WxPay = PayDeps['wxpay'];

interface Trade extends TradeState {
  outTradeNo: string;
}

interface Refund {
  outTradeNo: string;
  refundFee: number;
  status: 'PROCESSING' | 'SUCCESS' | 'REFUNDCLOSE';
}

/**
 * WeChat Pay as the use cases see it (infra/pay-gateway), scripted by the test:
 * a resident pays (`pay`), refunds finish or close when the test says so. Like
 * WeChat Pay it treats a repeated out_refund_no as the same refund and refuses
 * refunds that would add up to more than the trade's amount.
 */
export class FakeWxPay implements WxPay {
  readonly trades = new Map<string, Trade>();
  readonly refunds = new Map<string, Refund>();
  unifiedOrderCalls = 0;
  refundCalls = 0;
  /** The next refund call is refused with this reason (then this clears). */
  rejectNextRefund?: string;

  async unifiedOrder(o: { body: string; outTradeNo: string; totalFee: number; timeExpire?: string }) {
    this.unifiedOrderCalls++;
    if (!this.trades.has(o.outTradeNo)) {
      this.trades.set(o.outTradeNo, { outTradeNo: o.outTradeNo, tradeState: 'NOTPAY', totalFee: o.totalFee });
    }
    const payment = {
      timeStamp: '1',
      nonceStr: 'n',
      package: `prepay_id=wx${o.outTradeNo}`,
      signType: 'MD5',
      paySign: 's',
    };
    return { payment, prepayId: `wx${o.outTradeNo}` };
  }

  async queryOrder(outTradeNo: string): Promise<TradeState> {
    const trade = this.trades.get(outTradeNo);
    if (!trade) return { tradeState: 'ORDERNOTEXIST', totalFee: 0 };
    const { outTradeNo: _no, ...state } = trade;
    return state;
  }

  async closeOrder(outTradeNo: string): Promise<boolean> {
    const trade = this.trades.get(outTradeNo);
    if (trade?.tradeState === 'SUCCESS' || trade?.tradeState === 'REFUND') return false;
    if (trade) trade.tradeState = 'CLOSED';
    return true;
  }

  async refund(o: { outTradeNo: string; outRefundNo: string; totalFee: number; refundFee: number }) {
    this.refundCalls++;
    if (this.rejectNextRefund) {
      const reason = this.rejectNextRefund;
      this.rejectNextRefund = undefined;
      throw new PayRejected(`refund: ${reason}`);
    }
    if (this.refunds.has(o.outRefundNo)) return { refundId: `r-${o.outRefundNo}` };
    const trade = this.trades.get(o.outTradeNo);
    if (!trade?.transactionId) throw new PayRejected('refund: 订单未支付');
    if (o.totalFee !== trade.totalFee) throw new PayRejected('refund: 订单金额不符');
    if (this.refundedFen(o.outTradeNo) + o.refundFee > trade.totalFee)
      throw new PayRejected('refund: 退款金额超过订单金额');
    this.refunds.set(o.outRefundNo, { outTradeNo: o.outTradeNo, refundFee: o.refundFee, status: 'PROCESSING' });
    trade.tradeState = 'REFUND';
    return { refundId: `r-${o.outRefundNo}` };
  }

  async queryRefund(outRefundNo: string): Promise<RefundState> {
    const r = this.refunds.get(outRefundNo);
    return r ? { refundStatus: r.status, refundFee: r.refundFee } : { refundStatus: 'NOTFOUND', refundFee: 0 };
  }

  /** The resident pays the trade (in full unless told otherwise). */
  pay(outTradeNo: string, totalFee?: number): void {
    const trade = this.trades.get(outTradeNo);
    if (!trade) throw new Error(`no trade ${outTradeNo}`);
    Object.assign(trade, {
      tradeState: 'SUCCESS',
      totalFee: totalFee ?? trade.totalFee,
      transactionId: `tx-${outTradeNo}`,
    });
  }

  /** WeChat Pay finishes (SUCCESS) or closes a refund it accepted. */
  finishRefund(outRefundNo: string, status: 'SUCCESS' | 'REFUNDCLOSE' = 'SUCCESS'): void {
    const r = this.refunds.get(outRefundNo);
    if (!r) throw new Error(`no refund ${outRefundNo}`);
    r.status = status;
  }

  /** Money WeChat Pay has accepted to give back on a trade (closed refunds excluded). */
  refundedFen(outTradeNo: string): number {
    let sum = 0;
    for (const r of this.refunds.values())
      if (r.outTradeNo === outTradeNo && r.status !== 'REFUNDCLOSE') sum += r.refundFee;
    return sum;
  }
}
