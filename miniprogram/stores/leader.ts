import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { leaderService } from '../services/leader';
import { uploadPhoto } from '../services/storage';
import { AppError, userMessage } from '../lib/errors';
import { STATUS_TEXT } from '../lib/order-status';
import { formatFen } from '../lib/money';
import { formatTime } from '../lib/time';
import type { LoadState } from '../lib/load';
import type { RequestedLineInput } from '../../typings/actions';
import type {
  ApplicationView,
  ApplyInput,
  ChecklistResult,
  ConfirmArrivalResult,
  LeaderBatch,
  ShareInfo,
  SkuTotalsResult,
  TrainingView,
  UnnotifiedResult,
  VerifyResult,
} from '../../typings/leader';

export const CHECKLIST_PAGE_SIZE = 20;
export const TRAINING_PAGE_SIZE = 20;

/** One line of a resident on the checklist (net of refunds), ready for wxml. */
export interface ChecklistLine {
  key: string;
  batchItemId: string;
  title: string;
  unit: string;
  qty: number;
  picked: number;
  done: boolean;
}

export interface ChecklistOrderView {
  id: string;
  no: string;
  status: string;
}

/** One resident on the checklist. */
export interface ResidentView {
  key: string;
  name: string;
  /** '尾号1234' or ''. */
  tail: string;
  done: boolean;
  orders: ChecklistOrderView[];
  lines: ChecklistLine[];
}

/** The compact checklist answer (tuples, items by index) turned into what the page shows. */
export function residentViews(result: ChecklistResult): ResidentView[] {
  return result.r.map((r) => {
    const lines: ChecklistLine[] = r.o.flatMap((o) =>
      o.l
        .map(([index, qty, picked, refunded]) => {
          const [batchItemId, title, unit] = result.it[index] ?? ['', '', ''];
          const net = Math.max(0, qty - refunded);
          return { key: `${o.id}-${index}`, batchItemId, title, unit, qty: net, picked, done: picked >= net };
        })
        .filter((l) => l.qty > 0),
    );
    return {
      key: r.o[0]?.id ?? `${r.n}-${r.t}`,
      name: r.n || '邻居',
      tail: r.t ? `尾号${r.t}` : '',
      done: r.d === 1,
      orders: r.o.map((o) => ({ id: o.id, no: o.no, status: STATUS_TEXT[o.s] ?? o.s })),
      lines,
    };
  });
}

/** A 6-digit pickup code or a 4-digit phone tail; anything else is no search. */
export function searchKind(text: string): 'code' | 'tail' | 'none' | 'invalid' {
  const s = text.trim();
  if (!s) return 'none';
  if (/^\d{6}$/.test(s)) return 'code';
  if (/^\d{4}$/.test(s)) return 'tail';
  return 'invalid';
}

/**
 * The setData paths that show a verification on checklist rows already on screen:
 * the picked count of each line of that order and whether its resident is done.
 */
export function verifiedPatch(groups: readonly ResidentView[], result: VerifyResult): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  groups.forEach((group, g) => {
    if (!group.orders.some((o) => o.id === result.orderId)) return;
    const lines = group.lines.map((line, l) => {
      const update = line.key.startsWith(`${result.orderId}-`)
        ? result.lines.find((r) => r.batchItemId === line.batchItemId)
        : undefined;
      if (!update || update.picked === line.picked) return line;
      const next = { ...line, picked: update.picked, done: update.picked >= line.qty };
      patch[`groups[${g}].lines[${l}].picked`] = next.picked;
      patch[`groups[${g}].lines[${l}].done`] = next.done;
      return next;
    });
    const done = lines.every((l) => l.done);
    if (done !== group.done) patch[`groups[${g}].done`] = done;
  });
  return patch;
}

/** The order found by its pickup code, before it is verified. */
export interface PickupLookup {
  name: string;
  tail: string;
  orderId: string;
  orderNo: string;
  picked: boolean;
  lines: Array<ChecklistLine & { left: number }>;
}

export interface ArrivalOutcome {
  confirmed: boolean;
  arrivedOrders: number;
  noticesSent: number;
  noticesFailed: number;
  refundTotalText: string;
  refunds: Array<{ key: string; orderNo: string; title: string; qty: number; fenText: string; failed: boolean }>;
}

/** '05-20 23:00 截单', '已截单'…: where a batch stands for the leader (`now` in ms). */
export function batchStatusText(b: LeaderBatch, now = Date.now()): string {
  if (b.status === 'cutoff') return '已截单';
  if (b.status === 'closed') return '已结束';
  return Date.parse(b.opensAt) > now ? `${formatTime(b.opensAt)} 开团` : `${formatTime(b.cutoffAt)} 截单`;
}

/** One line about a batch: pickup day, status, orders at the point, arrival. */
export function batchLabel(b: LeaderBatch, now = Date.now()): string {
  const parts = [`${b.pickupDate} 自提`, batchStatusText(b, now), `${b.orderCount} 单`];
  if (b.arrivalConfirmed) parts.push('已到货');
  return parts.join(' · ');
}

export class LeaderStore {
  /** The batch the leader works on when a page is opened without one: the one picked, else the working batch. */
  batch: LeaderBatch | null = null;
  batchState: LoadState = 'idle';
  batchError = '';
  /** leader.batches: the batches the leader can switch between (≤ 10), and the server's default. */
  batches: LeaderBatch[] = [];
  workingBatchId = '';
  /** The batch the leader chose on the leader tab ('' = the working batch). */
  pickedBatchId = '';

  // ---- checklist (the page keeps the rows; the store keeps paging) ----
  checklistState: LoadState = 'idle';
  checklistError = '';
  checklistSearch = '';
  checklistPage = 0;
  checklistHasMore = false;
  checklistCount = 0;
  loadingMore = false;
  moreError = '';

  // ---- arrival ----
  totals: SkuTotalsResult | null = null;
  totalsState: LoadState = 'idle';
  totalsError = '';
  confirming = false;
  arrival: ConfirmArrivalResult | null = null;
  unnotified: UnnotifiedResult['items'] = [];
  unnotifiedState: LoadState = 'idle';
  unnotifiedError = '';

  // ---- share ----
  share: ShareInfo | null = null;
  shareState: LoadState = 'idle';
  shareError = '';

  // ---- apply ----
  /** The caller's latest application (null: none yet). */
  application: ApplicationView | null = null;
  applicationState: LoadState = 'idle';
  applicationError = '';

  // ---- training ----
  trainingState: LoadState = 'idle';
  trainingError = '';
  trainingPage = 0;
  trainingHasMore = false;
  trainingCount = 0;

  /** The batch the checklist shows (from the query or the current batch). */
  checklistBatchId = '';
  private checklistSeq = 0;
  private verified: VerifyResult[] = [];

  constructor() {
    makeAutoObservable<LeaderStore, 'checklistSeq' | 'fetchBatch' | 'verified'>(this, {
      checklistSeq: false,
      fetchBatch: false,
      batchById: false,
      verified: false,
      takeVerified: false,
    });
  }

  /**
   * The batch a page works on: the one in its query, else the one the leader picked,
   * else the server's working batch (the cut-off batch being picked up, else the open
   * one); '' when there is none. Throws when it cannot tell.
   */
  async batchFor(queryBatchId?: string): Promise<string> {
    if (queryBatchId) return queryBatchId;
    if (this.batch && this.batchState === 'ready') return this.batch._id;
    const batch = await this.fetchBatch();
    return batch?._id ?? '';
  }

  /** For the leader tab: loads the batches and the current batch into `batch`. */
  async loadBatch(): Promise<void> {
    try {
      await this.fetchBatch();
    } catch {
      // fetchBatch recorded the error.
    }
  }

  /** The leader switches batch: pages opened without a batch in their query use it from now on. */
  pickBatch(batchId: string): void {
    const batch = this.batches.find((b) => b._id === batchId);
    if (!batch) return;
    this.pickedBatchId = batchId;
    this.batch = batch;
  }

  private async fetchBatch(): Promise<LeaderBatch | null> {
    this.batchState = 'loading';
    this.batchError = '';
    try {
      const { batches, workingBatchId } = await leaderService.batches();
      const find = (id: string) => batches.find((b) => b._id === id);
      const current = find(this.pickedBatchId) ?? find(workingBatchId) ?? null;
      runInAction(() => {
        this.batches = batches;
        this.workingBatchId = workingBatchId;
        if (!find(this.pickedBatchId)) this.pickedBatchId = '';
        this.batch = current;
        this.batchState = 'ready';
      });
      return current;
    } catch (err) {
      runInAction(() => {
        this.batchState = 'error';
        this.batchError = userMessage(err);
      });
      throw err;
    }
  }

  /** The loaded batch with this id (for a page that shows which batch it works on). */
  batchById(batchId: string): LeaderBatch | undefined {
    return batchId ? this.batches.find((b) => b._id === batchId) : undefined;
  }

  // ---- checklist ----

  /** Loads the first page (a new search starts over). Answers the rows to show, [] on failure. */
  async loadChecklist(queryBatchId: string | undefined, search = ''): Promise<ResidentView[]> {
    const seq = ++this.checklistSeq;
    this.checklistSearch = search;
    this.checklistState = 'loading';
    this.checklistError = '';
    this.moreError = '';
    try {
      const batchId = await this.batchFor(queryBatchId);
      if (seq !== this.checklistSeq) return [];
      runInAction(() => (this.checklistBatchId = batchId));
      if (!batchId) {
        runInAction(() => {
          this.checklistHasMore = false;
          this.checklistCount = 0;
          this.checklistState = 'ready';
        });
        return [];
      }
      const result = await leaderService.checklist({
        batchId,
        page: 1,
        pageSize: CHECKLIST_PAGE_SIZE,
        ...(search ? { search } : {}),
      });
      if (seq !== this.checklistSeq) return [];
      const rows = residentViews(result);
      runInAction(() => {
        this.checklistPage = 1;
        this.checklistHasMore = result.hasMore;
        this.checklistCount = rows.length;
        this.checklistState = 'ready';
      });
      return rows;
    } catch (err) {
      if (seq !== this.checklistSeq) return [];
      runInAction(() => {
        this.checklistHasMore = false;
        this.checklistCount = 0;
        this.checklistState = 'error';
        this.checklistError = userMessage(err);
      });
      return [];
    }
  }

  /** The next page; answers where its rows go and the rows, or null when nothing was added. */
  async loadMoreChecklist(): Promise<{ start: number; rows: ResidentView[] } | null> {
    if (this.loadingMore || !this.checklistHasMore || this.checklistState !== 'ready') return null;
    const seq = this.checklistSeq;
    this.loadingMore = true;
    this.moreError = '';
    try {
      const result = await leaderService.checklist({
        batchId: this.checklistBatchId,
        page: this.checklistPage + 1,
        pageSize: CHECKLIST_PAGE_SIZE,
        ...(this.checklistSearch ? { search: this.checklistSearch } : {}),
      });
      if (seq !== this.checklistSeq) return null;
      const rows = residentViews(result);
      const start = this.checklistCount;
      runInAction(() => {
        this.checklistPage += 1;
        this.checklistHasMore = result.hasMore;
        this.checklistCount += rows.length;
      });
      return { start, rows };
    } catch (err) {
      if (seq === this.checklistSeq) runInAction(() => (this.moreError = userMessage(err)));
      return null;
    } finally {
      runInAction(() => (this.loadingMore = false));
    }
  }

  // ---- verify ----

  /** Finds an order of the caller's point by its pickup code (the checklist searched by code). */
  async lookupCode(batchId: string, code: string): Promise<PickupLookup | null> {
    if (!batchId) return null;
    const result = await leaderService.checklist({ batchId, page: 1, pageSize: 1, search: code });
    const [resident] = residentViews(result);
    const order = result.r[0]?.o[0];
    if (!resident || !order) return null;
    const lines = resident.lines
      .filter((l) => l.key.startsWith(`${order.id}-`))
      .map((l) => ({ ...l, left: Math.max(0, l.qty - l.picked) }));
    return {
      name: resident.name,
      tail: resident.tail,
      orderId: order.id,
      orderNo: order.no,
      picked: order.s === 'picked_up' || lines.every((l) => l.left === 0),
      lines,
    };
  }

  /** Marks the order picked up: all that is left, or only `lines` (a partial pickup). */
  async verify(batchId: string, code: string, lines?: RequestedLineInput[]): Promise<VerifyResult> {
    const result = await leaderService.verify({ batchId, code, ...(lines ? { lines } : {}) });
    this.verified.push(result);
    return result;
  }

  /** Verifications since the last call, for the checklist to patch the rows it shows. */
  takeVerified(): VerifyResult[] {
    return this.verified.splice(0);
  }

  // ---- arrival ----

  async loadTotals(queryBatchId?: string): Promise<void> {
    this.totalsState = 'loading';
    this.totalsError = '';
    try {
      const batchId = await this.batchFor(queryBatchId);
      if (this.totals?.batchId !== batchId) {
        runInAction(() => {
          this.totals = null;
          this.arrival = null;
          this.unnotified = [];
          this.unnotifiedState = 'idle';
        });
      }
      if (!batchId) {
        runInAction(() => (this.totalsState = 'ready'));
        return;
      }
      const totals = await leaderService.skuTotals(batchId);
      runInAction(() => {
        this.totals = totals;
        this.totalsState = 'ready';
      });
      if (totals.arrivalConfirmed) void this.loadUnnotified(batchId);
    } catch (err) {
      runInAction(() => {
        this.totalsState = 'error';
        this.totalsError = userMessage(err);
      });
    }
  }

  /** For the loaded totals' batch. Answers '' on success, else the message to show. */
  async confirmArrival(
    lines: Array<{ batchItemId: string; receivedQty: number; damagedQty: number }>,
  ): Promise<string> {
    const batchId = this.totals?.batchId;
    if (this.confirming || !batchId) return '';
    this.confirming = true;
    try {
      const result = await leaderService.confirmArrival({ batchId, lines });
      runInAction(() => {
        this.arrival = result;
        if (this.totals) this.totals = { ...this.totals, arrivalConfirmed: true };
      });
      void this.loadUnnotified(batchId);
      return '';
    } catch (err) {
      return userMessage(err);
    } finally {
      runInAction(() => (this.confirming = false));
    }
  }

  /** What the arrival did, with item titles from the totals. */
  get arrivalOutcome(): ArrivalOutcome | null {
    const a = this.arrival;
    if (!a) return null;
    const titles = new Map((this.totals?.items ?? []).map((i) => [i.batchItemId, i.title]));
    return {
      confirmed: a.confirmed,
      arrivedOrders: a.arrivedOrders,
      noticesSent: a.noticesSent,
      noticesFailed: a.noticesFailed,
      refundTotalText: formatFen(a.refunds.reduce((sum, r) => sum + r.fen, 0)),
      refunds: a.refunds.map((r) => ({
        key: `${r.orderNo}-${r.batchItemId}`,
        orderNo: r.orderNo,
        title: titles.get(r.batchItemId) ?? r.batchItemId,
        qty: r.qty,
        fenText: formatFen(r.fen),
        failed: r.state === 'failed',
      })),
    };
  }

  async loadUnnotified(batchId = this.totals?.batchId ?? ''): Promise<void> {
    if (!batchId) return;
    this.unnotifiedState = 'loading';
    this.unnotifiedError = '';
    try {
      const { items } = await leaderService.unnotified(batchId);
      runInAction(() => {
        this.unnotified = items;
        this.unnotifiedState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.unnotifiedState = 'error';
        this.unnotifiedError = userMessage(err);
      });
    }
  }

  // ---- share ----

  async loadShare(queryBatchId?: string): Promise<void> {
    this.shareState = 'loading';
    this.shareError = '';
    try {
      const batchId = await this.batchFor(queryBatchId);
      const share = batchId ? await leaderService.shareInfo(batchId) : null;
      runInAction(() => {
        this.share = share;
        this.shareState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.shareState = 'error';
        this.shareError = userMessage(err);
      });
    }
  }

  // ---- training ----

  /** Page 1 when `more` is false, else the next; answers where the rows go and the rows. */
  async loadTraining(more = false): Promise<{ start: number; rows: TrainingView[] } | null> {
    if (more && (!this.trainingHasMore || this.trainingState !== 'ready')) return null;
    const page = more ? this.trainingPage + 1 : 1;
    if (!more) {
      this.trainingState = 'loading';
      this.trainingError = '';
    }
    try {
      const result = await leaderService.training(page, TRAINING_PAGE_SIZE);
      const start = more ? this.trainingCount : 0;
      runInAction(() => {
        this.trainingPage = page;
        this.trainingHasMore = result.hasMore;
        this.trainingCount = start + result.items.length;
        this.trainingState = 'ready';
      });
      return { start, rows: result.items };
    } catch (err) {
      runInAction(() => {
        if (!more) this.trainingState = 'error';
        this.trainingError = userMessage(err);
      });
      return null;
    }
  }

  // ---- apply ----

  async loadApplication(): Promise<void> {
    this.applicationState = 'loading';
    this.applicationError = '';
    try {
      const application = await leaderService.myApplication();
      runInAction(() => {
        this.application = application;
        this.applicationState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.applicationState = 'error';
        this.applicationError = userMessage(err);
      });
    }
  }

  /** Uploads the storefront photo (cloud mode) then applies; throws AppError on failure. */
  async apply(input: Omit<ApplyInput, 'photo'>, photoPath: string, uploadEnabled: boolean): Promise<ApplicationView> {
    let photo: string;
    const ext = /\.\w+$/.exec(photoPath)?.[0] ?? '.jpg';
    if (uploadEnabled) {
      try {
        photo = await uploadPhoto(photoPath, `leader-apply/${Date.now()}-${Math.floor(Math.random() * 1e6)}${ext}`);
      } catch {
        throw new AppError('NETWORK', 'photo upload failed');
      }
    } else {
      // Local mode has no storage upload from the client: a stand-in fileID.
      photo = `cloud://local-env/leader-apply/local${ext}`;
    }
    const application = await leaderService.apply({ ...input, photo });
    runInAction(() => (this.application = application));
    return application;
  }
}

export const leaderStore = new LeaderStore();
