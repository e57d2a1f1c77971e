import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { userStore, type UserStore } from '../stores/user';
import { cartStore, type CartStore } from '../stores/cart';
import { TAB_PAGES } from '../lib/tab-bar';

/**
 * app.json tabBar.custom: the bar WeChat puts on every tab page. 首页/购物车/订单/我的
 * for everyone; 团长 only when the user's roles include 'leader' (the server still
 * checks the role on every leader action). The cart count is its badge, because
 * wx.setTabBarBadge does nothing for a custom bar.
 */
ComponentWithStore({
  data: { selected: '', pages: TAB_PAGES },
  storeBindings: [
    {
      store: userStore,
      fields: { isLeader: (s: UserStore) => s.isLeader },
      actions: [],
    },
    {
      store: cartStore,
      fields: { cartBadge: (s: CartStore) => (s.count > 99 ? '99+' : s.count > 0 ? String(s.count) : '') },
      actions: [],
    },
  ],
  lifetimes: {
    attached() {
      this.sync();
      if (!userStore.me && userStore.meLoad.state === 'idle') void userStore.loadMe();
    },
  },
  pageLifetimes: {
    show() {
      this.sync();
    },
  },
  methods: {
    /** Selects the item of the page on top (tab pages also tell their bar in onShow). */
    sync() {
      const pages = getCurrentPages();
      const route = pages[pages.length - 1]?.route;
      if (route && route !== this.data.selected) this.setData({ selected: route });
    },
    onChange(event: WechatMiniprogram.CustomEvent) {
      const route = String(event.detail);
      wx.switchTab({ url: `/${route}` });
    },
  },
});
