import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { payService, requestPayment, type PaymentOutcome } from '../services/pay';
import { uploadPhoto } from '../services/storage';
import { AppError, isRetryable, userMessage } from '../lib/errors';
import { newRequestId } from '../lib/ids';
import type { LoadState } from '../lib/load';
import type { AfterSaleInput, RequestedLineInput } from '../../typings/actions';
import type { OrderListResult, OrderView } from '../../typings/api';
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

/** One page of a tab: one order.list per status, merged newest first. */
async function listPage(tab: OrderTab, page: number): Promise<{ orders: OrderView[]; hasMore: boolean }> {
  const statuses = TAB_STATUSES[tab];
  const results: OrderListResult[] = await Promise.all(
    statuses.length
      ? statuses.map((status) => orderService.list({ status, page, pageSize: PAGE_SIZE }))
      : [orderService.list({ page, pageSize: PAGE_SIZE })],
  );
  const orders = results.flatMap((r) => r.items).sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return { orders, hasMore: results.some((r) => r.hasMore) };
}

export class OrderStore {
  // ---- list (orders tab) ----
  tab: OrderTab = 'all';
  orders: OrderView[] = [];
  page = 0;
  hasMore = false;
  listState: LoadState = 'idle';
  listError = '';
  loadingMore = false;
  moreError = '';

  // ---- one order (detail page) ----
  current: OrderView | null = null;
  detailState: LoadState = 'idle';
  detailError = '';

  // ---- checkout ----
  /** One per checkout attempt: a retried create with it answers the same order instead of a second one. */
  clientRequestId = '';
  created: OrderView | null = null;
  submitting = false;

  private listSeq = 0;

  constructor() {
    makeAutoObservable<OrderStore, 'listSeq'>(this, { listSeq: false });
  }

  async loadList(tab: OrderTab = this.tab): Promise<void> {
    const seq = ++this.listSeq;
    this.tab = tab;
    this.listState = 'loading';
    this.listError = '';
    this.moreError = '';
    try {
      const result = await listPage(tab, 1);
      if (seq !== this.listSeq) return; // a later tab won
      runInAction(() => {
        this.orders = result.orders;
        this.hasMore = result.hasMore;
        this.page = 1;
        this.listState = 'ready';
      });
    } catch (err) {
      if (seq !== this.listSeq) return;
      runInAction(() => {
        this.orders = [];
        this.hasMore = false;
        this.listState = 'error';
        this.listError = userMessage(err);
      });
    }
  }

  async loadMore(): Promise<void> {
    if (this.loadingMore || !this.hasMore || this.listState !== 'ready') return;
    const seq = this.listSeq;
    const tab = this.tab;
    this.loadingMore = true;
    this.moreError = '';
    try {
      const result = await listPage(tab, this.page + 1);
      if (seq !== this.listSeq) return;
      runInAction(() => {
        // An order created meanwhile shifts the pages; never show one twice.
        const seen = new Set(this.orders.map((o) => o._id));
        this.orders = [...this.orders, ...result.orders.filter((o) => !seen.has(o._id))];
        this.hasMore = result.hasMore;
        this.page += 1;
      });
    } catch (err) {
      if (seq !== this.listSeq) return;
      runInAction(() => (this.moreError = userMessage(err)));
    } finally {
      runInAction(() => (this.loadingMore = false));
    }
  }

  async loadDetail(orderId: string): Promise<void> {
    this.detailState = this.current?._id === orderId ? 'ready' : 'loading';
    this.detailError = '';
    if (this.current?._id !== orderId) this.current = null;
    try {
      const order = await orderService.detail(orderId);
      runInAction(() => {
        this.current = order;
        this.detailState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.detailState = 'error';
        this.detailError = userMessage(err);
      });
    }
  }

  /** Puts a newer copy of an order wherever it is shown. */
  private replace(order: OrderView): void {
    if (this.current?._id === order._id) this.current = order;
    const index = this.orders.findIndex((o) => o._id === order._id);
    if (index >= 0) this.orders[index] = order;
  }

  /** Answers '' on success, else the message to show. */
  async cancel(orderId: string): Promise<string> {
    try {
      const { order } = await orderService.cancel(orderId);
      runInAction(() => this.replace(order));
      return '';
    } catch (err) {
      return userMessage(err);
    }
  }

  beginCheckout(): void {
    this.clientRequestId = newRequestId();
    this.created = null;
    this.submitting = false;
  }

  /**
   * Creates the order once per attempt. A retry after a network failure reuses the
   * clientRequestId, so the server answers the order it may already have made; a definite
   * refusal (sold out, limit) starts a new attempt because the cart will change.
   */
  async createOrder(input: {
    batchId: string;
    pickupPointId?: string;
    lines: RequestedLineInput[];
  }): Promise<OrderView> {
    if (this.created) return this.created;
    if (!this.clientRequestId) this.clientRequestId = newRequestId();
    this.submitting = true;
    try {
      const order = await orderService.create({ clientRequestId: this.clientRequestId, ...input });
      runInAction(() => (this.created = order));
      return order;
    } catch (err) {
      if (!isRetryable(err)) runInAction(() => (this.clientRequestId = newRequestId()));
      throw err;
    } finally {
      runInAction(() => (this.submitting = false));
    }
  }

  /** Prepares and runs WeChat Pay for an order, then refreshes the order. */
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

  /** Uploads the photos (cloud mode) then files the request; throws AppError on failure. */
  async submitAfterSale(input: Omit<AfterSaleInput, 'photos'>, photoPaths: string[], uploadEnabled: boolean) {
    const photos: string[] = [];
    if (uploadEnabled) {
      for (const [i, filePath] of photoPaths.entries()) {
        const ext = /\.\w+$/.exec(filePath)?.[0] ?? '.jpg';
        try {
          photos.push(await uploadPhoto(filePath, `after-sale/${input.orderId}/${Date.now()}-${i}${ext}`));
        } catch {
          throw new AppError('NETWORK', 'photo upload failed');
        }
      }
    }
    const result = await orderService.afterSale({ ...input, photos });
    this.loadDetail(input.orderId);
    return result;
  }
}

export const orderStore = new OrderStore();
