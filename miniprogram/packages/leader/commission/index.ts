import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { commissionStore, type CommissionStore } from '../../../stores/commission';
import { BALANCE_LABEL } from '../../../lib/commission-labels';
import { formatFen } from '../../../lib/money';
import { formatTime } from '../../../lib/time';
import { appendPaths } from '../../../lib/set-data';
import type { LedgerEntryView, LedgerKindName, WithdrawalStatus } from '../../../../typings/commission';

const KIND_TEXT: Record<LedgerKindName, string> = {
  pending: `订单佣金（${BALANCE_LABEL.pending}）`,
  confirm: '邻居已取货',
  reverse: '退款扣回',
  settle: '佣金结算',
  bonus: '阶梯奖励',
  withdraw: '提现',
  withdraw_reject: '提现驳回退回',
  coupon: '团长券抵扣',
  coupon_back: '团长券退回',
};

const STATUS_TEXT: Record<WithdrawalStatus, string> = {
  pending: '审核中',
  approved: '已通过，待打款',
  paid: '已到账',
  rejected: '已驳回',
};

function entryView(e: LedgerEntryView) {
  return {
    id: e.id,
    kind: KIND_TEXT[e.kind] ?? e.kind,
    time: formatTime(e.at),
    amount: e.amountFen === 0 ? '' : `${e.amountFen > 0 ? '+' : ''}${formatFen(e.amountFen)}`,
    minus: e.amountFen < 0,
  };
}

type EntryRow = ReturnType<typeof entryView>;

/** 我的佣金: balances, withdrawing (the server decides what may be taken), the ledger and past withdrawals. */
ComponentWithStore({
  data: {
    labels: BALANCE_LABEL,
    tab: 'ledger',
    amount: '',
    entries: [] as EntryRow[],
  },
  storeBindings: {
    store: commissionStore,
    fields: {
      state: (s: CommissionStore) => s.summaryLoad.state,
      error: (s: CommissionStore) => s.summaryLoad.error,
      empty: (s: CommissionStore) => s.summaryLoad.empty,
      loaded: (s: CommissionStore) => !!s.summary,
      withdrawableText: (s: CommissionStore) => formatFen(s.summary?.withdrawableFen ?? 0),
      availableNote: (s: CommissionStore) =>
        s.summary && s.summary.availableFen < 0 ? `退款扣回后余额 ${formatFen(s.summary.availableFen)}` : '',
      pendingText: (s: CommissionStore) => formatFen(s.summary?.pendingFen ?? 0),
      confirmedText: (s: CommissionStore) => formatFen(s.summary?.confirmedFen ?? 0),
      withdrawnText: (s: CommissionStore) => formatFen(s.summary?.withdrawnFen ?? 0),
      totalText: (s: CommissionStore) => formatFen(s.summary?.totalEarnedFen ?? 0),
      ruleText: (s: CommissionStore) =>
        s.summary
          ? `邻居取货 ${s.summary.settleDays} 天后佣金可提现，单次最低 ${formatFen(s.summary.minWithdrawFen)}`
          : '',
      withdrawing: (s: CommissionStore) => s.withdrawLoad.busy,
      withdrawError: (s: CommissionStore) => s.withdrawLoad.error,
      ledgerState: (s: CommissionStore) => s.ledger.state,
      ledgerError: (s: CommissionStore) => s.ledger.error,
      ledgerEmpty: (s: CommissionStore) => s.ledger.empty,
      ledgerHasMore: (s: CommissionStore) => s.ledger.hasMore,
      ledgerLoadingMore: (s: CommissionStore) => s.ledger.more.busy,
      ledgerMoreError: (s: CommissionStore) => s.ledger.more.error,
      withdrawalsState: (s: CommissionStore) => s.withdrawalsLoad.state,
      withdrawalsError: (s: CommissionStore) => s.withdrawalsLoad.error,
      withdrawalsEmpty: (s: CommissionStore) => s.withdrawalsLoad.empty,
      withdrawals: (s: CommissionStore) =>
        s.withdrawals.map((w) => ({
          id: w._id,
          amount: formatFen(w.amountFen),
          time: formatTime(w.createdAt),
          status: STATUS_TEXT[w.status] ?? w.status,
          note: w.status === 'rejected' ? (w.reason ?? '') : (w.reference ?? ''),
        })),
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void commissionStore.loadSummary();
      void this.loadLedger();
      void commissionStore.loadWithdrawals();
    },
    async onPullDownRefresh() {
      await Promise.all([commissionStore.loadSummary(), this.loadLedger(), commissionStore.loadWithdrawals()]);
      wx.stopPullDownRefresh();
    },
    onRetry() {
      void commissionStore.loadSummary();
    },
    async loadLedger() {
      const rows = await commissionStore.ledger.reload();
      if (rows) this.setData({ entries: rows.map(entryView) });
    },
    onRetryLedger() {
      void this.loadLedger();
    },
    onRetryWithdrawals() {
      void commissionStore.loadWithdrawals();
    },
    async onMoreLedger() {
      const page = await commissionStore.ledger.loadMore();
      if (page?.rows.length) this.setData(appendPaths('entries', page.start, page.rows.map(entryView)));
    },
    onReachBottom() {
      if (this.data.tab === 'ledger') void this.onMoreLedger();
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ name: string }>) {
      this.setData({ tab: event.detail.name });
    },
    onAmount(event: WechatMiniprogram.CustomEvent) {
      this.setData({ amount: String(event.detail ?? '') });
      commissionStore.withdrawLoad.clearError();
    },
    onAll() {
      const fen = commissionStore.summary?.withdrawableFen ?? 0;
      this.setData({ amount: fen > 0 ? (fen / 100).toFixed(2) : '' });
      commissionStore.withdrawLoad.clearError();
    },
    async onWithdraw() {
      if (await commissionStore.withdraw(this.data.amount)) this.setData({ amount: '', tab: 'withdrawals' });
    },
  },
});
