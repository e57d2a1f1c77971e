import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { commissionService } from '../services/commission';
import { isRetryable, userMessage } from '../lib/errors';
import { newRequestId } from '../lib/ids';
import { shanghaiDate } from '../lib/time';
import type { LoadState } from '../lib/load';
import type {
  CommissionSummary,
  LedgerEntryView,
  StatsGranularity,
  StatsResult,
  WithdrawalView,
  WithdrawResult,
} from '../../typings/commission';

export const LEDGER_PAGE_SIZE = 20;
const DAY_MS = 86_400_000;

/** The window each granularity shows, ending today (Shanghai); the server allows ≤ 92 days. */
export function statsRange(granularity: StatsGranularity, now = Date.now()): { from: string; to: string } {
  const to = shanghaiDate(now);
  if (granularity === 'day') return { from: shanghaiDate(now - 13 * DAY_MS), to };
  if (granularity === 'week') {
    // 12 weeks from a Monday: (Shanghai weekday + 6) % 7 days back is this week's Monday.
    const weekday = new Date(Date.parse(`${to}T00:00:00Z`)).getUTCDay();
    return { from: shanghaiDate(now - ((weekday + 6) % 7) * DAY_MS - 11 * 7 * DAY_MS), to };
  }
  // This month and the two before it, from the 1st (at most 92 days).
  const [y, m] = to.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 - 2, 1));
  return { from: `${first.getUTCFullYear()}-${String(first.getUTCMonth() + 1).padStart(2, '0')}-01`, to };
}

export class CommissionStore {
  summary: CommissionSummary | null = null;
  summaryState: LoadState = 'idle';
  summaryError = '';

  // ---- ledger (the page keeps the rows; the store keeps paging) ----
  ledgerState: LoadState = 'idle';
  ledgerError = '';
  ledgerPage = 0;
  ledgerHasMore = false;
  ledgerCount = 0;
  ledgerLoadingMore = false;

  withdrawals: WithdrawalView[] = [];
  withdrawalsState: LoadState = 'idle';
  withdrawalsError = '';

  /** One per withdrawal attempt: a retry after a lost answer gets the same withdrawal back. */
  withdrawRequestId = '';
  withdrawing = false;

  granularity: StatsGranularity = 'day';
  stats: StatsResult | null = null;
  statsState: LoadState = 'idle';
  statsError = '';

  private statsSeq = 0;

  constructor() {
    makeAutoObservable<CommissionStore, 'statsSeq'>(this, { statsSeq: false });
  }

  async loadSummary(): Promise<void> {
    this.summaryState = 'loading';
    this.summaryError = '';
    try {
      const summary = await commissionService.summary();
      runInAction(() => {
        this.summary = summary;
        this.summaryState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.summaryState = 'error';
        this.summaryError = userMessage(err);
      });
    }
  }

  /** Page 1 when `more` is false, else the next; answers where the rows go and the rows. */
  async loadLedger(more = false): Promise<{ start: number; rows: LedgerEntryView[] } | null> {
    if (more && (this.ledgerLoadingMore || !this.ledgerHasMore || this.ledgerState !== 'ready')) return null;
    const page = more ? this.ledgerPage + 1 : 1;
    if (more) this.ledgerLoadingMore = true;
    else {
      this.ledgerState = 'loading';
      this.ledgerError = '';
    }
    try {
      const result = await commissionService.ledger({ page, pageSize: LEDGER_PAGE_SIZE });
      const start = more ? this.ledgerCount : 0;
      runInAction(() => {
        this.ledgerPage = page;
        this.ledgerHasMore = result.hasMore;
        this.ledgerCount = start + result.items.length;
        this.ledgerState = 'ready';
      });
      return { start, rows: result.items };
    } catch (err) {
      runInAction(() => {
        if (!more) this.ledgerState = 'error';
        this.ledgerError = userMessage(err);
      });
      return null;
    } finally {
      runInAction(() => (this.ledgerLoadingMore = false));
    }
  }

  async loadWithdrawals(): Promise<void> {
    this.withdrawalsState = 'loading';
    this.withdrawalsError = '';
    try {
      const { items } = await commissionService.withdrawals(1, 20);
      runInAction(() => {
        this.withdrawals = items;
        this.withdrawalsState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.withdrawalsState = 'error';
        this.withdrawalsError = userMessage(err);
      });
    }
  }

  /**
   * Asks for a withdrawal; the server decides whether the balance allows it. A retry after
   * a network failure reuses the clientRequestId; a definite answer starts a new attempt.
   */
  async withdraw(amountFen: number): Promise<WithdrawResult> {
    if (!this.withdrawRequestId) this.withdrawRequestId = newRequestId();
    this.withdrawing = true;
    try {
      const result = await commissionService.withdraw({ amountFen, clientRequestId: this.withdrawRequestId });
      runInAction(() => {
        this.withdrawRequestId = '';
        if (!this.withdrawals.some((w) => w._id === result.withdrawal._id)) {
          this.withdrawals = [result.withdrawal, ...this.withdrawals];
        }
      });
      await this.loadSummary();
      return result;
    } catch (err) {
      if (!isRetryable(err)) runInAction(() => (this.withdrawRequestId = ''));
      throw err;
    } finally {
      runInAction(() => (this.withdrawing = false));
    }
  }

  async loadStats(granularity: StatsGranularity = this.granularity): Promise<void> {
    const seq = ++this.statsSeq;
    this.granularity = granularity;
    this.statsState = 'loading';
    this.statsError = '';
    try {
      const stats = await commissionService.stats({ granularity, ...statsRange(granularity) });
      if (seq !== this.statsSeq) return;
      runInAction(() => {
        this.stats = stats;
        this.statsState = 'ready';
      });
    } catch (err) {
      if (seq !== this.statsSeq) return;
      runInAction(() => {
        this.stats = null;
        this.statsState = 'error';
        this.statsError = userMessage(err);
      });
    }
  }
}

export const commissionStore = new CommissionStore();
