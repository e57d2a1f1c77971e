import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { config } from '../config';
import { AppError, errorCode, userMessage } from '../lib/errors';
import { localPhoneCode, userService } from '../services/user';
import { leaderService } from '../services/leader';
import { uploadPhoto } from '../services/storage';
import { Load } from './load-state';
import type { MeResult, PickupPointView } from '../../typings/api';
import type { EnterInput } from '../../typings/contracts/user';

/** A pickup point as the points page lists it: nearest first with its distance when the location is known. */
export type ListedPoint = PickupPointView & { distanceM?: number };
/** Why the points are listed by name: the resident said no to location, or it could not be had. */
export type LocationMiss = '' | 'denied' | 'failed';

export class UserStore {
  me: MeResult | null = null;
  readonly meLoad = new Load(() => !this.me);

  pickupPoints: ListedPoint[] = [];
  /** Set when the last list is by name, not by distance. */
  locationMiss: LocationMiss = '';
  readonly pointsLoad = new Load(() => this.pickupPoints.length === 0);
  /** Choosing a pickup point (the points page). */
  readonly chooseLoad = new Load(() => false);
  /** Saving the avatar, nickname or phone (我的). */
  readonly profileLoad = new Load(() => false);
  /** Local mode keeps a chosen avatar on this phone only (nothing is uploaded). */
  localAvatar = '';

  constructor() {
    makeAutoObservable(this, {
      meLoad: false,
      pointsLoad: false,
      chooseLoad: false,
      profileLoad: false,
      pointById: false,
    });
  }

  get pickupPoint(): PickupPointView | null {
    return this.me?.pickupPoint ?? null;
  }

  pointById(pickupPointId: string): PickupPointView | null {
    if (this.me?.pickupPoint?._id === pickupPointId) return this.me.pickupPoint;
    return this.pickupPoints.find((p) => p._id === pickupPointId) ?? null;
  }

  get isLeader(): boolean {
    return !!this.me?.roles.includes('leader');
  }

  /** The leader a share from this resident credits: themselves if a leader, else their point's leader. */
  get shareLeaderId(): string {
    const leader = this.me?.leader;
    if (leader && leader.status === 'active') return leader._id;
    return this.me?.pickupPoint?.leaderId ?? this.me?.referrerLeaderId ?? '';
  }

  async loadMe(): Promise<void> {
    await this.meLoad.run(
      () => userService.me(),
      (me) => (this.me = me),
    );
  }

  private setMe(me: MeResult): void {
    this.me = me;
    this.meLoad.loaded();
  }

  /**
   * Attribution from a share or 小程序码. It must never keep anyone from shopping,
   * so a failure is only logged; the next share tries again.
   */
  async enter(input: EnterInput): Promise<void> {
    try {
      const me = await userService.enter(input);
      runInAction(() => this.setMe(me));
    } catch (err) {
      console.warn('user.enter failed', err);
    }
  }

  /** 头像昵称填写: the nickname the <input type="nickname"> gave, checked by the server. */
  async saveNickname(value: string): Promise<void> {
    const nickname = value.trim();
    if (!nickname || nickname === this.me?.nickname || this.profileLoad.busy) return;
    await this.saveProfile(() => userService.updateProfile({ nickname }), '昵称已保存');
  }

  /** The avatar chooseAvatar picked (a temp file): uploaded to cloud storage, its fileID saved. */
  async saveAvatar(tempPath: string): Promise<void> {
    if (!tempPath || this.profileLoad.busy) return;
    if (config.mode !== 'cloud') {
      this.localAvatar = tempPath;
      return void wx.showToast({ title: '本地模式不上传头像', icon: 'none' });
    }
    const ext = /\.\w+$/.exec(tempPath)?.[0] ?? '.jpg';
    await this.saveProfile(async () => {
      const cloudPath = `avatars/${Date.now()}-${Math.floor(Math.random() * 1e6)}${ext}`;
      const avatar = await uploadPhoto(tempPath, cloudPath).catch(() => {
        throw new AppError('NETWORK', 'avatar upload failed');
      });
      return userService.updateProfile({ avatar });
    }, '头像已更新');
  }

  /** 手机号快速验证: the button's code goes to the server, which asks WeChat for the number. */
  async bindPhone(detail: { code?: string; errMsg?: string }): Promise<void> {
    if (this.profileLoad.busy) return;
    // No code: the user refused (or the account may not use the button); nothing to say.
    if (config.mode === 'cloud' && !detail.code) return;
    await this.saveProfile(
      async () => userService.bindPhone(config.mode === 'cloud' ? detail.code! : await localPhoneCode()),
      '手机号已绑定',
      (err) => (errorCode(err) === 'INVALID_INPUT' ? '手机号授权已失效，请重新获取' : userMessage(err)),
    );
  }

  private async saveProfile(save: () => Promise<MeResult>, done: string, message?: (err: unknown) => string) {
    const me = await this.profileLoad.run(save, (me) => this.setMe(me), message ? { message } : {});
    wx.showToast(me ? { title: done, icon: 'success' } : { title: this.profileLoad.error, icon: 'none' });
  }

  /** Every active point by name (to look one up by id, e.g. on an order). */
  async loadPickupPoints(): Promise<void> {
    await this.pointsLoad.run(
      () => userService.pickupPoints(),
      (points) => (this.pickupPoints = points),
    );
  }

  /**
   * 自提点 page: with the location, nearest first (leader.nearbyPoints); without
   * it (refused, or no fix), every point by name and a hint saying why.
   */
  async loadNearbyPoints(): Promise<void> {
    await this.pointsLoad.run(
      async () => {
        const where = await currentLocation();
        if (typeof where === 'string') return { miss: where, points: await userService.pickupPoints() };
        return { miss: '' as const, points: await leaderService.nearbyPoints(where.latitude, where.longitude) };
      },
      ({ miss, points }) => {
        this.locationMiss = miss;
        this.pickupPoints = points;
      },
    );
  }

  /** 去开启: the settings page; back from it with location allowed, the list goes by distance. */
  openLocationSettings(): void {
    wx.openSetting({
      success: (res) => {
        if (res.authSetting['scope.userLocation']) void this.loadNearbyPoints();
      },
    });
  }

  /** The resident picks a point: it becomes theirs and the points page goes back (or says why not). */
  async choosePickupPoint(pickupPointId: string): Promise<void> {
    if (this.chooseLoad.busy) return;
    const me = await this.chooseLoad.run(
      () => userService.choosePickupPoint(pickupPointId),
      (me) => this.setMe(me),
    );
    if (!me) return void wx.showToast({ title: this.chooseLoad.error, icon: 'none' });
    wx.showToast({ title: '已切换自提点', icon: 'success' });
    wx.navigateBack();
  }
}

/** wx.getLocation (gcj02, what the points are stored in), or why there is none. */
function currentLocation(): Promise<{ latitude: number; longitude: number } | 'denied' | 'failed'> {
  return new Promise((resolve) => {
    wx.getLocation({
      type: 'gcj02',
      success: (res) => resolve({ latitude: res.latitude, longitude: res.longitude }),
      // 'getLocation:fail auth deny' / 'authorize no response': the resident's no; anything else: no fix.
      fail: (err) => resolve(/auth|authorize/.test(err?.errMsg ?? '') ? 'denied' : 'failed'),
    });
  });
}

export const userStore = new UserStore();
