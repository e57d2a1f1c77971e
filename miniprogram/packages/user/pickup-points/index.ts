import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { userStore, type UserStore } from '../../../stores/user';

ComponentWithStore({
  storeBindings: {
    store: userStore,
    fields: {
      state: (s: UserStore) => s.pointsLoad.state,
      error: (s: UserStore) => s.pointsLoad.error,
      empty: (s: UserStore) => s.pointsLoad.empty,
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
    onChoose(event: WechatMiniprogram.BaseEvent) {
      void userStore.choosePickupPoint(String(event.currentTarget.dataset.id));
    },
  },
});
