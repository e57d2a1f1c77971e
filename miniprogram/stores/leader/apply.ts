import { makeAutoObservable } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { uploadPhoto } from '../../services/storage';
import { AppError, errorCode, userMessage } from '../../lib/errors';
import { Load } from '../load-state';
import type { ApplicationView } from '../../../typings/leader';

const PHONE = /^1[3-9]\d{9}$/;

/** The application form as typed; `photoPath` is the local file picked. */
export interface ApplyForm {
  name: string;
  phone: string;
  address: string;
  pointName: string;
  hours: string;
  location: { lat: number; lng: number } | null;
  photoPath: string;
}

/** The first thing wrong with the form, as the user should read it; null when it can be sent. */
function formProblem(form: ApplyForm): { field: string; message: string } | null {
  if (!form.name.trim()) return { field: 'name', message: '请填写姓名' };
  if (!PHONE.test(form.phone.trim())) return { field: 'phone', message: '请输入正确的11位手机号' };
  if (!form.location) return { field: 'location', message: '请在地图上选择自提点位置' };
  if (!form.address.trim()) return { field: 'address', message: '请填写自提点地址' };
  if (!form.hours.trim()) return { field: 'hours', message: '请填写营业时间' };
  if (!form.photoPath) return { field: 'photo', message: '请上传门店照片' };
  return null;
}

/** 申请成为团长: who, where (map pick), when, and a storefront photo; an admin reviews it. */
export class ApplyStore {
  /** The caller's latest application (null: none yet). */
  application: ApplicationView | null = null;
  readonly applicationLoad = new Load();
  readonly submitLoad = new Load(() => false);
  phoneError = '';

  constructor() {
    makeAutoObservable(this, { applicationLoad: false, submitLoad: false });
  }

  /** The page opens: the latest application decides between the form and its status. */
  async open(): Promise<void> {
    this.submitLoad.reset();
    this.phoneError = '';
    await this.loadApplication();
  }

  async loadApplication(): Promise<void> {
    await this.applicationLoad.run(
      () => leaderService.myApplication(),
      (application) => (this.application = application),
    );
  }

  /** On leaving the phone field: a number typed that is no mobile number is marked. */
  checkPhone(phone: string): void {
    const p = phone.trim();
    this.phoneError = p && !PHONE.test(p) ? '手机号格式不正确' : '';
  }

  clearPhoneError(): void {
    this.phoneError = '';
  }

  /**
   * Checks the form, uploads the storefront photo (cloud mode; local mode has no
   * client upload, so a stand-in fileID) and applies. A failure shows on the form.
   */
  async submit(form: ApplyForm, uploadEnabled: boolean): Promise<void> {
    if (this.submitLoad.busy) return;
    const problem = formProblem(form);
    if (problem) {
      if (problem.field === 'phone') this.phoneError = '手机号格式不正确';
      return void wx.showToast({ title: problem.message, icon: 'none' });
    }
    const location = form.location!;
    const application = await this.submitLoad.run(
      async () => {
        const photo = await storefrontPhoto(form.photoPath, uploadEnabled);
        return leaderService.apply({
          name: form.name.trim(),
          phone: form.phone.trim(),
          address: form.address.trim(),
          location: { lat: location.lat, lng: location.lng },
          hours: form.hours.trim(),
          ...(form.pointName.trim() ? { pointName: form.pointName.trim() } : {}),
          photo,
        });
      },
      (application) => (this.application = application),
      {
        message: (err) => (errorCode(err) === 'INVALID_STATE' ? '你已有待审核的申请，或已经是团长' : userMessage(err)),
      },
    );
    if (application) wx.showToast({ title: '申请已提交', icon: 'success' });
  }
}

async function storefrontPhoto(photoPath: string, uploadEnabled: boolean): Promise<string> {
  const ext = /\.\w+$/.exec(photoPath)?.[0] ?? '.jpg';
  if (!uploadEnabled) return `cloud://local-env/leader-apply/local${ext}`;
  try {
    return await uploadPhoto(photoPath, `leader-apply/${Date.now()}-${Math.floor(Math.random() * 1e6)}${ext}`);
  } catch {
    throw new AppError('NETWORK', 'photo upload failed');
  }
}

export const applyStore = new ApplyStore();
