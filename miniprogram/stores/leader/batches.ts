import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { formatTime } from '../../lib/time';
import { Load } from '../load-state';
import type { LeaderBatch } from '../../../typings/leader';

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

/** The batches a leader works on (leader tab) and the one every leader tool opens with. */
export class LeaderBatchStore {
  /** The batch the leader works on when a page is opened without one: the one picked, else the working batch. */
  batch: LeaderBatch | null = null;
  /** leader.batches: the batches the leader can switch between (≤ 10), and the server's default. */
  batches: LeaderBatch[] = [];
  workingBatchId = '';
  /** The batch the leader chose on the leader tab ('' = the working batch). */
  pickedBatchId = '';
  readonly batchesLoad = new Load(() => !this.batch);
  /** One leader.batches at a time: a tool opened while the tab loads waits for the same answer. */
  private fetching: Promise<LeaderBatch | null> | null = null;

  constructor() {
    makeAutoObservable<LeaderBatchStore, 'fetching' | 'fetch'>(this, {
      batchesLoad: false,
      fetching: false,
      fetch: false,
      batchById: false,
    });
  }

  /**
   * The batch a page works on: the one in its query, else the one the leader picked,
   * else the server's working batch (the cut-off batch being picked up, else the open
   * one); '' when there is none. Throws when it cannot tell.
   */
  async batchFor(queryBatchId?: string): Promise<string> {
    if (queryBatchId) return queryBatchId;
    if (this.batch && this.batchesLoad.state === 'ready') return this.batch._id;
    const batch = await this.fetch();
    return batch?._id ?? '';
  }

  /** For the leader tab: loads the batches and the current batch into `batch` (a failure shows in batchesLoad). */
  async loadBatches(): Promise<void> {
    await this.fetch().catch(() => undefined);
  }

  /** The leader switches batch: pages opened without a batch in their query use it from now on. */
  pickBatch(batchId: string): void {
    const batch = this.batches.find((b) => b._id === batchId);
    if (!batch) return;
    this.pickedBatchId = batchId;
    this.batch = batch;
  }

  /** The loaded batch with this id (for a page that shows which batch it works on). */
  batchById(batchId: string): LeaderBatch | undefined {
    return batchId ? this.batches.find((b) => b._id === batchId) : undefined;
  }

  private fetch(): Promise<LeaderBatch | null> {
    this.fetching ??= this.fetchOnce().finally(() => (this.fetching = null));
    return this.fetching;
  }

  private async fetchOnce(): Promise<LeaderBatch | null> {
    let failure: { err: unknown } | undefined;
    await this.batchesLoad.run(
      () => leaderService.batches(),
      ({ batches, workingBatchId }) => {
        const find = (id: string) => batches.find((b) => b._id === id);
        this.batches = batches;
        this.workingBatchId = workingBatchId;
        if (!find(this.pickedBatchId)) this.pickedBatchId = '';
        this.batch = find(this.pickedBatchId) ?? find(workingBatchId) ?? null;
      },
      { failed: (err) => (failure = { err }) },
    );
    if (failure) throw failure.err;
    return this.batch;
  }
}

export const leaderBatchStore = new LeaderBatchStore();
