import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { userStore, type UserStore } from '../../stores/user';
import { pointsStore, type PointsStore } from '../../stores/points';
import { orderStore, ORDER_TABS, type OrderTab } from '../../stores/order';
import { syncTabBar, TAB_PAGES } from '../../lib/tab-bar';

ComponentWithStore({
  data: { shortcuts: ORDER_TABS.filter((t) => t.name !== 'all') },
  storeBindings: [
    {
      store: pointsStore,
      fields: {
        /** '' until the summary answers (a failure leaves the link without figures). */
        pointsText: (s: PointsStore) => (s.summary ? `${s.summary.balance} 积分` : ''),
        levelText: (s: PointsStore) => s.summary?.level.name ?? '',
      },
      actions: [],
    },
    {
      store: userStore,
      fields: {
        state: (s: UserStore) => s.meLoad.state,
        error: (s: UserStore) => s.meLoad.error,
        empty: (s: UserStore) => s.meLoad.empty,
        loaded: (s: UserStore) => !!s.me,
        nickname: (s: UserStore) => s.me?.nickname ?? '',
        avatar: (s: UserStore) => s.localAvatar || s.me?.avatar || '',
        phoneText: (s: UserStore) => (s.me?.phoneTail ? `尾号 ${s.me.phoneTail}` : ''),
        saving: (s: UserStore) => s.profileLoad.busy,
        isLeader: (s: UserStore) => s.me?.leader?.status === 'active',
        pointName: (s: UserStore) => s.pickupPoint?.name ?? '',
        pointAddress: (s: UserStore) => s.pickupPoint?.address ?? '',
      },
      actions: [],
    },
  ],
  methods: {
    onShow() {
      syncTabBar(this, TAB_PAGES.me);
      void userStore.loadMe();
      void pointsStore.loadSummary();
    },
    onRetry() {
      void userStore.loadMe();
    },
    onChooseAvatar(event: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>) {
      void userStore.saveAvatar(event.detail.avatarUrl);
    },
    /** <input type="nickname">: the value is final on blur (WeChat's nickname review has run by then). */
    onNickname(event: WechatMiniprogram.CustomEvent<{ value: string }>) {
      void userStore.saveNickname(event.detail.value ?? '');
    },
    onPhone(event: WechatMiniprogram.CustomEvent<{ code?: string; errMsg?: string }>) {
      void userStore.bindPhone(event.detail ?? {});
    },
    onOrders(event: WechatMiniprogram.BaseEvent) {
      orderStore.showTab((event.currentTarget.dataset.tab as OrderTab) ?? 'all');
    },
  },
});
