import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { userStore, type UserStore } from '../../stores/user';
import { batchLabel, leaderBatchStore, type LeaderBatchStore } from '../../stores/leader/batches';
import { commissionStore, type CommissionStore } from '../../stores/commission';
import { leaderReviewStore, type LeaderReviewStore } from '../../stores/leader/reviews';
import { BALANCE_LABEL } from '../../lib/commission-labels';
import { formatFen } from '../../lib/money';
import { syncTabBar, TAB_PAGES } from '../../lib/tab-bar';

const LINKS = [
  { key: 'checklist', text: '取货清单', icon: 'todo-list-o' },
  { key: 'arrival', text: '到货确认', icon: 'logistics' },
  { key: 'verify', text: '核销取货', icon: 'scan' },
  { key: 'share', text: '分享团购', icon: 'share-o' },
  { key: 'commission', text: '我的佣金', icon: 'balance-o' },
  { key: 'stats', text: '销售统计', icon: 'bar-chart-o' },
  { key: 'training', text: '团长学堂', icon: 'notes-o' },
  { key: 'coupons', text: '团长券', icon: 'coupon-o' },
];

/**
 * 团长 tab: the batch being worked on (by default the one cut off and picked up
 * today, from leader.batches) with a switcher, the leader's tools and the balance.
 * The tools open with the chosen batch. Only leaders see the tab.
 */
ComponentWithStore({
  data: {
    links: LINKS,
    labels: BALANCE_LABEL,
    /** The batch switcher (van-action-sheet): filled when it opens. */
    sheetShow: false,
    sheetActions: [] as Array<{ id: string; name: string; subname: string; color?: string; className: string }>,
  },
  storeBindings: [
    {
      store: userStore,
      fields: {
        meState: (s: UserStore) => s.meLoad.state,
        meError: (s: UserStore) => s.meLoad.error,
        meEmpty: (s: UserStore) => s.meLoad.empty,
        meLoaded: (s: UserStore) => !!s.me,
        isLeader: (s: UserStore) => s.isLeader,
        leaderName: (s: UserStore) => s.me?.leader?.name || s.me?.nickname || '团长',
        pointName: (s: UserStore) => s.pickupPoint?.name ?? '',
      },
      actions: [],
    },
    {
      store: leaderBatchStore,
      fields: {
        batchState: (s: LeaderBatchStore) => s.batchesLoad.state,
        batchError: (s: LeaderBatchStore) => s.batchesLoad.error,
        batchEmpty: (s: LeaderBatchStore) => s.batchesLoad.empty,
        batchId: (s: LeaderBatchStore) => s.batch?._id ?? '',
        batchTitle: (s: LeaderBatchStore) => s.batch?.title ?? '',
        batchText: (s: LeaderBatchStore) => (s.batch ? batchLabel(s.batch) : ''),
        batchCount: (s: LeaderBatchStore) => s.batches.length,
      },
      actions: [],
    },
    {
      store: leaderReviewStore,
      fields: {
        /** '' until loaded (or when it failed: the header just leaves it out). */
        ratingText: (s: LeaderReviewStore) =>
          !s.rating
            ? ''
            : s.rating.count
              ? `服务评分 ${s.rating.average.toFixed(1)} · ${s.rating.count} 条评价`
              : '还没有服务评价',
      },
      actions: [],
    },
    {
      store: commissionStore,
      fields: {
        summaryState: (s: CommissionStore) => s.summaryLoad.state,
        summaryError: (s: CommissionStore) => s.summaryLoad.error,
        summaryEmpty: (s: CommissionStore) => s.summaryLoad.empty,
        withdrawableText: (s: CommissionStore) => formatFen(s.summary?.withdrawableFen ?? 0),
        pendingText: (s: CommissionStore) => formatFen(s.summary?.pendingFen ?? 0),
        confirmedText: (s: CommissionStore) => formatFen(s.summary?.confirmedFen ?? 0),
        totalText: (s: CommissionStore) => formatFen(s.summary?.totalEarnedFen ?? 0),
      },
      actions: [],
    },
  ],
  methods: {
    onShow() {
      syncTabBar(this, TAB_PAGES.leader);
      void this.load();
    },
    async onPullDownRefresh() {
      await this.load();
      wx.stopPullDownRefresh();
    },
    async load() {
      if (!userStore.me) await userStore.loadMe();
      if (!userStore.isLeader) return;
      await Promise.all([
        leaderBatchStore.loadBatches(),
        commissionStore.loadSummary(),
        leaderReviewStore.loadRating(),
      ]);
    },
    onRetry() {
      void this.load();
    },
    onLink(event: WechatMiniprogram.BaseEvent) {
      const key = String(event.currentTarget.dataset.key);
      const batchId = this.data.batchId;
      const query =
        batchId && !['commission', 'stats', 'training', 'coupons'].includes(key) ? `?batchId=${batchId}` : '';
      wx.navigateTo({ url: `/packages/leader/${key}/index${query}` });
    },
    onSwitch() {
      const current = leaderBatchStore.batch?._id ?? '';
      this.setData({
        sheetShow: true,
        sheetActions: leaderBatchStore.batches.map((b, i) => ({
          id: b._id,
          name: b.title,
          subname: batchLabel(b),
          className: `sheet-item sheet-item--${i}`,
          ...(b._id === current ? { color: '#ee0a24' } : {}),
        })),
      });
    },
    onPickBatch(event: WechatMiniprogram.CustomEvent<{ id: string }>) {
      leaderBatchStore.pickBatch(event.detail.id);
      this.setData({ sheetShow: false });
    },
    onSheetClose() {
      if (this.data.sheetShow) this.setData({ sheetShow: false });
    },
    onApply() {
      wx.navigateTo({ url: '/packages/leader/apply/index' });
    },
  },
});
