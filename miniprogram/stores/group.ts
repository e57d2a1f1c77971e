import { makeAutoObservable } from 'mobx-miniprogram';
import { orderService } from '../services/order';
import { errorCode, userMessage } from '../lib/errors';
import { newRequestId } from '../lib/ids';
import { Load } from './load-state';
import { noticeStore } from './notices';
import { orderStore } from './order';
import { userStore } from './user';
import type { GroupView } from '../../typings/api';

const GROUP_MOVED = '这个团已满或已结束，可以自己发起拼团';

/**
 * 拼团 on the phone: the group page's progress, and opening or joining a group: one unit
 * of the item in its own order at the group price (the server prices it), paid at once.
 */
export class GroupStore {
  group: GroupView | null = null;
  readonly load = new Load(() => !this.group);
  /** Opening or joining (create + pay). */
  readonly actionLoad = new Load(() => false);

  constructor() {
    makeAutoObservable(this, { load: false, actionLoad: false });
  }

  async loadGroup(groupId: string): Promise<void> {
    if (this.group?._id !== groupId) this.group = null;
    await this.load.run(
      () => orderService.group(groupId),
      (g) => (this.group = g),
    );
  }

  /** 发起拼团 from the item page; lands on the new group's page to share it. */
  async start(item: { batchId: string; batchItemId: string }): Promise<void> {
    const order = await this.buy(item, { open: true });
    if (order?.groupId) wx.navigateTo({ url: `/packages/goods/group/index?id=${order.groupId}` });
  }

  /** 参团 on a shared group's page; the page then shows the caller in it. */
  async join(group: GroupView): Promise<void> {
    const order = await this.buy(group, { groupId: group._id });
    if (order) await this.loadGroup(group._id);
  }

  /** Must be called inside the tap: the consent sheet needs the user's gesture before any await. */
  private async buy(item: { batchId: string; batchItemId: string }, groupDeal: { open: true } | { groupId: string }) {
    if (this.actionLoad.busy) return undefined;
    const point = userStore.pickupPoint;
    if (!point) return void wx.showToast({ title: '请先选择自提点', icon: 'none' });
    const consent = noticeStore.ask();
    const order = await this.actionLoad.run(
      () =>
        orderService.create({
          clientRequestId: newRequestId(),
          batchId: item.batchId,
          pickupPointId: point._id,
          lines: [{ batchItemId: item.batchItemId, qty: 1 }],
          groupDeal,
        }),
      undefined,
      // The group moved on meanwhile (full, ended, the opener not paid yet, already in it).
      { message: (err) => (errorCode(err) === 'INVALID_STATE' ? GROUP_MOVED : userMessage(err)) },
    );
    if (!order) {
      wx.showToast({ title: this.actionLoad.error, icon: 'none' });
      if ('groupId' in groupDeal) await this.loadGroup(groupDeal.groupId);
      return undefined;
    }
    await consent;
    try {
      const outcome = await orderStore.pay(order._id);
      if (outcome === 'paid') wx.showToast({ title: '支付成功，快邀请邻居来拼', icon: 'none' });
      else wx.showToast({ title: '未支付：在订单里继续支付才算参团', icon: 'none' });
    } catch (err) {
      wx.showToast({ title: userMessage(err), icon: 'none' });
    }
    return order;
  }
}

export const groupStore = new GroupStore();
