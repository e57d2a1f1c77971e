import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { orderStore, type OrderStore } from '../../../stores/order';
import { formatFen } from '../../../lib/money';
import { config } from '../../../config';

const REASONS = ['商品破损', '商品缺少', '质量问题', '发错商品', '其他'];
const MAX_PHOTOS = 6;

ComponentWithStore({
  data: {
    orderId: '',
    reasons: REASONS,
    reasonIndex: -1,
    description: '',
    photos: [] as string[],
    /** batchItemId → qty asked for. */
    qty: {} as Record<string, number>,
    uploadEnabled: config.mode === 'cloud',
  },
  storeBindings: {
    store: orderStore,
    fields: {
      state: (s: OrderStore) => s.detailLoad.state,
      error: (s: OrderStore) => s.detailLoad.error,
      submitting: (s: OrderStore) => s.afterSaleLoad.busy,
      submitError: (s: OrderStore) => s.afterSaleLoad.error,
      lines: (s: OrderStore) =>
        (s.current?.lines ?? [])
          .map((l) => ({
            id: l.batchItemId,
            title: l.title,
            priceText: formatFen(l.priceFen),
            // Units already refunded cannot be asked for again.
            max: l.qty - l.refundedQty,
          }))
          .filter((l) => l.max > 0),
    },
    actions: [],
  },
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ orderId: query.id ?? '', uploadEnabled: config.mode === 'cloud' });
      orderStore.openAfterSale(query.id ?? '');
    },
    onRetry() {
      void orderStore.loadDetail(this.data.orderId);
    },
    onQty(event: WechatMiniprogram.CustomEvent) {
      const id = String(event.currentTarget.dataset.id);
      this.setData({ [`qty.${id}`]: Number(event.detail) });
    },
    onReason(event: WechatMiniprogram.PickerChange) {
      this.setData({ reasonIndex: Number(event.detail.value) });
    },
    onDescription(event: WechatMiniprogram.CustomEvent) {
      this.setData({ description: String(event.detail) });
    },
    onAddPhoto() {
      const left = MAX_PHOTOS - this.data.photos.length;
      if (left <= 0) return;
      wx.chooseMedia({
        count: left,
        mediaType: ['image'],
        sizeType: ['compressed'],
        success: (res) => this.setData({ photos: [...this.data.photos, ...res.tempFiles.map((f) => f.tempFilePath)] }),
      });
    },
    onRemovePhoto(event: WechatMiniprogram.BaseEvent) {
      const index = Number(event.currentTarget.dataset.index);
      this.setData({ photos: this.data.photos.filter((_p, i) => i !== index) });
    },
    onSubmit() {
      const d = this.data;
      void orderStore.submitAfterSale({
        orderId: d.orderId,
        qty: d.qty,
        reason: REASONS[d.reasonIndex] ?? '',
        description: d.description,
        photoPaths: d.photos,
        uploadEnabled: d.uploadEnabled,
      });
    },
  },
});
