import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { payService, requestPayment, type PaymentOutcome } from '../services/pay';
import { uploadPhotos } from '../services/storage';
import { reviewStore } from './review';
import { Load, PagedLoad, type Page } from './load-state';
import type { RequestedLineInput } from '../../typings/contracts/order';
import type { MyAfterSaleView, OrderListResult, OrderView } from '../../typings/api';
import type { OrderStatus } from '../../typings/models';

export type OrderTab = 'all' | 'pending_payment' | 'to_pickup' | 'done' | 'after_sale';

export const ORDER_TABS: { name: OrderTab; title: string }[] = [
  { name: 'all', title: '全部' },
  { name: 'pending_payment', title: '待付款' },
  { name: 'to_pickup', title: '待取货' },
  { name: 'done', title: '已完成' },
  { name: 'after_sale', title: '售后' },
];

/**
 * The statuses each tab shows. order.list filters by one status, so a tab with two
 * asks for each and merges the pages; [] = no filter.
 */
const TAB_STATUSES: Record<OrderTab, OrderStatus[]> = {
  all: [],
  pending_payment: ['pending_payment'],
  to_pickup: ['paid', 'arrived'],
  done: ['picked_up'],
  after_sale: ['refunding', 'refunded'],
};

export const PAGE_SIZE = 10;

/** Statuses an order can have after-sale requests in. */
const AFTER_SALE_SEEN: OrderStatus[] = ['arrived', 'picked_up', 'refunding', 'refunded'];

/** One page of a tab: one order.list per status, merged newest first. */
async function listPage(tab: OrderTab, page: number): Promise<Page<OrderView>> {
  const statuses = TAB_STATUSES[tab];
  const results: OrderListResult[] = await Promise.all(
    statuses.length
      ? statuses.map((status) => orderService.list({ status, page, pageSize: PAGE_SIZE }))
      : [orderService.list({ page, pageSize: PAGE_SIZE })],
  );
  const items = results.flatMap((r) => r.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { items, hasMore: results.some((r) => r.hasMore) };
}

/** What the after-sale form asks for; `reason` is '' until one is picked. */
export interface AfterSaleForm {
  orderId: string;
  /** batchItemId → units asked for. */
  qty: Record<string, number>;
  reason: string;
  description: string;
  photoPaths: string[];
  uploadEnabled: boolean;
}

export class OrderStore {
  // ---- list (orders tab) ----
  tab: OrderTab = 'all';
  orders: OrderView[] = [];
  readonly list = new PagedLoad<OrderView>(
    (page) => listPage(this.tab, page),
    (rows, start) => {
      if (start === 0) return void (this.orders = rows);
      // An order created meanwhile shifts the pages; never show one twice.
      const seen = new Set(this.orders.map((o) => o._id));
      this.orders = [...this.orders, ...rows.filter((o) => !seen.has(o._id))];
    },
  );

  // ---- one order (detail page) ----
  current: OrderView | null = null;
  readonly detailLoad = new Load(() => !this.current);
  /** The current order's after-sale requests (shown once the goods have arrived). */
  afterSales: MyAfterSaleView[] = [];
  readonly afterSalesLoad = new Load(() => this.afterSales.length === 0);
  /** Paying or cancelling the current order. */
  readonly actionLoad = new Load(() => false);
  /** Filing an after-sale request. */
  readonly afterSaleLoad = new Load(() => false);

  constructor() {
    makeAutoObservable(this, {
      list: false,
      detailLoad: false,
      actionLoad: false,
      afterSaleLoad: false,
      afterSalesLoad: false,
    });
  }

  /** From the me page: the orders tab cannot take a query, so it opens on this tab. */
  showTab(tab: OrderTab): void {
    this.tab = tab;
    wx.switchTab({ url: '/pages/orders/index' });
  }

  async loadList(tab: OrderTab = this.tab): Promise<void> {
    this.tab = tab;
    await this.list.reload();
  }

  async loadMore(): Promise<void> {
    await this.list.loadMore();
  }

  async loadDetail(orderId: string): Promise<void> {
    if (this.current?._id !== orderId) {
      this.current = null;
      this.afterSales = [];
    }
    const order = await this.detailLoad.run(
      () => orderService.detail(orderId),
      (order) => (this.current = order),
    );
    // Requests exist only for goods that arrived; their failure only hides the section.
    if (order && AFTER_SALE_SEEN.includes(order.status)) {
      await this.afterSalesLoad.run(
        () => orderService.afterSales(orderId),
        (list) => (this.afterSales = list),
      );
    }
    // 评价 exists only once the goods were picked up.
    if (order?.status === 'picked_up') await reviewStore.loadFor(orderId);
  }

  /** Puts a newer copy of an order wherever it is shown. */
  private replace(order: OrderView): void {
    if (this.current?._id === order._id) this.current = order;
    const index = this.orders.findIndex((o) => o._id === order._id);
    if (index >= 0) this.orders[index] = order;
  }

  /** 取消订单 on the detail page: asks first, then cancels and says how it went. */
  async cancelOrder(orderId: string): Promise<void> {
    if (this.actionLoad.busy) return;
    const paid = this.current?._id === orderId && this.current.status === 'paid';
    const { confirm } = await wx.showModal({
      title: '取消订单',
      content: paid ? '截单前取消，货款将原路全额退回。确定取消吗？' : '确定取消这个订单吗？',
      confirmText: '取消订单',
      cancelText: '再想想',
    });
    if (!confirm) return;
    const result = await this.actionLoad.run(
      () => orderService.cancel(orderId),
      ({ order }) => this.replace(order),
    );
    const done = paid ? '已取消，货款原路退回' : '订单已取消';
    wx.showToast(result ? { title: done, icon: 'success' } : { title: this.actionLoad.error, icon: 'none' });
  }

  /** 去支付 on the detail page: runs WeChat Pay and says how it went. */
  async payOrder(orderId: string): Promise<void> {
    if (this.actionLoad.busy) return;
    const outcome = await this.actionLoad.run(() => this.pay(orderId));
    if (outcome === 'paid') wx.showToast({ title: '支付成功', icon: 'success' });
    else if (outcome === 'cancelled') wx.showToast({ title: '已取消支付', icon: 'none' });
    else if (outcome === 'failed') wx.showToast({ title: '支付失败，请重试', icon: 'none' });
    else wx.showToast({ title: this.actionLoad.error, icon: 'none' });
  }

  /** Prepares and runs WeChat Pay for an order, then refreshes the order; throws when it cannot be prepared. */
  async pay(orderId: string): Promise<PaymentOutcome> {
    const { payment } = await payService.prepare(orderId);
    const outcome = await requestPayment(payment);
    if (outcome === 'paid') {
      try {
        const order = await orderService.detail(orderId);
        runInAction(() => this.replace(order));
      } catch {
        // Paid is paid; the detail page reloads on show anyway.
      }
    }
    return outcome;
  }

  /** The after-sale page opens: a fresh form for this order (loaded unless it is the one shown). */
  openAfterSale(orderId: string): void {
    this.afterSaleLoad.reset();
    if (this.current?._id !== orderId) void this.loadDetail(orderId);
  }

  /**
   * Checks the form, uploads the photos (cloud mode) and files the request; then says so
   * and goes back to the order, which reloads. A failure shows on the form.
   */
  async submitAfterSale(form: AfterSaleForm): Promise<void> {
    if (this.afterSaleLoad.busy) return;
    const lines: RequestedLineInput[] = Object.entries(form.qty)
      .filter(([, qty]) => qty > 0)
      .map(([batchItemId, qty]) => ({ batchItemId, qty }));
    if (!lines.length) return void wx.showToast({ title: '请选择售后商品和数量', icon: 'none' });
    if (!form.reason) return void wx.showToast({ title: '请选择售后原因', icon: 'none' });
    const result = await this.afterSaleLoad.run(async () => {
      const photos = form.uploadEnabled ? await uploadPhotos(`after-sale/${form.orderId}`, form.photoPaths) : [];
      return orderService.afterSale({
        orderId: form.orderId,
        lines,
        reason: form.reason,
        description: form.description.trim(),
        photos,
      });
    });
    if (!result) return;
    void this.loadDetail(form.orderId);
    wx.showToast({ title: '售后申请已提交', icon: 'success' });
    wx.navigateBack();
  }
}

export const orderStore = new OrderStore();
