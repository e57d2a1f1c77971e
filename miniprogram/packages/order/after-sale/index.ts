import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { orderStore, type OrderStore } from '../../../stores/order';
import { userMessage } from '../../../lib/errors';
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
    submitting: false,
    submitError: '',
    uploadEnabled: config.mode === 'cloud',
  },
  storeBindings: {
    store: orderStore,
    fields: {
      state: (s: OrderStore) => s.detailState,
      error: (s: OrderStore) => s.detailError,
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
      if (orderStore.current?._id !== query.id) void orderStore.loadDetail(query.id ?? '');
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
    async onSubmit() {
      const lines = Object.entries(this.data.qty)
        .filter(([, qty]) => qty > 0)
        .map(([batchItemId, qty]) => ({ batchItemId, qty }));
      if (!lines.length) return void wx.showToast({ title: '请选择售后商品和数量', icon: 'none' });
      if (this.data.reasonIndex < 0) return void wx.showToast({ title: '请选择售后原因', icon: 'none' });
      this.setData({ submitting: true, submitError: '' });
      try {
        await orderStore.submitAfterSale(
          {
            orderId: this.data.orderId,
            lines,
            reason: REASONS[this.data.reasonIndex],
            description: this.data.description.trim(),
          },
          this.data.photos,
          this.data.uploadEnabled,
        );
        wx.showToast({ title: '售后申请已提交', icon: 'success' });
        wx.navigateBack();
      } catch (err) {
        this.setData({ submitError: userMessage(err) });
      } finally {
        this.setData({ submitting: false });
      }
    },
  },
});
