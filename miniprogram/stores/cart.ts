import { makeAutoObservable, reaction, toJS } from 'mobx-miniprogram';
import { catalogService } from '../services/catalog';
import { formatFen } from '../lib/money';
import { msUntil } from '../lib/time';
import { Load } from './load-state';
import { track } from '../lib/track';
import type { BatchItemView, BatchView } from '../../typings/api';

export interface CartLine {
  batchItemId: string;
  /** Missing only on lines stored by the first slice, which cannot be ordered any more. */
  batchId?: string;
  title: string;
  image?: string;
  priceFen: number;
  qty: number;
}

/** What re-validation found about one line; blocked lines are left out of checkout. */
export interface LineCheck {
  blocked: boolean;
  note: string;
}

const STORAGE_KEY = 'cart';

function isCartLine(value: unknown): value is CartLine {
  const line = value as CartLine;
  return (
    typeof line === 'object' &&
    line !== null &&
    typeof line.batchItemId === 'string' &&
    (line.batchId === undefined || typeof line.batchId === 'string') &&
    typeof line.title === 'string' &&
    Number.isSafeInteger(line.priceFen) &&
    Number.isSafeInteger(line.qty) &&
    line.qty > 0
  );
}

/** Lines in storage may come from an older app version, so keep only well-formed ones. */
function loadLines(): CartLine[] {
  const stored: unknown = wx.getStorageSync(STORAGE_KEY);
  return Array.isArray(stored) ? stored.filter(isCartLine) : [];
}

const OK: LineCheck = { blocked: false, note: '' };

/** Why a quantity of an item cannot be bought now, or '' when it can. */
export function purchaseProblem(item: BatchItemView, batch: BatchView | undefined, qty: number): string {
  if (batch && batch.phase === 'upcoming') return '尚未开团';
  if (batch && (batch.phase !== 'open' || msUntil(batch.cutoffAt) === 0)) return '本期已截单';
  if (item.soldOut || item.stock <= 0) return '已售罄';
  if (qty > item.stock) return `库存仅剩${item.stock}件`;
  if (item.remainingLimit !== null && item.remainingLimit !== undefined) {
    if (item.remainingLimit <= 0) return `限购${item.limitPerUser}件，您已买满`;
    if (qty > item.remainingLimit) return `限购${item.limitPerUser}件，您还可买${item.remainingLimit}件`;
  }
  return '';
}

export class CartStore {
  lines: CartLine[] = loadLines();

  /** The latest server view of the items and batches in the cart (not persisted: it goes stale). */
  latestItems: Record<string, BatchItemView> = {};
  latestBatches: Record<string, BatchView> = {};
  /** Old prices of lines whose price changed at the last re-validation. */
  priceChangedFrom: Record<string, number> = {};
  /** The re-validation against the server (the lines themselves are local, so never "empty"). */
  readonly checkLoad = new Load(() => false);

  constructor() {
    // Plain functions, not actions: actions read untracked, which would freeze the computeds using them.
    makeAutoObservable<CartStore, 'checkLine'>(this, { checkLine: false, qtyOf: false, checkLoad: false });
    // Persist after every change, whichever action made it.
    reaction(
      () => toJS(this.lines),
      (lines) => wx.setStorageSync(STORAGE_KEY, lines),
    );
  }

  get totalFen(): number {
    return this.lines.reduce((sum, line) => sum + line.priceFen * line.qty, 0);
  }

  get count(): number {
    return this.lines.reduce((sum, line) => sum + line.qty, 0);
  }

  /** Per line, against the latest items; a line not checked yet is assumed fine (the server checks again). */
  get checks(): Record<string, LineCheck> {
    const checks: Record<string, LineCheck> = {};
    for (const line of this.lines) {
      checks[line.batchItemId] = this.checkLine(line);
    }
    return checks;
  }

  private checkLine(line: CartLine): LineCheck {
    if (!line.batchId) return { blocked: true, note: '商品信息已过期，请删除后重新加购' };
    const batch = this.latestBatches[line.batchId];
    if (!batch) return OK;
    const item = this.latestItems[line.batchItemId];
    if (!item) return { blocked: true, note: '商品已下架' };
    const problem = purchaseProblem(item, batch, line.qty);
    if (problem) return { blocked: true, note: problem };
    const oldPrice = this.priceChangedFrom[line.batchItemId];
    if (oldPrice !== undefined && oldPrice !== line.priceFen)
      return { blocked: false, note: `价格已调整：${formatFen(oldPrice)} → ${formatFen(line.priceFen)}` };
    return OK;
  }

  get buyableLines(): CartLine[] {
    const checks = this.checks;
    return this.lines.filter((line) => !checks[line.batchItemId].blocked);
  }

  get buyableTotalFen(): number {
    return this.buyableLines.reduce((sum, line) => sum + line.priceFen * line.qty, 0);
  }

  get buyableCount(): number {
    return this.buyableLines.reduce((sum, line) => sum + line.qty, 0);
  }

  qtyOf(batchItemId: string): number {
    return this.lines.find((l) => l.batchItemId === batchItemId)?.qty ?? 0;
  }

  add(item: Omit<CartLine, 'qty'>, qty = 1): void {
    const line = this.lines.find((l) => l.batchItemId === item.batchItemId);
    if (line) line.qty += qty;
    else this.lines.push({ ...item, qty });
  }

  /** 加入购物车: one unit of a catalog item, unless that breaks stock or the limit (then it says why). */
  addFromCatalog(item: BatchItemView, batch?: BatchView): void {
    const problem = purchaseProblem(item, batch, this.qtyOf(item._id) + 1);
    if (problem) return void wx.showToast({ title: problem, icon: 'none' });
    this.latestItems[item._id] = item;
    if (batch) this.latestBatches[batch._id] = batch;
    this.add({
      batchItemId: item._id,
      batchId: item.batchId,
      title: item.title,
      image: item.image,
      priceFen: item.priceFen,
    });
    track('cart', { batchId: item.batchId, batchItemId: item._id });
    wx.showToast({ title: '已加入购物车', icon: 'success' });
  }

  /** 去结算: to checkout when something in the cart can be bought. */
  goCheckout(): void {
    if (!this.buyableCount) return void wx.showToast({ title: '没有可购买的商品', icon: 'none' });
    wx.navigateTo({ url: '/packages/order/checkout/index' });
  }

  /** Setting 0 (the stepper's minus at 1) removes the line, as shoppers expect. */
  setQty(batchItemId: string, qty: number): void {
    if (qty <= 0) return this.remove(batchItemId);
    const line = this.lines.find((l) => l.batchItemId === batchItemId);
    if (line) line.qty = Math.floor(qty);
  }

  remove(batchItemId: string): void {
    this.lines = this.lines.filter((l) => l.batchItemId !== batchItemId);
  }

  /** After an order: the ordered lines leave the cart, anything else stays. */
  removeOrdered(batchItemIds: string[]): void {
    const ordered = new Set(batchItemIds);
    this.lines = this.lines.filter((l) => !ordered.has(l.batchItemId));
  }

  clear(): void {
    this.lines = [];
    this.latestItems = {};
    this.latestBatches = {};
    this.priceChangedFrom = {};
    this.checkLoad.reset();
  }

  /** Re-reads every batch in the cart and takes over the latest prices; flags lines that cannot be bought. */
  async revalidate(): Promise<void> {
    const batchIds = [...new Set(this.lines.map((l) => l.batchId).filter((id): id is string => !!id))];
    await this.checkLoad.run(
      () => Promise.all(batchIds.map((id) => catalogService.items(id))),
      (results) => {
        for (const { batch, items } of results) this.applyLatest(batch, items);
      },
    );
  }

  private applyLatest(batch: BatchView, items: BatchItemView[]): void {
    this.latestBatches[batch._id] = batch;
    for (const id of Object.keys(this.latestItems)) {
      if (this.latestItems[id].batchId === batch._id) delete this.latestItems[id];
    }
    for (const item of items) this.latestItems[item._id] = item;
    for (const line of this.lines.filter((l) => l.batchId === batch._id)) {
      const item = this.latestItems[line.batchItemId];
      if (!item) continue;
      if (item.priceFen !== line.priceFen) {
        this.priceChangedFrom[line.batchItemId] = this.priceChangedFrom[line.batchItemId] ?? line.priceFen;
        line.priceFen = item.priceFen;
      }
      line.title = item.title;
    }
  }
}

export const cartStore = new CartStore();
