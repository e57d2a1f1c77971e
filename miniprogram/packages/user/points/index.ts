import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { pointsStore, type PointsStore } from '../../../stores/points';
import { formatFen } from '../../../lib/money';
import { appendPaths } from '../../../lib/set-data';
import { shanghaiDate } from '../../../lib/time';
import { POINTS_KIND_LABEL, type PointsEntryView } from '../../../../typings/points';

function entryView(e: PointsEntryView) {
  return {
    id: e.id,
    kind: POINTS_KIND_LABEL[e.kind] ?? e.kind,
    // The Shanghai day of the entry, and the order it came from.
    label: `${shanghaiDate(Date.parse(e.at))}${e.orderNo ? ` 订单 ${e.orderNo}` : ''}`,
    points: `${e.points > 0 ? '+' : ''}${e.points}`,
    minus: e.points < 0,
  };
}

type EntryRow = ReturnType<typeof entryView>;

/** 我的积分: balance and what expires, the level and what the next needs, the rules, the monthly coupon, 积分明细. */
ComponentWithStore({
  data: { entries: [] as EntryRow[] },
  storeBindings: {
    store: pointsStore,
    fields: {
      state: (s: PointsStore) => s.summaryLoad.state,
      error: (s: PointsStore) => s.summaryLoad.error,
      empty: (s: PointsStore) => s.summaryLoad.empty,
      summary: (s: PointsStore) => {
        const p = s.summary;
        if (!p) return null;
        const { level, rule } = p;
        const next = level.next;
        return {
          balance: p.balance,
          expiring: p.expiring.points > 0 ? `${p.expiring.points} 积分将于 ${p.expiring.on} 过期` : '',
          level: level.name,
          spend: `近 12 个月消费 ${formatFen(level.spendFen)}`,
          next: next ? `还差 ${formatFen(next.needFen)} 升级为 ${next.name}` : '已是最高等级',
          progress: next ? Math.floor((level.spendFen * 100) / (level.spendFen + next.needFen)) : 100,
          rules: rule.enabled
            ? [
                `每消费 ¥1 得 ${rule.earnPerYuan} 积分（取货后到账）`,
                `${rule.pointsPerYuan} 积分抵 ¥1，最多抵扣订单 ${rule.maxPercent}%`,
                `评价得 ${rule.reviewPoints} 积分`,
                '积分在获得次年年底前有效',
              ]
            : ['积分活动暂停中：暂不累积也不能抵扣'],
          coupon: level.monthlyCoupon ? { title: level.monthlyCoupon.title, taken: level.monthlyCoupon.taken } : null,
        };
      },
      taking: (s: PointsStore) => s.couponLoad.busy,
      historyState: (s: PointsStore) => s.history.state,
      historyError: (s: PointsStore) => s.history.error,
      historyEmpty: (s: PointsStore) => s.history.empty,
      historyHasMore: (s: PointsStore) => s.history.hasMore,
      historyLoadingMore: (s: PointsStore) => s.history.more.busy,
      historyMoreError: (s: PointsStore) => s.history.more.error,
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void pointsStore.loadSummary();
      void this.loadHistory();
    },
    async onPullDownRefresh() {
      await Promise.all([pointsStore.loadSummary(), this.loadHistory()]);
      wx.stopPullDownRefresh();
    },
    onRetry() {
      void pointsStore.loadSummary();
    },
    async loadHistory() {
      const rows = await pointsStore.history.reload();
      if (rows) this.setData({ entries: rows.map(entryView) });
    },
    onRetryHistory() {
      void this.loadHistory();
    },
    async onMore() {
      const page = await pointsStore.history.loadMore();
      if (page?.rows.length) this.setData(appendPaths('entries', page.start, page.rows.map(entryView)));
    },
    onReachBottom() {
      void this.onMore();
    },
    onTakeCoupon() {
      void pointsStore.takeMonthlyCoupon();
    },
  },
});
