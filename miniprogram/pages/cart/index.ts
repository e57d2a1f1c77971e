import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { cartStore, type CartStore } from '../../stores/cart';
import { recommendStore } from '../../stores/recommend';
import { formatFen } from '../../lib/money';
import { syncTabBar, TAB_PAGES } from '../../lib/tab-bar';

/** 猜你喜欢 cards under the cart: few enough to stay light, two rows of three. */
const SUGGESTIONS = 6;

ComponentWithStore({
  storeBindings: [
    {
      store: recommendStore,
      fields: {
        // What the resident has in the cart already is not suggested again.
        suggestions: () => {
          const inCart = new Set(cartStore.lines.map((l) => l.batchItemId));
          return recommendStore.items
            .filter((i) => !inCart.has(i._id))
            .slice(0, SUGGESTIONS)
            .map((i) => ({ _id: i._id, title: i.title, image: i.image, priceText: formatFen(i.priceFen) }));
        },
      },
      actions: [],
    },
    {
      store: cartStore,
      fields: {
        // wxml cannot call TS, so money and flags are made here as the view reads them.
        lines: (store: CartStore) => {
          const checks = store.checks;
          return store.lines.map((line) => ({
            ...line,
            // The unit price where a price is expected; the line total only beside it, as 小计.
            priceText: formatFen(line.priceFen),
            subtotalText: formatFen(line.priceFen * line.qty),
            note: checks[line.batchItemId].note,
            blocked: checks[line.batchItemId].blocked,
          }));
        },
        totalFen: (store: CartStore) => store.buyableTotalFen,
        count: (store: CartStore) => store.buyableCount,
        checkState: (store: CartStore) => store.checkLoad.state,
        checkError: (store: CartStore) => store.checkLoad.error,
      },
      actions: [], // methods call cartStore directly, which reads clearer than string-named actions
    },
  ],
  methods: {
    onShow() {
      syncTabBar(this, TAB_PAGES.cart);
      // Prices, stock and limits may have moved since the items were added.
      void cartStore.revalidate();
      void recommendStore.refresh();
    },
    onRetry() {
      void cartStore.revalidate();
    },
    onQtyChange(event: WechatMiniprogram.CustomEvent) {
      // van-stepper's change detail is the new value itself.
      const { id } = event.currentTarget.dataset as { id: string };
      cartStore.setQty(id, Number(event.detail));
    },
    onRemove(event: WechatMiniprogram.BaseEvent) {
      cartStore.remove(String(event.currentTarget.dataset.id));
    },
    onSubmit() {
      cartStore.goCheckout();
    },
    onAddSuggestion(event: WechatMiniprogram.BaseEvent) {
      const item = recommendStore.items.find((i) => i._id === event.currentTarget.dataset.id);
      if (item) cartStore.addFromCatalog(item, recommendStore.batch ?? undefined);
    },
    onOpenSuggestion(event: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/packages/goods/detail/index?id=${event.currentTarget.dataset.id}` });
    },
    goShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
