import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { cartStore, type CartStore } from '../../../stores/cart';
import { orderStore, type OrderStore } from '../../../stores/order';
import { userStore, type UserStore } from '../../../stores/user';
import { formatFen } from '../../../lib/money';
import { userMessage } from '../../../lib/errors';
import { config } from '../../../config';

/** Asks for the pickup-notice consent; a refusal or failure never blocks the order. */
function askPickupNoticeConsent(): Promise<void> {
  const templateId = config.pickupNoticeTemplateId;
  if (!templateId) return Promise.resolve();
  return new Promise((resolve) => {
    wx.requestSubscribeMessage({
      tmplIds: [templateId],
      success: (res: Record<string, unknown>) => {
        void userStore.recordSubscriptions(res, [templateId]);
        resolve();
      },
      fail: () => resolve(),
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}

ComponentWithStore({
  data: { submitError: '' },
  storeBindings: [
    {
      store: userStore,
      fields: {
        pointName: (s: UserStore) => s.pickupPoint?.name ?? '',
        pointAddress: (s: UserStore) => s.pickupPoint?.address ?? '',
      },
      actions: [],
    },
    {
      store: orderStore,
      fields: {
        submitting: (s: OrderStore) => s.submitting,
        created: (s: OrderStore) => !!s.created,
        // Once the order exists its lines and total are the server's, whatever the cart said.
        lines: (s: OrderStore) =>
          s.created
            ? s.created.lines.map((l) => ({
                id: l.batchItemId,
                title: l.title,
                qty: l.qty,
                amountText: formatFen(l.amountFen),
              }))
            : cartStore.buyableLines.map((l) => ({
                id: l.batchItemId,
                title: l.title,
                qty: l.qty,
                amountText: formatFen(l.priceFen * l.qty),
              })),
        totalFen: (s: OrderStore) => (s.created ? s.created.totalFen : cartStore.buyableTotalFen),
      },
      actions: [],
    },
    { store: cartStore, fields: { cartCount: (s: CartStore) => s.buyableCount }, actions: [] },
  ],
  methods: {
    onLoad() {
      orderStore.beginCheckout();
      if (!userStore.me) void userStore.loadMe();
    },
    onChangePoint() {
      if (orderStore.created) return; // the order already carries its point
      wx.navigateTo({ url: '/packages/user/pickup-points/index' });
    },
    async onSubmit() {
      const point = userStore.pickupPoint;
      if (!point) {
        wx.showToast({ title: '请先选择自提点', icon: 'none' });
        return;
      }
      const lines = cartStore.buyableLines;
      const batchId = lines[0]?.batchId;
      if (!orderStore.created && (!lines.length || !batchId)) {
        wx.showToast({ title: '没有可购买的商品', icon: 'none' });
        return;
      }
      this.setData({ submitError: '' });
      // Must run inside the tap: WeChat only shows the consent sheet for a user gesture.
      const consent = askPickupNoticeConsent();
      let order;
      try {
        order = await orderStore.createOrder({
          batchId: batchId ?? orderStore.created!.batchId,
          pickupPointId: point._id,
          // One batch per order; lines of another batch stay in the cart for the next one.
          lines: lines.filter((l) => l.batchId === batchId).map((l) => ({ batchItemId: l.batchItemId, qty: l.qty })),
        });
      } catch (err) {
        this.setData({ submitError: userMessage(err) });
        return;
      }
      cartStore.removeOrdered(order.lines.map((l) => l.batchItemId));
      await consent;
      let outcome: string;
      try {
        outcome = await orderStore.pay(order._id);
      } catch (err) {
        outcome = 'failed';
        wx.showToast({ title: userMessage(err), icon: 'none' });
      }
      if (outcome === 'paid') wx.showToast({ title: '支付成功', icon: 'success' });
      else if (outcome === 'cancelled') wx.showToast({ title: '已取消支付，可在订单中继续支付', icon: 'none' });
      // Paid or not, the order exists: its detail page is where to pay, cancel or pick up.
      wx.redirectTo({ url: `/packages/order/detail/index?id=${order._id}` });
    },
  },
});
