import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { checkoutStore, type CheckoutStore } from '../../../stores/checkout';
import { noticeStore } from '../../../stores/notices';
import { userStore, type UserStore } from '../../../stores/user';
import { formatFen } from '../../../lib/money';

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
      store: checkoutStore,
      fields: {
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
