import { makeAutoObservable } from 'mobx-miniprogram';
import { userService } from '../services/user';
import { Load } from './load-state';
import type { InviteView } from '../../typings/referral';

/** 邀请有礼: the caller's code and share path (from the server), the rules and the neighbours invited. */
export class InviteStore {
  invite: InviteView | null = null;
  readonly load = new Load();

  constructor() {
    makeAutoObservable(this, { load: false });
  }

  async refresh(): Promise<void> {
    await this.load.run(
      () => userService.invite(),
      (v) => (this.invite = v),
    );
  }
}

export const inviteStore = new InviteStore();
