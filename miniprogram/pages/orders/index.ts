import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { orderStore, ORDER_TABS, type OrderStore, type OrderTab } from '../../stores/order';
import { formatFen } from '../../lib/money';
import { STATUS_TEXT } from '../../lib/order-status';
import { formatTime } from '../../lib/time';
import { syncTabBar, TAB_PAGES } from '../../lib/tab-bar';

ComponentWithStore({
  data: { tabs: ORDER_TABS },
  storeBindings: {
    store: orderStore,
    fields: {
      tab: (s: OrderStore) => s.tab,
      state: (s: OrderStore) => s.list.state,
      error: (s: OrderStore) => s.list.error,
      empty: (s: OrderStore) => s.list.empty,
      hasMore: (s: OrderStore) => s.list.hasMore,
      loadingMore: (s: OrderStore) => s.list.more.busy,
      moreError: (s: OrderStore) => s.list.more.error,
      orders: (s: OrderStore) =>
        s.orders.map((o) => ({
          id: o._id,
          orderNo: o.orderNo,
          statusText: STATUS_TEXT[o.status],
          summary: o.lines.map((l) => `${l.title}×${l.qty}`).join('，'),
          totalText: formatFen(o.totalFen),
          createdText: formatTime(o.createdAt),
        })),
    },
    actions: [],
  },
  methods: {
    // A tab page: the me page picks the tab (orderStore.tab) before switching here.
    onShow() {
      syncTabBar(this, TAB_PAGES.orders);
      void orderStore.loadList();
    },
    async onPullDownRefresh() {
      await orderStore.loadList();
      wx.stopPullDownRefresh();
    },
    onReachBottom() {
      void orderStore.loadMore();
    },
    onTabChange(event: WechatMiniprogram.CustomEvent<{ name: OrderTab }>) {
      void orderStore.loadList(event.detail.name);
    },
    onRetry() {
      void orderStore.loadList();
    },
    onMore() {
      void orderStore.loadMore();
    },
    onOpen(event: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/packages/order/detail/index?id=${event.currentTarget.dataset.id}` });
    },
    goShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
