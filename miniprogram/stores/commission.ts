import { makeAutoObservable } from 'mobx-miniprogram';
import { commissionService } from '../services/commission';
import { isRetryable } from '../lib/errors';
import { newRequestId } from '../lib/ids';
import { formatFen, parseYuan } from '../lib/money';
import { shanghaiDate } from '../lib/time';
import { Load, PagedLoad } from './load-state';
import type {
  CommissionSummary,
  LedgerEntryView,
  StatsGranularity,
  StatsResult,
  WithdrawalView,
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
  readonly summaryLoad = new Load(() => !this.summary);

  /** The ledger: the page keeps the rows, this the paging. */
  readonly ledger = new PagedLoad<LedgerEntryView>((page) =>
    commissionService.ledger({ page, pageSize: LEDGER_PAGE_SIZE }),
  );

  withdrawals: WithdrawalView[] = [];
  readonly withdrawalsLoad = new Load(() => this.withdrawals.length === 0);

  /** One per withdrawal attempt: a retry after a lost answer gets the same withdrawal back. */
  withdrawRequestId = '';
  readonly withdrawLoad = new Load(() => false);

  granularity: StatsGranularity = 'day';
  stats: StatsResult | null = null;
  readonly statsLoad = new Load(() => !this.stats || this.stats.rows.length === 0);

  constructor() {
    makeAutoObservable(this, {
      summaryLoad: false,
      ledger: false,
      withdrawalsLoad: false,
      withdrawLoad: false,
      statsLoad: false,
    });
  }

  async loadSummary(): Promise<void> {
    await this.summaryLoad.run(
      () => commissionService.summary(),
      (summary) => (this.summary = summary),
    );
  }

  async loadWithdrawals(): Promise<void> {
    await this.withdrawalsLoad.run(
      () => commissionService.withdrawals(1, 20),
      ({ items }) => (this.withdrawals = items),
    );
  }

  /**
   * Withdraws the amount typed (yuan); the server decides whether the balance allows it.
   * A retry after a network failure reuses the clientRequestId; a definite answer starts
   * a new attempt. Answers whether it was accepted.
   */
  async withdraw(amountText: string): Promise<boolean> {
    if (this.withdrawLoad.busy) return false;
    const amountFen = parseYuan(amountText);
    if (amountFen === null) {
      wx.showToast({ title: '请输入提现金额', icon: 'none' });
      return false;
    }
    if (!this.withdrawRequestId) this.withdrawRequestId = newRequestId();
    const clientRequestId = this.withdrawRequestId;
    const result = await this.withdrawLoad.run(
      () => commissionService.withdraw({ amountFen, clientRequestId }),
      ({ withdrawal }) => {
        this.withdrawRequestId = '';
        if (!this.withdrawals.some((w) => w._id === withdrawal._id))
          this.withdrawals = [withdrawal, ...this.withdrawals];
      },
      {
        failed: (err) => {
          if (!isRetryable(err)) this.withdrawRequestId = '';
        },
      },
    );
    if (!result) return false;
    wx.showToast({ title: `已申请提现${formatFen(result.withdrawal.amountFen)}`, icon: 'none' });
    await this.loadSummary();
    return true;
  }

  async loadStats(granularity: StatsGranularity = this.granularity): Promise<void> {
    this.granularity = granularity;
    await this.statsLoad.run(
      () => commissionService.stats({ granularity, ...statsRange(granularity) }),
      (stats) => (this.stats = stats),
      { failed: () => (this.stats = null) },
    );
  }
}

export const commissionStore = new CommissionStore();
