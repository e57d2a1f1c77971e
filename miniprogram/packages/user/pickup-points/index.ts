import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { userStore, type UserStore } from '../../../stores/user';

/** 350m, 1.2km; nothing when the list is by name. */
function distanceText(m: number | undefined): string {
  if (m === undefined) return '';
  return m < 1000 ? `${m}m` : `${(m / 1000).toFixed(1)}km`;
}

ComponentWithStore({
  storeBindings: {
    store: userStore,
    fields: {
      state: (s: UserStore) => s.pointsLoad.state,
      error: (s: UserStore) => s.pointsLoad.error,
      empty: (s: UserStore) => s.pointsLoad.empty,
      currentId: (s: UserStore) => s.pickupPoint?._id ?? '',
      locationMiss: (s: UserStore) => (s.pointsLoad.state === 'ready' ? s.locationMiss : ''),
      points: (s: UserStore) =>
        s.pickupPoints.map((p) => ({
          id: p._id,
          name: p.name,
          address: p.address,
          hours: p.hours ? `营业 ${p.hours}` : '',
          distance: distanceText(p.distanceM),
        })),
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void userStore.loadNearbyPoints();
      if (!userStore.me) void userStore.loadMe();
    },
    onRetry() {
      void userStore.loadNearbyPoints();
    },
    onOpenSettings() {
      userStore.openLocationSettings();
    },
    onChoose(event: WechatMiniprogram.BaseEvent) {
      void userStore.choosePickupPoint(String(event.currentTarget.dataset.id));
    },
  },
});
