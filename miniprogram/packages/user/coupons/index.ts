import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { couponStore, type CouponStore } from '../../../stores/coupons';
import { couponDays, couponRule } from '../../../lib/coupons';
import type { ClaimState } from '../../../../typings/coupons';

const STATE_TABS: Array<{ name: ClaimState; title: string }> = [
  { name: 'unused', title: '未使用' },
  { name: 'used', title: '已使用' },
  { name: 'expired', title: '已过期' },
];

/** 领券中心 (coupons on offer, 立即领取) and 我的优惠券 (by state): one page, two tabs. */
ComponentWithStore({
  data: { tab: 'offers', stateTabs: STATE_TABS },
  storeBindings: {
    store: couponStore,
    fields: {
      offersState: (s: CouponStore) => s.offersLoad.state,
      offersError: (s: CouponStore) => s.offersLoad.error,
      offersEmpty: (s: CouponStore) => s.offersLoad.empty,
      offers: (s: CouponStore) =>
        s.offers.map((o) => {
          const full = o.mine >= o.perResident;
          return {
            id: o._id,
            title: o.title,
            rule: couponRule(o),
            days: couponDays(o),
            buttonText: full ? '已领取' : o.left <= 0 ? '已抢光' : '立即领取',
            canClaim: !full && o.left > 0,
            claiming: s.claiming === o._id,
          };
        }),
      mineState: (s: CouponStore) => s.mineLoad.state,
      mineError: (s: CouponStore) => s.mineLoad.error,
      mineEmpty: (s: CouponStore) => s.mineLoad.empty,
      state: (s: CouponStore) => s.mineState,
      mine: (s: CouponStore) =>
        s.mine.map((c) => ({ id: c._id, title: c.title, rule: couponRule(c), days: couponDays(c), state: c.state })),
    },
    actions: [],
  },
  methods: {
    onLoad(query: { tab?: string }) {
      const tab = query.tab === 'mine' ? 'mine' : 'offers';
      this.setData({ tab });
      void (tab === 'mine' ? couponStore.loadMine('unused') : couponStore.loadOffers());
    },
    onTab(event: WechatMiniprogram.CustomEvent<{ name: string }>) {
      const tab = event.detail.name;
      if (tab === this.data.tab) return;
      this.setData({ tab });
      void (tab === 'mine' ? couponStore.loadMine() : couponStore.loadOffers());
    },
    onState(event: WechatMiniprogram.CustomEvent<{ name: ClaimState }>) {
      if (event.detail.name === couponStore.mineState) return;
      void couponStore.loadMine(event.detail.name);
    },
    onClaim(event: WechatMiniprogram.BaseEvent) {
      void couponStore.claim(String(event.currentTarget.dataset.id));
    },
    onRetry() {
      void (this.data.tab === 'mine' ? couponStore.loadMine() : couponStore.loadOffers());
    },
  },
});
