import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { orderStore, type OrderStore } from '../../../stores/order';
import { noticeStore, type NoticeStore } from '../../../stores/notices';
import { userStore, type UserStore } from '../../../stores/user';
import { reviewStore, type ReviewStore } from '../../../stores/review';
import { formatFen } from '../../../lib/money';
import { notRunningLabel } from '../../../lib/group';
import { STATUS_TEXT, orderSteps } from '../../../lib/order-status';
import { formatTime } from '../../../lib/time';
import { qrDataUrl } from '../../../lib/qr';
import type { AfterSaleStatus, OrderStatus } from '../../../../typings/models';

/** Orders with messages still to come (pickup notice, reminder, refunds): worth a 订阅 button while a consent is missing. */
const SUBSCRIBE_OK: OrderStatus[] = ['paid', 'arrived'];

/** After-sale is about goods received: offered once they have arrived (before that a paid order is waiting for them). */
const AFTER_SALE_OK: OrderStatus[] = ['arrived', 'picked_up'];

const AFTER_SALE_TEXT: Record<AfterSaleStatus, string> = {
  pending: '待审核',
  approved: '已同意，退款中',
  rejected: '未通过',
  refunded: '已退款',
};

ComponentWithStore({
  data: { orderId: '' },
  storeBindings: [
    {
      store: orderStore,
      fields: {
        state: (s: OrderStore) => s.detailLoad.state,
        error: (s: OrderStore) => s.detailLoad.error,
        empty: (s: OrderStore) => s.detailLoad.empty,
        busy: (s: OrderStore) => s.actionLoad.busy,
        order: (s: OrderStore) => {
          const o = s.current;
          if (!o) return null;
          return {
            id: o._id,
            orderNo: o.orderNo,
            status: o.status,
            statusText: STATUS_TEXT[o.status],
            totalText: formatFen(o.totalFen),
            pointsText: o.points?.fen ? `-${formatFen(o.points.fen)}` : '',
            pointsUsed: o.points ? `${o.points.used} 积分` : '',
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
              // 未成团: the item did not reach its minimum, this line's money is refunded automatically.
              minimumText: l.notRunning ? notRunningLabel(l.notRunning === 'refunded') : '',
            })),
            notRunningHint: !o.lines.some((l) => l.notRunning)
              ? ''
              : o.lines.every((l) => l.notRunning !== 'refunding')
                ? '未成团的商品不发货，货款已原路退回'
                : '未成团的商品不发货，货款自动原路退回，无需申请',
            canPay: o.status === 'pending_payment',
            canCancel: o.status === 'pending_payment' || o.cancellable === true,
            canAfterSale: AFTER_SALE_OK.includes(o.status),
            groupId: o.groupId ?? '',
          };
        },
        afterSales: (s: OrderStore) =>
          s.afterSales.map((a) => ({
            id: a._id,
            title: a.lines.map((l) => `${l.title} ×${l.qty}`).join('，'),
            detail: `原因：${a.reason}${a.reviewReason ? `；平台回复：${a.reviewReason}` : ''}`,
            statusText: AFTER_SALE_TEXT[a.status] + (a.status === 'refunded' ? ` ${formatFen(a.refundFen)}` : ''),
          })),
        steps: (s: OrderStore) => (s.current ? orderSteps(s.current.history ?? [], s.current.status).steps : []),
        activeStep: (s: OrderStore) => (s.current ? orderSteps(s.current.history ?? [], s.current.status).active : 0),
      },
      actions: [],
    },
    {
      store: noticeStore,
      fields: {
        canSubscribe: (s: NoticeStore) =>
          !!orderStore.current && SUBSCRIBE_OK.includes(orderStore.current.status) && s.wantsConsent,
      },
      actions: [],
    },
    {
      store: reviewStore,
      fields: {
        canReview: (s: ReviewStore) => s.orderId === orderStore.current?._id && s.mine?.canReview === true,
        /** 我的评价: one line per item and the service, stars as ★. */
        myReviews: (s: ReviewStore) =>
          s.orderId === orderStore.current?._id && s.mine
            ? [...s.mine.goods, ...(s.mine.service ? [{ ...s.mine.service, title: '团长服务' }] : [])].map((r) => ({
                id: r._id,
                title: r.title ?? '',
                stars: '★'.repeat(r.stars) + '☆'.repeat(5 - r.stars),
                text: r.text,
              }))
            : [],
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
      void noticeStore.load();
    },
    onRetry() {
      void orderStore.loadDetail(this.data.orderId);
    },
    onCancel() {
      void orderStore.cancelOrder(this.data.orderId);
    },
    onPay() {
      // Inside the tap, before anything async: the consent sheet for every message the system sends.
      const consent = noticeStore.ask();
      void consent.then(() => orderStore.payOrder(this.data.orderId));
    },
    onSubscribe() {
      void noticeStore.ask().then(() => {
        if (!noticeStore.wantsConsent) wx.showToast({ title: '已订阅，到货和退款时通知你', icon: 'none' });
      });
    },
    onReview() {
      wx.navigateTo({ url: `/packages/order/review/index?id=${this.data.orderId}` });
    },
    /** 拼团: the group's page, its progress and the share to fill it. */
    onGroup() {
      wx.navigateTo({ url: `/packages/goods/group/index?id=${orderStore.current?.groupId ?? ''}` });
    },
    onAfterSale() {
      wx.navigateTo({ url: `/packages/order/after-sale/index?id=${this.data.orderId}` });
    },
  },
});
