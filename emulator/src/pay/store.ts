import fs from 'node:fs';
import path from 'node:path';
import type { PayNotice, PayOrder, PayRefund } from './types';

const orderKey = (env: string, subMchId: string, outTradeNo: string) => `${env}\n${subMchId}\n${outTradeNo}`;
const refundKey = (env: string, subMchId: string, outRefundNo: string) => `${env}\n${subMchId}\n${outRefundNo}`;

/** What the emulated WeChat Pay remembers: orders, refunds and notices, per env; persisted as one JSON file. */
export class PayStore {
  private orders = new Map<string, PayOrder>();
  private refunds = new Map<string, PayRefund>();
  private noticeList = new Map<string, PayNotice>();

  /** An order by its key: out_trade_no is unique per sub-merchant. */
  order(env: string, subMchId: string, outTradeNo: string): PayOrder | undefined {
    return this.orders.get(orderKey(env, subMchId, outTradeNo));
  }

  addOrder(order: PayOrder): void {
    this.orders.set(orderKey(order.env, order.subMchId, order.outTradeNo), order);
  }

  /** By transaction_id, prepay_id or out_trade_no (in that order of precedence), optionally of one sub-merchant. */
  findOrder(
    env: string,
    q: { subMchId?: string; outTradeNo?: string; transactionId?: string; prepayId?: string },
  ): PayOrder | undefined {
    for (const o of this.orders.values()) {
      if (o.env !== env) continue;
      if (q.subMchId && o.subMchId !== q.subMchId) continue;
      if (q.transactionId) {
        if (o.transactionId === q.transactionId) return o;
        continue;
      }
      if (q.prepayId) {
        if (o.prepayId === q.prepayId) return o;
        continue;
      }
      if (q.outTradeNo && o.outTradeNo === String(q.outTradeNo)) return o;
    }
    return undefined;
  }

  /** A refund by its key: out_refund_no is unique per sub-merchant. */
  refund(env: string, subMchId: string, outRefundNo: string): PayRefund | undefined {
    return this.refunds.get(refundKey(env, subMchId, outRefundNo));
  }

  addRefund(refund: PayRefund): void {
    this.refunds.set(refundKey(refund.env, refund.subMchId, refund.outRefundNo), refund);
  }

  notice(id: string): PayNotice | undefined {
    return this.noticeList.get(id);
  }

  addNotice(notice: PayNotice): void {
    this.noticeList.set(notice.id, notice);
  }

  listOrders(env: string): PayOrder[] {
    return [...this.orders.values()].filter((o) => o.env === env);
  }

  /** The env's refunds (every env's without one). */
  listRefunds(env?: string): PayRefund[] {
    return [...this.refunds.values()].filter((r) => env === undefined || r.env === env);
  }

  listNotices(env: string): PayNotice[] {
    return [...this.noticeList.values()].filter((n) => n.env === env);
  }

  clear(): void {
    this.orders.clear();
    this.refunds.clear();
    this.noticeList.clear();
  }

  save(file: string): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      JSON.stringify({
        orders: [...this.orders.values()],
        refunds: [...this.refunds.values()],
        notices: [...this.noticeList.values()],
      }),
    );
  }

  load(file: string): void {
    if (!fs.existsSync(file)) return;
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8'));
      for (const o of data.orders ?? []) this.addOrder(o);
      for (const r of data.refunds ?? []) this.addRefund(r);
      for (const n of data.notices ?? []) this.addNotice(n);
    } catch {
      // A damaged snapshot starts empty.
    }
  }
}
