import { makeAutoObservable } from 'mobx-miniprogram';
import { catalogService } from '../services/catalog';
import { msUntil, opensLabel } from '../lib/time';
import { Load } from './load-state';
import { track } from '../lib/track';
import type { BatchItemView, BatchView, CategoryTab, ItemDetail } from '../../typings/api';

/** Cards rendered at a time on home: a 50-item batch would be ~1100 WXML nodes at once. */
export const HOME_PAGE_SIZE = 20;
/** The search box's limit; longer text matches no title anyway. */
export const KEYWORD_MAX = 20;

export class CatalogStore {
  batch: BatchView | null = null;
  items: BatchItemView[] = [];
  /** The batch's categories (home's tabs). */
  categories: CategoryTab[] = [];
  /** The tab chosen on home; '' = 全部. */
  categoryId = '';
  /** What the resident searched for on home, trimmed; '' = no search. */
  keyword = '';
  /** How many of `items` the home page renders; grows as the resident scrolls. */
  shown = HOME_PAGE_SIZE;
  /** The current batch and its items (the home page); empty when there is nothing to buy. */
  readonly itemsLoad = new Load(() => this.items.length === 0);
  /** Set when the count-down reaches the cut-off while the page is open. */
  cutoffPassed = false;
  /** Server time minus phone time: count-downs run on the server's clock. */
  clockSkewMs = 0;

  /** 明日预告: the batch that opens next after the current one; null when none is scheduled. */
  upcoming: BatchView | null = null;
  /** Its items, loaded when the resident opens 明日预告 (not before: home's first screen stays light). */
  previewItems: BatchItemView[] = [];
  readonly previewLoad = new Load(() => this.previewItems.length === 0);
  /** Home lists 明日预告 instead of the current batch. */
  showingPreview = false;

  detail: ItemDetail | null = null;
  readonly detailLoad = new Load(() => !this.detail);

  constructor() {
    makeAutoObservable(this, {
      itemsLoad: false,
      previewLoad: false,
      detailLoad: false,
      msToCutoff: false,
      opensText: false,
      itemById: false,
    });
  }

  /** Open for orders right now, as far as the client can tell (the server decides at create). */
  get isOpen(): boolean {
    return !!this.batch && this.batch.phase === 'open' && !this.cutoffPassed;
  }

  msToCutoff(now = Date.now()): number {
    return this.batch ? msUntil(this.batch.cutoffAt, now + this.clockSkewMs) : 0;
  }

  /** 明天 08:00 开抢: when a batch opens, on the server's clock. */
  opensText(batch: BatchView, now = Date.now()): string {
    return opensLabel(batch.opensAt, now + this.clockSkewMs);
  }

  /**
   * The items under the chosen tab that match the search. The whole batch is
   * already loaded (a day's batch is tens of items), so filtering here costs no
   * call and the page still renders only HOME_PAGE_SIZE cards at a time.
   */
  get filteredItems(): BatchItemView[] {
    const keyword = this.keyword.toLowerCase();
    return this.items.filter(
      (i) =>
        (!this.categoryId || i.categoryId === this.categoryId) && (!keyword || i.title.toLowerCase().includes(keyword)),
    );
  }

  /** Items exist but the tab or search finds none of them. */
  get noMatch(): boolean {
    return this.items.length > 0 && this.filteredItems.length === 0;
  }

  get shownItems(): BatchItemView[] {
    return this.filteredItems.slice(0, this.shown);
  }

  get shownPreview(): BatchItemView[] {
    return this.previewItems.slice(0, this.shown);
  }

  /** More cards of the list home shows (the current batch's, or 明日预告's). */
  get hasMoreItems(): boolean {
    return (this.showingPreview ? this.previewItems.length : this.filteredItems.length) > this.shown;
  }

  chooseCategory(categoryId: string): void {
    this.categoryId = this.categories.some((c) => c._id === categoryId) ? categoryId : '';
    this.shown = HOME_PAGE_SIZE;
  }

  search(keyword: string): void {
    this.keyword = keyword.trim().slice(0, KEYWORD_MAX);
    this.shown = HOME_PAGE_SIZE;
  }

  showMore(): void {
    if (this.hasMoreItems) this.shown += HOME_PAGE_SIZE;
  }

  itemById(batchItemId: string): BatchItemView | undefined {
    return this.items.find((i) => i._id === batchItemId);
  }

  /** The current batch is the open one that cuts off first; otherwise the next to open. */
  async load(): Promise<void> {
    await this.itemsLoad.run(
      async () => {
        const { open, upcoming, serverNow } = await catalogService.batches();
        const byCutoff = [...open].sort((a, b) => a.cutoffAt.localeCompare(b.cutoffAt));
        const byOpening = [...upcoming].sort((a, b) => a.opensAt.localeCompare(b.opensAt));
        const current = byCutoff[0] ?? byOpening[0];
        const next = byOpening.find((b) => b._id !== current?._id);
        const listed = current ? await catalogService.items(current._id) : undefined;
        return { current, next, items: listed?.items ?? [], categories: listed?.categories ?? [], serverNow };
      },
      ({ current, next, items, categories, serverNow }) => {
        this.clockSkewMs = Number.isNaN(Date.parse(serverNow)) ? 0 : Date.parse(serverNow) - Date.now();
        this.batch = current ?? null;
        if (next?._id !== this.upcoming?._id) this.previewItems = [];
        this.upcoming = next ?? null;
        if (!next) this.showingPreview = false;
        this.items = items;
        this.categories = categories;
        // A tab the reloaded batch no longer has falls back to 全部.
        if (!categories.some((c) => c._id === this.categoryId)) this.categoryId = '';
        this.shown = HOME_PAGE_SIZE;
        this.cutoffPassed = !!current && this.msToCutoff() === 0;
      },
    );
  }

  /** Home's 今日团购 / 明日预告 switch; 明日预告 loads its batch's items each time it is opened. */
  async showPreview(on: boolean): Promise<void> {
    const batch = this.upcoming;
    this.showingPreview = on && !!batch;
    this.shown = HOME_PAGE_SIZE;
    if (this.showingPreview && batch) await this.loadPreview(batch);
  }

  async loadPreview(batch = this.upcoming): Promise<void> {
    if (!batch) return;
    await this.previewLoad.run(
      () => catalogService.items(batch._id),
      ({ items }) => {
        this.previewItems = items;
      },
    );
  }

  markCutoffPassed(): void {
    this.cutoffPassed = true;
  }

  async loadDetail(batchItemId: string): Promise<void> {
    await this.detailLoad.run(
      () => catalogService.item(batchItemId),
      (detail) => {
        this.detail = detail;
        track('view', { batchId: detail.batchId, batchItemId: detail._id });
      },
    );
  }
}

export const catalogStore = new CatalogStore();
