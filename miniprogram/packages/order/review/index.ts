import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { orderStore, type OrderStore } from '../../../stores/order';
import { reviewStore, type ReviewStore } from '../../../stores/review';
import { config } from '../../../config';

const MAX_PHOTOS = 6;

/** 评价: stars (5 until changed), words and photos per item, then the leader's service. */
ComponentWithStore({
  data: {
    orderId: '',
    /** batchItemId → the form of that item. */
    goods: {} as Record<string, { stars: number; text: string; photos: string[] }>,
    serviceStars: 5,
    serviceText: '',
    uploadEnabled: config.mode === 'cloud',
  },
  storeBindings: [
    {
      store: orderStore,
      fields: {
        state: (s: OrderStore) => s.detailLoad.state,
        error: (s: OrderStore) => s.detailLoad.error,
        hasOrder: (s: OrderStore) => !!s.current,
        lines: (s: OrderStore) =>
          (s.current?.lines ?? [])
            // Only what was picked up is rated.
            .filter((l) => l.pickedQty > 0)
            .map((l) => ({ id: l.batchItemId, title: l.title, image: l.image ?? '' })),
      },
      actions: [],
    },
    {
      store: reviewStore,
      fields: {
        submitting: (s: ReviewStore) => s.submitLoad.busy,
        submitError: (s: ReviewStore) => s.submitLoad.error,
      },
      actions: [],
    },
  ],
  methods: {
    onLoad(query: { id?: string }) {
      const orderId = query.id ?? '';
      this.setData({ orderId, uploadEnabled: config.mode === 'cloud' });
      reviewStore.submitLoad.reset();
      if (orderStore.current?._id !== orderId) void orderStore.loadDetail(orderId);
    },
    onRetry() {
      void orderStore.loadDetail(this.data.orderId);
    },
    formOf(id: string) {
      return this.data.goods[id] ?? { stars: 5, text: '', photos: [] };
    },
    onStars(event: WechatMiniprogram.CustomEvent) {
      const id = String(event.currentTarget.dataset.id);
      this.setData({ [`goods.${id}`]: { ...this.formOf(id), stars: Number(event.detail) } });
    },
    onText(event: WechatMiniprogram.CustomEvent) {
      const id = String(event.currentTarget.dataset.id);
      this.setData({ [`goods.${id}`]: { ...this.formOf(id), text: String(event.detail) } });
    },
    onAddPhoto(event: WechatMiniprogram.BaseEvent) {
      const id = String(event.currentTarget.dataset.id);
      const form = this.formOf(id);
      const left = MAX_PHOTOS - form.photos.length;
      if (left <= 0) return;
      wx.chooseMedia({
        count: left,
        mediaType: ['image'],
        sizeType: ['compressed'],
        success: (res) =>
          this.setData({
            [`goods.${id}`]: {
              ...this.formOf(id),
              photos: [...form.photos, ...res.tempFiles.map((f) => f.tempFilePath)],
            },
          }),
      });
    },
    onRemovePhoto(event: WechatMiniprogram.BaseEvent) {
      const { id, index } = event.currentTarget.dataset as { id: string; index: number };
      const form = this.formOf(String(id));
      this.setData({ [`goods.${id}`]: { ...form, photos: form.photos.filter((_p, i) => i !== Number(index)) } });
    },
    onServiceStars(event: WechatMiniprogram.CustomEvent) {
      this.setData({ serviceStars: Number(event.detail) });
    },
    onServiceText(event: WechatMiniprogram.CustomEvent) {
      this.setData({ serviceText: String(event.detail) });
    },
    onSubmit() {
      const d = this.data;
      const lines = (orderStore.current?._id === d.orderId ? orderStore.current.lines : []).filter(
        (l) => l.pickedQty > 0,
      );
      void reviewStore.submit({
        orderId: d.orderId,
        goods: lines.map((l) => {
          const f = this.formOf(l.batchItemId);
          return { batchItemId: l.batchItemId, stars: f.stars, text: f.text, photoPaths: f.photos };
        }),
        service: { stars: d.serviceStars, text: d.serviceText },
        uploadEnabled: d.uploadEnabled,
      });
    },
  },
});
