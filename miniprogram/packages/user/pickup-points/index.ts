import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { userStore, type UserStore } from '../../../stores/user';

ComponentWithStore({
  data: { choosing: false },
  storeBindings: {
    store: userStore,
    fields: {
      state: (s: UserStore) => s.pointsState,
      error: (s: UserStore) => s.pointsError,
      currentId: (s: UserStore) => s.pickupPoint?._id ?? '',
      points: (s: UserStore) =>
        s.pickupPoints.map((p) => ({
          id: p._id,
          name: p.name,
          address: p.address,
          hours: p.hours ? `营业 ${p.hours}` : '',
        })),
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void userStore.loadPickupPoints();
      if (!userStore.me) void userStore.loadMe();
    },
    onRetry() {
      void userStore.loadPickupPoints();
    },
    async onChoose(event: WechatMiniprogram.BaseEvent) {
      if (this.data.choosing) return;
      this.setData({ choosing: true });
      const error = await userStore.choosePickupPoint(String(event.currentTarget.dataset.id));
      this.setData({ choosing: false });
      if (error) {
        wx.showToast({ title: error, icon: 'none' });
        return;
      }
      wx.showToast({ title: '已切换自提点', icon: 'success' });
      wx.navigateBack();
    },
  },
});
