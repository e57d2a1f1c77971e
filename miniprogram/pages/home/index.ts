import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { catalogStore, KEYWORD_MAX, type CatalogStore } from '../../stores/catalog';
import { cartStore, type CartStore } from '../../stores/cart';
import { userStore, type UserStore } from '../../stores/user';
import { recommendStore } from '../../stores/recommend';
import { bannerStore, type BannerStore } from '../../stores/banners';
import { formatFen } from '../../lib/money';
import { itemMinimum } from '../../lib/group';
import { neighboursText } from '../../lib/neighbours';
import type { BatchItemView } from '../../../typings/api';
import { syncTabBar, TAB_PAGES } from '../../lib/tab-bar';
import { track } from '../../lib/track';

/** What one card shows; wxml cannot call TS, so text is made here. */
function itemCard(item: BatchItemView) {
  const total = item.sold + item.stock;
  // 成团: only cards of items with a minimum carry it (the first setData stays small).
  const group = itemMinimum(item);
  return {
    ...(group ? { group } : {}),
    id: item._id,
    title: item.title,
    image: item.image ?? '',
    unit: item.unit,
    priceText: formatFen(item.priceFen),
    originalPriceText: item.originalPriceFen > item.priceFen ? formatFen(item.originalPriceFen) : '',
    percent: total > 0 ? Math.round((item.sold / total) * 100) : 0,
    soldText: `已售${item.sold}${item.unit}`,
    stockText: item.stock > 0 ? `剩${item.stock}${item.unit}` : '已售罄',
    neighboursText: neighboursText(item.neighbours),
    soldOut: item.soldOut || item.stock <= 0,
    limitText: item.limitPerUser > 0 ? `限购${item.limitPerUser}件` : '',
    remainingText:
      item.limitPerUser > 0 && item.remainingLimit !== null ? `您还可买${Math.max(0, item.remainingLimit)}件` : '',
  };
}

/** A 明日预告 card: what it will cost and when it opens; nothing to buy yet. */
function previewCard(item: BatchItemView) {
  return {
    id: item._id,
    title: item.title,
    image: item.image ?? '',
    priceText: formatFen(item.priceFen),
    originalPriceText: item.originalPriceFen > item.priceFen ? formatFen(item.originalPriceFen) : '',
    limitText: item.limitPerUser > 0 ? `限购${item.limitPerUser}件` : '',
  };
}

/** 猜你喜欢 cards in the strip at the top of home. */
const HOME_SUGGESTIONS = 6;

/** options.scene of a 小程序码 arrives URL-encoded; a neighbour's 邀请有礼 share adds ref. */
function attributionOf(options: Record<string, string | undefined>) {
  const ref = options.ref ? { ref: options.ref } : {};
  if (options.leaderId) return { leaderId: options.leaderId, ...ref };
  if (options.scene) return { scene: decodeURIComponent(options.scene), ...ref };
  return options.ref ? ref : null;
}

ComponentWithStore({
  storeBindings: [
    {
      store: catalogStore,
      fields: {
        state: (s: CatalogStore) => s.itemsLoad.state,
        error: (s: CatalogStore) => s.itemsLoad.error,
        empty: (s: CatalogStore) => s.itemsLoad.empty,
        batchTitle: (s: CatalogStore) => s.batch?.title ?? '',
        pickupDate: (s: CatalogStore) => s.batch?.pickupDate ?? '',
        cutoffMs: (s: CatalogStore) => (s.batch ? s.msToCutoff() : 0),
        isOpen: (s: CatalogStore) => s.isOpen,
        // A current batch that has not opened yet (nothing open today) says when it does.
        batchOpensText: (s: CatalogStore) => (s.batch?.phase === 'upcoming' ? s.opensText(s.batch) : ''),
        items: (s: CatalogStore) => s.shownItems.map(itemCard),
        categories: (s: CatalogStore) => s.categories,
        categoryId: (s: CatalogStore) => s.categoryId,
        keyword: (s: CatalogStore) => s.keyword,
        noMatch: (s: CatalogStore) => s.noMatch,
        hasMore: (s: CatalogStore) => s.hasMoreItems,
      },
      actions: [],
    },
    {
      // 明日预告: the next batch, listed (when the resident switches to it) but not for sale yet.
      store: catalogStore,
      fields: {
        upcomingTitle: (s: CatalogStore) => s.upcoming?.title ?? '',
        upcomingOpensText: (s: CatalogStore) => (s.upcoming ? s.opensText(s.upcoming) : ''),
        upcomingPickupDate: (s: CatalogStore) => s.upcoming?.pickupDate ?? '',
        showingPreview: (s: CatalogStore) => s.showingPreview,
        previewState: (s: CatalogStore) => s.previewLoad.state,
        previewError: (s: CatalogStore) => s.previewLoad.error,
        previewEmpty: (s: CatalogStore) => s.previewLoad.empty,
        previewCards: (s: CatalogStore) => (s.showingPreview ? s.shownPreview.map(previewCard) : []),
      },
      actions: [],
    },
    {
      // The header: where this resident picks up and who runs it.
      store: userStore,
      fields: {
        hasMe: (s: UserStore) => !!s.me,
        pointName: (s: UserStore) => s.pickupPoint?.name ?? '',
        leaderName: (s: UserStore) => s.me?.pickupLeader?.name ?? '',
        leaderAvatar: (s: UserStore) => s.me?.pickupLeader?.avatar ?? '',
      },
      actions: [],
    },
    {
      store: recommendStore,
      fields: {
        // 猜你喜欢 at the top, once there is a model (before it, the picks are just the list below).
        suggestions: (s: typeof recommendStore) =>
          s.basis === 'history' || s.basis === 'popular'
            ? s.items.slice(0, HOME_SUGGESTIONS).map((i) => ({
                id: i._id,
                title: i.title,
                image: i.image,
                priceText: formatFen(i.priceFen),
              }))
            : [],
      },
      actions: [],
    },
    {
      // 首页轮播图: only the pictures cross to the view; a tap looks its link up.
      store: bannerStore,
      fields: { banners: (s: BannerStore) => s.banners.map((b) => b.image) },
      actions: [],
    },
    {
      store: cartStore,
      // Its own field, so adding to the cart sends only the quantities, not every card again.
      fields: { cartQty: (s: CartStore) => Object.fromEntries(s.lines.map((l) => [l.batchItemId, l.qty])) },
      actions: [],
    },
  ],
  data: { keywordMax: KEYWORD_MAX },
  methods: {
    async onLoad(options: Record<string, string | undefined> = {}) {
      const attribution = attributionOf(options);
      if (attribution) await userStore.enter(attribution);
      else if (!userStore.me) void userStore.loadMe();
      void bannerStore.refresh();
      await catalogStore.load();
      void recommendStore.refresh();
    },
    onShow() {
      syncTabBar(this, TAB_PAGES.home);
    },
    async onPullDownRefresh() {
      void bannerStore.refresh();
      await catalogStore.load();
      if (catalogStore.showingPreview) await catalogStore.loadPreview();
      void recommendStore.refresh();
      wx.stopPullDownRefresh();
    },
    /** A banner opens its page, or its product's item in the batch on show (or tomorrow's). */
    onTapBanner(event: WechatMiniprogram.BaseEvent) {
      const link = bannerStore.banners[Number(event.currentTarget.dataset.index)]?.link;
      if (!link) return;
      if (link.kind === 'page') {
        const url = `/${link.page}`;
        if ((Object.values(TAB_PAGES) as string[]).includes(link.page)) wx.switchTab({ url });
        else wx.navigateTo({ url });
        return;
      }
      const item = [...catalogStore.items, ...catalogStore.previewItems].find((i) => i.productId === link.productId);
      if (item) wx.navigateTo({ url: `/packages/goods/detail/index?id=${item._id}` });
      else wx.showToast({ title: `${link.title}今天没有团购`, icon: 'none' });
    },
    onChangePoint() {
      wx.navigateTo({ url: '/packages/user/pickup-points/index' });
    },
    onChooseCategory(event: WechatMiniprogram.BaseEvent) {
      catalogStore.chooseCategory(String(event.currentTarget.dataset.id ?? ''));
    },
    /** Filters as the resident types (and on 搜索): the batch is already here. */
    onSearch(event: { detail: unknown }) {
      catalogStore.search(typeof event.detail === 'string' ? event.detail : '');
    },
    onShowAll() {
      catalogStore.search('');
      catalogStore.chooseCategory('');
    },
    onRetry() {
      void catalogStore.load();
    },
    onChooseDay(event: WechatMiniprogram.BaseEvent) {
      void catalogStore.showPreview(event.currentTarget.dataset.day === 'tomorrow');
    },
    onRetryPreview() {
      void catalogStore.loadPreview();
    },
    onReachBottom() {
      catalogStore.showMore();
    },
    onCutoff() {
      catalogStore.markCutoffPassed();
    },
    onShareAppMessage() {
      const leaderId = userStore.shareLeaderId;
      track('share', { batchId: catalogStore.batch?._id, leaderId: leaderId ?? undefined });
      return {
        title: catalogStore.batch?.title ?? '社区团购',
        path: leaderId ? `/pages/home/index?leaderId=${encodeURIComponent(leaderId)}` : '/pages/home/index',
      };
    },
    onAddToCart(event: WechatMiniprogram.BaseEvent) {
      const item = catalogStore.itemById(String(event.currentTarget.dataset.id));
      if (!item) return;
      cartStore.addFromCatalog(item, catalogStore.batch ?? undefined);
    },
    onOpenItem(event: WechatMiniprogram.BaseEvent) {
      wx.navigateTo({ url: `/packages/goods/detail/index?id=${event.currentTarget.dataset.id}` });
    },
  },
});
