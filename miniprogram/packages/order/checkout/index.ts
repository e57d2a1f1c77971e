import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { checkoutStore, type CheckoutStore } from '../../../stores/checkout';
import { noticeStore } from '../../../stores/notices';
import { userStore, type UserStore } from '../../../stores/user';
import { formatFen } from '../../../lib/money';
import { couponRule } from '../../../lib/coupons';
import { couponStore, type CouponStore } from '../../../stores/coupons';
import { pointsStore, type PointsStore } from '../../../stores/points';

ComponentWithStore({
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
      store: couponStore,
      fields: {
        /** '' hides the row: no coupon at all. */
        couponText: (s: CouponStore) => {
          const all = s.cart?.coupons ?? [];
          if (!all.length) return '';
          if (s.discountFen > 0) return `-${formatFen(s.discountFen)}`;
          return all.some((c) => c.applies) ? '不使用' : '暂无可用';
        },
        couponLabel: (s: CouponStore) => s.chosen.map((c) => `${c.title} · ${couponRule(c)}`).join(' + '),
      },
      actions: [],
    },
    {
      store: pointsStore,
      fields: { pointsOn: (s: PointsStore) => s.use },
      actions: [],
    },
    {
      store: checkoutStore,
      fields: {
        /** '' hides the row: points off, or nothing the balance can take. */
        pointsText: (s: CheckoutStore) => {
          const { points, fen } = s.points;
          if (!points) return '';
          return `${s.created ? '已用' : '可用'} ${points} 积分抵 ${formatFen(fen)}`;
        },
        submitting: (s: CheckoutStore) => s.createLoad.busy,
        submitError: (s: CheckoutStore) => s.createLoad.error,
        created: (s: CheckoutStore) => !!s.created,
        lines: (s: CheckoutStore) =>
          s.lines.map((l) => ({
            id: l.batchItemId,
            title: l.title,
            image: l.image,
            qty: l.qty,
            amountText: formatFen(l.amountFen),
          })),
        totalFen: (s: CheckoutStore) => s.totalFen,
      },
      actions: [],
    },
  ],
  methods: {
    /** 优惠券: the coupons that apply to this cart, largest discount first, or none. */
    onCoupon() {
      if (checkoutStore.created) return; // the order already carries its coupon
      const cart = couponStore.cart;
      const usable = (cart?.coupons ?? []).filter((c) => c.applies).slice(0, 5);
      if (!cart || !usable.length) return;
      // With stacking on, the best platform coupon + 团长券 pair comes first.
      const pair = cart.bestIds.length > 1 ? cart.bestIds : undefined;
      const choices: string[][] = [...(pair ? [pair] : []), ...usable.map((c) => [c._id])];
      const titleOf = (id: string) => cart.coupons.find((c) => c._id === id)?.title ?? '';
      wx.showActionSheet({
        itemList: [
          ...(pair ? [`-${formatFen(cart.bestDiscountFen)} ${pair.map(titleOf).join(' + ')}`] : []),
          ...usable.map((c) => `${c.applies ? `-${formatFen(c.discountFen)}` : ''} ${c.title}`),
          '不使用优惠券',
        ],
        success: ({ tapIndex }) => couponStore.choose(choices[tapIndex] ?? []),
      });
    },
    onPoints(event: WechatMiniprogram.CustomEvent) {
      if (checkoutStore.created) return; // the order already took its points
      pointsStore.setUse((event.detail as unknown) === true); // van-switch sends the new state
    },
    onLoad() {
      checkoutStore.begin();
      if (!userStore.me) void userStore.loadMe();
      void noticeStore.load();
    },
    onChangePoint() {
      if (checkoutStore.created) return; // the order already carries its point
      wx.navigateTo({ url: '/packages/user/pickup-points/index' });
    },
    onSubmit() {
      void checkoutStore.submit();
    },
  },
});
