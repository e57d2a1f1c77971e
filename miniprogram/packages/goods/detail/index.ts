import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { catalogStore, type CatalogStore } from '../../../stores/catalog';
import { cartStore, type CartStore } from '../../../stores/cart';
import { posterStore } from '../../../stores/poster';
import { userStore } from '../../../stores/user';
import { formatFen } from '../../../lib/money';
import { groupStore } from '../../../stores/group';
import { shanghaiDate } from '../../../lib/time';
import { itemMinimum } from '../../../lib/group';
import { neighboursText } from '../../../lib/neighbours';
import type { ProductStorage, StorageMode } from '../../../../typings/models';

// The mini-program's build transforms files one by one (nothing outside miniprogram/ is bundled), so the
// words of typings/product-info.ts STORAGE_LABELS are repeated here; the Record fails the type check if a mode is added.
const STORAGE_LABELS: Record<StorageMode, string> = { ambient: '常温', chilled: '冷藏', frozen: '冷冻' };
const storageText = (s: ProductStorage) => (s.note ? `${STORAGE_LABELS[s.mode]} · ${s.note}` : STORAGE_LABELS[s.mode]);

ComponentWithStore({
  data: { itemId: '' },
  storeBindings: [
    {
      store: catalogStore,
      fields: {
        state: (s: CatalogStore) => s.detailLoad.state,
        error: (s: CatalogStore) => s.detailLoad.error,
        empty: (s: CatalogStore) => s.detailLoad.empty,
        item: (s: CatalogStore) => {
          const i = s.detail;
          if (!i) return null;
          const total = i.sold + i.stock;
          return {
            title: i.title,
            image: i.images[0] ?? i.image ?? '',
            description: i.description ?? '',
            priceText: formatFen(i.priceFen),
            originalPriceText: i.originalPriceFen > i.priceFen ? formatFen(i.originalPriceFen) : '',
            percent: total > 0 ? Math.round((i.sold / total) * 100) : 0,
            group: itemMinimum(i),
            minText: `${i.minQuantity}${i.unit}`,
            stockText: i.soldOut || i.stock <= 0 ? '已售罄' : `已售${i.sold}${i.unit} · 剩${i.stock}${i.unit}`,
            neighboursText: neighboursText(i.neighbours),
            limitText:
              i.limitPerUser > 0 ? `限购${i.limitPerUser}件，您还可买${Math.max(0, i.remainingLimit ?? 0)}件` : '',
            canBuy: i.batch.phase === 'open' && !i.soldOut && i.stock > 0,
            closedText:
              i.batch.phase === 'open' ? '' : i.batch.phase === 'upcoming' ? s.opensText(i.batch) : '本期已截单',
          };
        },
      },
      actions: [],
    },
    // 商品信息: its own binding, apart from the price block above.
    {
      store: catalogStore,
      fields: {
        info: (s: CatalogStore) => {
          const i = s.detail;
          if (!i) return null;
          const rows = [
            i.origin ? { label: '产地', value: i.origin } : null,
            i.shelfLife ? { label: '保质期', value: i.shelfLife } : null,
            i.storage ? { label: '储存', value: storageText(i.storage) } : null,
          ].filter((r) => r !== null);
          const certImages = i.certImages ?? [];
          if (!rows.length && !certImages.length && !i.badGoodsPromise) return null;
          return { rows, certImages, promise: i.badGoodsPromise ?? '' };
        },
      },
      actions: [],
    },
    // 拼团: the group price and 发起拼团, when the item has one and is selling.
    {
      store: catalogStore,
      fields: {
        groupDeal: (s: CatalogStore) => {
          const i = s.detail;
          const g = i?.groupDeal;
          if (!i || !g) return null;
          return {
            priceText: formatFen(Math.min(g.priceFen, i.priceFen)),
            rule: `${g.size}人成团 · ${g.minutes >= 60 && g.minutes % 60 === 0 ? `${g.minutes / 60}小时` : `${g.minutes}分钟`}内未拼成自动退款`,
            canStart: i.batch.phase === 'open' && !i.soldOut && i.stock > 0,
          };
        },
      },
      actions: [],
    },
    // 评价: the product's average and newest reviews, their own binding too.
    {
      store: catalogStore,
      fields: {
        reviews: (s: CatalogStore) => {
          const r = s.detail?.reviews;
          if (!r) return null;
          return {
            count: r.count,
            averageText: r.average.toFixed(1),
            rows: r.recent.map((v) => ({
              id: v._id,
              author: v.author,
              avatar: v.avatar ?? '',
              stars: v.stars,
              text: v.text,
              photos: v.photos,
              dateText: shanghaiDate(Date.parse(v.createdAt)),
            })),
          };
        },
      },
      actions: [],
    },
    { store: cartStore, fields: { cartCount: (s: CartStore) => s.count }, actions: [] },
  ],
  methods: {
    async onLoad(query: { id?: string; scene?: string }) {
      // Opened from an item poster's 小程序码: the scene names the leader (bind a first visit) and the item.
      if (!query.id && query.scene) void userStore.enter({ scene: decodeURIComponent(query.scene) });
      const id = query.id ?? (query.scene ? await posterStore.itemOfScene(query.scene) : '');
      this.setData({ itemId: id });
      void catalogStore.loadDetail(id);
    },
    /** 发起拼团: one unit at the group price in its own order, paid now; then the group's page to share. */
    onStartGroup() {
      const detail = catalogStore.detail;
      if (detail) void groupStore.start({ batchId: detail.batchId, batchItemId: detail._id });
    },
    /** 生成海报: the item with the 小程序码 of the resident's own leader. */
    onPoster() {
      wx.navigateTo({ url: `/packages/goods/poster/index?id=${encodeURIComponent(this.data.itemId)}` });
    },
    onRetry() {
      void catalogStore.loadDetail(this.data.itemId);
    },
    onAddToCart() {
      const detail = catalogStore.detail;
      if (!detail) return;
      cartStore.addFromCatalog(detail, detail.batch);
    },
    /** 资质/检测报告: full screen, swipe through all of them. */
    onPreviewCert(e: WechatMiniprogram.TouchEvent) {
      const current = String(e.currentTarget.dataset.src ?? '');
      wx.previewImage({ current, urls: catalogStore.detail?.certImages ?? [current] });
    },
    goCart() {
      wx.switchTab({ url: '/pages/cart/index' });
    },
  },
});
