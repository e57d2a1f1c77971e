import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { orderStore, type OrderStore } from '../../../stores/order';
import { userStore, type UserStore } from '../../../stores/user';
import { formatFen } from '../../../lib/money';
import { userMessage } from '../../../lib/errors';
import { STATUS_TEXT, orderSteps } from '../../../lib/order-status';
import { formatTime } from '../../../lib/time';
import { qrDataUrl } from '../../../lib/qr';
import type { OrderStatus } from '../../../../typings/models';

const AFTER_SALE_OK: OrderStatus[] = ['paid', 'arrived', 'picked_up'];

ComponentWithStore({
  data: { orderId: '', busy: false },
  storeBindings: [
    {
      store: orderStore,
      fields: {
        state: (s: OrderStore) => s.detailState,
        error: (s: OrderStore) => s.detailError,
        order: (s: OrderStore) => {
          const o = s.current;
          if (!o) return null;
          return {
            id: o._id,
            orderNo: o.orderNo,
            status: o.status,
            statusText: STATUS_TEXT[o.status],
            totalText: formatFen(o.totalFen),
            refundedText: o.refundedFen > 0 ? formatFen(o.refundedFen) : '',
            createdText: formatTime(o.createdAt),
            payDeadlineText: formatTime(o.payDeadline),
            pickupCode: o.pickupCode ?? '',
            pickupQr: o.pickupCode ? qrDataUrl(o.pickupCode) : '',
            pickupPointId: o.pickupPointId,
            lines: o.lines.map((l) => ({
              id: l.batchItemId,
              title: l.title,
              qtyText: `×${l.qty}${l.refundedQty ? `（已退${l.refundedQty}）` : ''}`,
              amountText: formatFen(l.amountFen),
            })),
            canPay: o.status === 'pending_payment',
            canCancel: o.status === 'pending_payment',
            canAfterSale: AFTER_SALE_OK.includes(o.status),
          };
        },
        steps: (s: OrderStore) => (s.current ? orderSteps(s.current.history ?? [], s.current.status).steps : []),
        activeStep: (s: OrderStore) => (s.current ? orderSteps(s.current.history ?? [], s.current.status).active : 0),
      },
      actions: [],
    },
    {
      store: userStore,
      fields: {
        // OrderView carries only the point's id; the name comes from the points the user store knows.
        pointText: (s: UserStore) => {
          const point = orderStore.current && s.pointById(orderStore.current.pickupPointId);
          return point ? `${point.name}（${point.address}）` : '';
        },
      },
      actions: [],
    },
  ],
  methods: {
    onLoad(query: { id?: string }) {
      this.setData({ orderId: query.id ?? '' });
      void orderStore.loadDetail(query.id ?? '');
      if (!userStore.pickupPoints.length) void userStore.loadPickupPoints();
    },
    onRetry() {
      void orderStore.loadDetail(this.data.orderId);
    },
    async onCancel() {
      const { confirm } = await wx.showModal({
        title: '取消订单',
        content: '确定取消这个订单吗？',
        confirmText: '取消订单',
        cancelText: '再想想',
      });
      if (!confirm) return;
      this.setData({ busy: true });
      const error = await orderStore.cancel(this.data.orderId);
      this.setData({ busy: false });
      wx.showToast(error ? { title: error, icon: 'none' } : { title: '订单已取消', icon: 'success' });
    },
    async onPay() {
      this.setData({ busy: true });
      try {
        const outcome = await orderStore.pay(this.data.orderId);
        if (outcome === 'paid') wx.showToast({ title: '支付成功', icon: 'success' });
        else if (outcome === 'cancelled') wx.showToast({ title: '已取消支付', icon: 'none' });
        else wx.showToast({ title: '支付失败，请重试', icon: 'none' });
      } catch (err) {
        wx.showToast({ title: userMessage(err), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
    onAfterSale() {
      wx.navigateTo({ url: `/packages/order/after-sale/index?id=${this.data.orderId}` });
    },
  },
});
