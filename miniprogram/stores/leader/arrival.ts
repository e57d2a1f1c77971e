import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { uploadPhotos } from '../../services/storage';
import { formatFen } from '../../lib/money';
import { Load } from '../load-state';
import { leaderBatchStore } from './batches';
import type { ConfirmArrivalResult, SkuTotalsResult, UnnotifiedResult } from '../../../typings/leader';

export interface ArrivalOutcome {
  confirmed: boolean;
  arrivedOrders: number;
  noticesSent: number;
  noticesFailed: number;
  refundTotalText: string;
  refunds: Array<{ key: string; orderNo: string; title: string; qty: number; fenText: string; failed: boolean }>;
}

/** What the leader enters per item: received, of which damaged, and photos of what was wrong (temp paths). */
export interface ArrivalLine {
  batchItemId: string;
  receivedQty: number;
  damagedQty: number;
  photoPaths?: string[];
}

/** Units that will be refunded: ordered − (received − damaged), when positive. */
export const shortOf = (qty: number, received: number, damaged: number) => Math.max(0, qty - (received - damaged));

/**
 * 到货确认: per item, what arrived and what was damaged. Confirming refunds the
 * shortfall to residents (the server picks the orders) and sends the pickup notices;
 * then the residents the notice did not reach are listed to remind in the group.
 */
export class ArrivalStore {
  totals: SkuTotalsResult | null = null;
  readonly totalsLoad = new Load(() => !this.totals?.items.length);
  arrival: ConfirmArrivalResult | null = null;
  readonly confirmLoad = new Load(() => false);
  unnotified: UnnotifiedResult['items'] = [];
  readonly unnotifiedLoad = new Load(() => this.unnotified.length === 0);

  constructor() {
    makeAutoObservable(this, { totalsLoad: false, confirmLoad: false, unnotifiedLoad: false });
  }

  async loadTotals(queryBatchId?: string): Promise<void> {
    const totals = await this.totalsLoad.run(
      async () => {
        const batchId = await leaderBatchStore.batchFor(queryBatchId);
        // Another batch: what was shown of the last one goes.
        if (this.totals?.batchId !== batchId) runInAction(() => this.forget());
        return batchId ? leaderService.skuTotals(batchId) : null;
      },
      (totals) => (this.totals = totals),
    );
    if (totals?.arrivalConfirmed) void this.loadUnnotified(totals.batchId);
  }

  private forget(): void {
    this.totals = null;
    this.arrival = null;
    this.unnotified = [];
    this.unnotifiedLoad.reset();
  }

  /** 确认到货 for the loaded totals' batch: asks first (saying what will be refunded), then confirms. */
  async confirm(lines: ArrivalLine[]): Promise<void> {
    const totals = this.totals;
    if (this.confirmLoad.busy || !totals) return;
    const ordered = new Map(totals.items.map((i) => [i.batchItemId, i.qty]));
    const short = lines.reduce((n, l) => n + shortOf(ordered.get(l.batchItemId) ?? 0, l.receivedQty, l.damagedQty), 0);
    const { confirm } = await wx.showModal({
      title: '确认到货',
      content: short
        ? `缺货或破损共 ${short} 件，将自动退款给相应邻居；确认后会通知邻居来取货。`
        : '商品全部到齐，确认后会通知邻居来取货。',
      confirmText: '确认到货',
    });
    if (!confirm) return;
    const batchId = totals.batchId;
    const result = await this.confirmLoad.run(
      async () => {
        // The photos go to cloud storage first.
        const sent = [];
        for (const { photoPaths = [], ...l } of lines)
          sent.push({ ...l, photos: await uploadPhotos(`arrival/${batchId}`, photoPaths) });
        return leaderService.confirmArrival({ batchId, lines: sent });
      },
      (result) => {
        this.arrival = result;
        if (this.totals) this.totals = { ...this.totals, arrivalConfirmed: true };
      },
    );
    if (!result) return void wx.showToast({ title: this.confirmLoad.error, icon: 'none' });
    void this.loadUnnotified(batchId);
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
    await this.unnotifiedLoad.run(
      () => leaderService.unnotified(batchId),
      ({ items }) => (this.unnotified = items),
    );
  }

  /** 复制名单: the residents to remind, as a message for the group chat. */
  copyUnnotified(): void {
    const text = this.unnotified
      .map((u) => `${u.nickname || '邻居'}${u.phoneTail ? `(尾号${u.phoneTail})` : ''} 订单${u.orderNo}`)
      .join('\n');
    wx.setClipboardData({ data: `以下邻居的团购已到货，请尽快来取：\n${text}` });
  }
}

export const arrivalStore = new ArrivalStore();
