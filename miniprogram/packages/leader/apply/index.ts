import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { leaderStore, type LeaderStore } from '../../../stores/leader';
import { userStore, type UserStore } from '../../../stores/user';
import { errorCode, userMessage } from '../../../lib/errors';
import { config } from '../../../config';

const PHONE = /^1[3-9]\d{9}$/;

type Field = 'name' | 'phone' | 'address' | 'pointName' | 'hours';

/** The first thing wrong with the form, as the user should read it; null when it can be sent. */
function formProblem(form: {
  name: string;
  phone: string;
  address: string;
  hours: string;
  located: boolean;
  photo: string;
}): { field: string; message: string } | null {
  if (!form.name.trim()) return { field: 'name', message: '请填写姓名' };
  if (!PHONE.test(form.phone.trim())) return { field: 'phone', message: '请输入正确的11位手机号' };
  if (!form.located) return { field: 'location', message: '请在地图上选择自提点位置' };
  if (!form.address.trim()) return { field: 'address', message: '请填写自提点地址' };
  if (!form.hours.trim()) return { field: 'hours', message: '请填写营业时间' };
  if (!form.photo) return { field: 'photo', message: '请上传门店照片' };
  return null;
}

/** 申请成为团长: who, where (map pick), when, and a storefront photo; an admin reviews it. */
ComponentWithStore({
  data: {
    name: '',
    phone: '',
    address: '',
    pointName: '',
    hours: '08:00-21:00',
    location: null as null | { lat: number; lng: number; name: string },
    photo: '',
    phoneError: '',
    submitting: false,
    submitError: '',
    uploadEnabled: config.mode === 'cloud',
  },
  storeBindings: [
    {
      store: userStore,
      fields: { isLeader: (s: UserStore) => s.isLeader },
      actions: [],
    },
    {
      store: leaderStore,
      fields: {
        state: (s: LeaderStore) => s.applicationState,
        error: (s: LeaderStore) => s.applicationError,
        status: (s: LeaderStore) => s.application?.status ?? '',
        rejectReason: (s: LeaderStore) => (s.application?.status === 'rejected' ? (s.application.reason ?? '') : ''),
      },
      actions: [],
    },
  ],
  methods: {
    onLoad() {
      this.setData({ uploadEnabled: config.mode === 'cloud' });
      if (!userStore.me) void userStore.loadMe();
      void leaderStore.loadApplication();
    },
    onRetry() {
      void leaderStore.loadApplication();
    },
    onInput(event: WechatMiniprogram.CustomEvent) {
      const field = event.currentTarget.dataset.field as Field;
      const patch: Record<string, string> = { [field]: String(event.detail ?? '') };
      if (field === 'phone' && this.data.phoneError) patch.phoneError = '';
      this.setData(patch);
    },
    onPhoneBlur() {
      const phone = this.data.phone.trim();
      this.setData({ phoneError: phone && !PHONE.test(phone) ? '手机号格式不正确' : '' });
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
    async onSubmit() {
      if (this.data.submitting) return;
      const d = this.data;
      const problem = formProblem({ ...d, located: !!d.location });
      if (problem) {
        if (problem.field === 'phone') this.setData({ phoneError: '手机号格式不正确' });
        wx.showToast({ title: problem.message, icon: 'none' });
        return;
      }
      this.setData({ submitting: true, submitError: '' });
      try {
        await leaderStore.apply(
          {
            name: d.name.trim(),
            phone: d.phone.trim(),
            address: d.address.trim(),
            location: { lat: d.location!.lat, lng: d.location!.lng },
            hours: d.hours.trim(),
            ...(d.pointName.trim() ? { pointName: d.pointName.trim() } : {}),
          },
          d.photo,
          d.uploadEnabled,
        );
        wx.showToast({ title: '申请已提交', icon: 'success' });
      } catch (err) {
        const code = errorCode(err);
        this.setData({
          submitError: code === 'INVALID_STATE' ? '你已有待审核的申请，或已经是团长' : userMessage(err),
        });
      } finally {
        this.setData({ submitting: false });
      }
    },
    onBack() {
      wx.navigateBack();
    },
  },
});
