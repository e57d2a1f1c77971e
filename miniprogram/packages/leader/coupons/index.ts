import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { leaderCouponStore, type LeaderCouponStore } from '../../../stores/leader/coupons';
import { couponDays, couponRule } from '../../../lib/coupons';
import { formatFen, parseYuan } from '../../../lib/money';
import { shanghaiDate } from '../../../lib/time';

const DAY_MS = 24 * 3600_000;

/**
 * 团长券: coupons the leader funds from commission for the residents of their
 * own point (满减 with a 门槛, 立减 without), copies × amount within this month's
 * budget the platform sets; each coupon's claimed/used/cost. The discount is
 * taken from the commission when a resident's paid order uses it.
 */
ComponentWithStore({
  data: { title: '', off: '', threshold: '', total: '10', days: '7', formError: '' },
  storeBindings: {
    store: leaderCouponStore,
    fields: {
      state: (s: LeaderCouponStore) => s.load.state,
      error: (s: LeaderCouponStore) => s.load.error,
      empty: (s: LeaderCouponStore) => s.load.empty,
      creating: (s: LeaderCouponStore) => s.createLoad.busy,
      createError: (s: LeaderCouponStore) => s.createLoad.error,
      open: (s: LeaderCouponStore) => (s.data?.budgetFen ?? 0) > 0,
      budgetText: (s: LeaderCouponStore) =>
        s.data
          ? s.data.budgetFen > 0
            ? `本月额度 ${formatFen(s.data.budgetFen)} · 已用 ${formatFen(s.data.committedFen)} · 剩余 ${formatFen(Math.max(0, s.data.budgetFen - s.data.committedFen))}`
            : '平台暂未开放团长券'
          : '',
      coupons: (s: LeaderCouponStore) =>
        (s.data?.coupons ?? []).map((c) => ({
          id: c._id,
          title: c.title,
          rule: couponRule(c),
          days: couponDays(c),
          figures: `已领 ${c.claimed}/${c.total} · 已用 ${c.used} · 成本 ${formatFen(c.costFen)}`,
        })),
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void leaderCouponStore.loadCoupons();
    },
    onRetry() {
      void leaderCouponStore.loadCoupons();
    },
    onInput(event: WechatMiniprogram.CustomEvent) {
      const field = String(event.currentTarget.dataset.field);
      this.setData({ [field]: String(event.detail ?? ''), formError: '' });
    },
    async onCreate() {
      const { title, off, threshold, total, days } = this.data;
      const offFen = parseYuan(off);
      const thresholdFen = threshold.trim() ? parseYuan(threshold) : 0;
      const copies = Number(total);
      const dayCount = Number(days);
      const problem = !title.trim()
        ? '请填写券名称'
        : !offFen
          ? '请填写优惠金额'
          : thresholdFen === null
            ? '使用门槛格式不正确'
            : !Number.isInteger(copies) || copies < 1
              ? '发放数量须为正整数'
              : !Number.isInteger(dayCount) || dayCount < 1 || dayCount > 60
                ? '有效天数须为 1-60'
                : '';
      this.setData({ formError: problem });
      if (problem || !offFen || thresholdFen === null) return;
      const now = Date.now();
      const made = await leaderCouponStore.create({
        title: title.trim(),
        kind: thresholdFen > 0 ? 'threshold' : 'fixed',
        offFen,
        thresholdFen,
        total: copies,
        perResident: 1,
        validFrom: shanghaiDate(now),
        validTo: shanghaiDate(now + (dayCount - 1) * DAY_MS),
      });
      if (made) {
        this.setData({ title: '', off: '', threshold: '' });
        wx.showToast({ title: '已发券，本自提点居民可在领券中心领取', icon: 'none' });
      }
    },
  },
});
