import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { userService } from '../services/user';
import { notifyService, type SubscribeAnswer } from '../services/notify';
import { userMessage } from '../lib/errors';
import type { LoadState } from '../lib/load';
import type { MeResult, PickupPointView } from '../../typings/api';

export class UserStore {
  me: MeResult | null = null;
  state: LoadState = 'idle';
  error = '';

  pickupPoints: PickupPointView[] = [];
  pointsState: LoadState = 'idle';
  pointsError = '';

  constructor() {
    makeAutoObservable(this, { pointById: false });
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
    this.state = 'loading';
    this.error = '';
    try {
      const me = await userService.me();
      runInAction(() => {
        this.me = me;
        this.state = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.state = 'error';
        this.error = userMessage(err);
      });
    }
  }

  /**
   * Attribution from a share or 小程序码. It must never keep anyone from shopping,
   * so a failure is only logged; the next share tries again.
   */
  async enter(input: { leaderId?: string; scene?: string }): Promise<void> {
    try {
      const me = await userService.enter(input);
      runInAction(() => {
        this.me = me;
        this.state = 'ready';
      });
    } catch (err) {
      console.warn('user.enter failed', err);
    }
  }

  /**
   * Tells the backend what wx.requestSubscribeMessage answered for the given templates,
   * so the pickup notice knows it may be sent. Never blocks anything: failures are logged.
   */
  async recordSubscriptions(answer: Record<string, unknown>, templateIds: string[]): Promise<void> {
    const answers = ['accept', 'reject', 'ban', 'filter'];
    const results: Record<string, SubscribeAnswer> = {};
    for (const id of templateIds) {
      const value = answer[id];
      if (typeof value === 'string' && answers.includes(value)) results[id] = value as SubscribeAnswer;
    }
    if (!Object.keys(results).length) return;
    try {
      await notifyService.recordSubscriptions(results);
    } catch (err) {
      console.warn('notify.recordSubscriptions failed', err);
    }
  }

  async loadPickupPoints(): Promise<void> {
    this.pointsState = 'loading';
    this.pointsError = '';
    try {
      const pickupPoints = await userService.pickupPoints();
      runInAction(() => {
        this.pickupPoints = pickupPoints;
        this.pointsState = 'ready';
      });
    } catch (err) {
      runInAction(() => {
        this.pointsState = 'error';
        this.pointsError = userMessage(err);
      });
    }
  }

  /** Answers '' on success, else the message to show. */
  async choosePickupPoint(pickupPointId: string): Promise<string> {
    try {
      const me = await userService.choosePickupPoint(pickupPointId);
      runInAction(() => {
        this.me = me;
        this.state = 'ready';
      });
      return '';
    } catch (err) {
      return userMessage(err);
    }
  }
}

export const userStore = new UserStore();
