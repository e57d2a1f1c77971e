import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { applyStore, type ApplyStore } from '../../../stores/leader/apply';
import { userStore, type UserStore } from '../../../stores/user';
import { config } from '../../../config';

type Field = 'name' | 'phone' | 'address' | 'pointName' | 'hours';

/** 申请成为团长 (see stores/leader/apply): the form is page data; the store checks and sends it. */
ComponentWithStore({
  data: {
    name: '',
    phone: '',
    address: '',
    pointName: '',
    hours: '08:00-21:00',
    location: null as null | { lat: number; lng: number; name: string },
    photo: '',
    uploadEnabled: config.mode === 'cloud',
  },
  storeBindings: [
    {
      store: userStore,
      fields: { isLeader: (s: UserStore) => s.isLeader },
      actions: [],
    },
    {
      store: applyStore,
      fields: {
        state: (s: ApplyStore) => s.applicationLoad.state,
        error: (s: ApplyStore) => s.applicationLoad.error,
        empty: (s: ApplyStore) => s.applicationLoad.empty,
        status: (s: ApplyStore) => s.application?.status ?? '',
        rejectReason: (s: ApplyStore) => (s.application?.status === 'rejected' ? (s.application.reason ?? '') : ''),
        phoneError: (s: ApplyStore) => s.phoneError,
        submitting: (s: ApplyStore) => s.submitLoad.busy,
        submitError: (s: ApplyStore) => s.submitLoad.error,
      },
      actions: [],
    },
  ],
  methods: {
    onLoad() {
      this.setData({ uploadEnabled: config.mode === 'cloud' });
      if (!userStore.me) void userStore.loadMe();
      void applyStore.open();
    },
    onRetry() {
      void applyStore.loadApplication();
    },
    onInput(event: WechatMiniprogram.CustomEvent) {
      const field = event.currentTarget.dataset.field as Field;
      this.setData({ [field]: String(event.detail ?? '') });
      if (field === 'phone') applyStore.clearPhoneError();
    },
    onPhoneBlur() {
      applyStore.checkPhone(this.data.phone);
    },
    onChooseLocation() {
      wx.chooseLocation({
        success: (res) => {
          const patch: Record<string, unknown> = {
            location: { lat: res.latitude, lng: res.longitude, name: res.name || res.address },
          };
          if (!this.data.address.trim()) patch.address = `${res.address ?? ''}${res.name ?? ''}`;
          this.setData(patch);
        },
      });
    },
    onChoosePhoto() {
      wx.chooseMedia({
        count: 1,
        mediaType: ['image'],
        sizeType: ['compressed'],
        success: (res) => this.setData({ photo: res.tempFiles[0]?.tempFilePath ?? '' }),
      });
    },
    onSubmit() {
      const d = this.data;
      void applyStore.submit(
        {
          name: d.name,
          phone: d.phone,
          address: d.address,
          pointName: d.pointName,
          hours: d.hours,
          location: d.location,
          photoPath: d.photo,
        },
        d.uploadEnabled,
      );
    },
    onBack() {
      wx.navigateBack();
    },
  },
});
