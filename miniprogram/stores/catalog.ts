import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { catalogService } from '../services/catalog';
import { userMessage } from '../lib/errors';
import { msUntil } from '../lib/time';
import type { LoadState } from '../lib/load';
import type { BatchItemView, BatchView, ItemDetail } from '../../typings/api';

export class CatalogStore {
  batch: BatchView | null = null;
  items: BatchItemView[] = [];
  state: LoadState = 'idle';
  error = '';
  /** Set when the count-down reaches the cut-off while the page is open. */
  cutoffPassed = false;
  /** Server time minus phone time: count-downs run on the server's clock. */
  clockSkewMs = 0;

  detail: ItemDetail | null = null;
  detailState: LoadState = 'idle';
  detailError = '';

  private loadSeq = 0;

  constructor() {
    makeAutoObservable<CatalogStore, 'loadSeq'>(this, { loadSeq: false, msToCutoff: false, itemById: false });
  }

  /** Open for orders right now, as far as the client can tell (the server decides at create). */
  get isOpen(): boolean {
    return !!this.batch && this.batch.phase === 'open' && !this.cutoffPassed;
  }

  msToCutoff(now = Date.now()): number {
    return this.batch ? msUntil(this.batch.cutoffAt, now + this.clockSkewMs) : 0;
  }

  itemById(batchItemId: string): BatchItemView | undefined {
    return this.items.find((i) => i._id === batchItemId);
  }

  /** The current batch is the open one that cuts off first; otherwise the next to open. */
  async load(): Promise<void> {
    const seq = ++this.loadSeq;
    this.state = 'loading';
    this.error = '';
    try {
      const { open, upcoming, serverNow } = await catalogService.batches();
      const byCutoff = [...open].sort((a, b) => a.cutoffAt.localeCompare(b.cutoffAt));
      const current = byCutoff[0] ?? upcoming[0];
      const items = current ? (await catalogService.items(current._id)).items : [];
      if (seq !== this.loadSeq) return;
      runInAction(() => {
        this.clockSkewMs = Number.isNaN(Date.parse(serverNow)) ? 0 : Date.parse(serverNow) - Date.now();
        this.batch = current ?? null;
        this.items = items;
        this.cutoffPassed = !!current && this.msToCutoff() === 0;
        this.state = 'ready';
      });
    } catch (err) {
      if (seq !== this.loadSeq) return;
      runInAction(() => {
        this.state = 'error';
        this.error = userMessage(err);
      });
    }
  }

  markCutoffPassed(): void {
    this.cutoffPassed = true;
  }

  async loadDetail(batchItemId: string): Promise<void> {
    this.detailState = 'loading';
    this.detailError = '';
    try {
      const detail = await catalogService.item(batchItemId);
      runInAction(() => {
        this.detail = detail;
        this.detailState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.detailState = 'error';
        this.detailError = userMessage(err);
      });
    }
  }
}

export const catalogStore = new CatalogStore();
