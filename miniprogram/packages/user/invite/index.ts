import { ComponentWithStore } from 'mobx-miniprogram-bindings';
import { inviteStore, type InviteStore } from '../../../stores/invite';
import { couponRule } from '../../../lib/coupons';
import { formatTime } from '../../../lib/time';
import type { ReferralRewardOffer } from '../../../../typings/referral';

/** One side's reward as the rules say it: the coupon and/or the points ('' when none). */
const offerText = (o: ReferralRewardOffer | undefined, points = 0) =>
  [o ? `${o.title}（${couponRule(o)}）` : '', points ? `${points} 积分` : ''].filter(Boolean).join(' + ');

/** 邀请有礼: the rules, 邀请邻居 (a share card carrying ref=<code>), my invites and the rewards received. */
ComponentWithStore({
  storeBindings: {
    store: inviteStore,
    fields: {
      state: (s: InviteStore) => s.load.state,
      error: (s: InviteStore) => s.load.error,
      loaded: (s: InviteStore) => Boolean(s.invite),
      enabled: (s: InviteStore) => Boolean(s.invite?.enabled),
      referrerReward: (s: InviteStore) => offerText(s.invite?.referrerReward, s.invite?.referrerPoints),
      inviteeReward: (s: InviteStore) => offerText(s.invite?.inviteeReward, s.invite?.inviteePoints),
      monthlyCap: (s: InviteStore) => s.invite?.monthlyCap ?? 0,
      invites: (s: InviteStore) =>
        (s.invite?.invites ?? []).map((i, k) => ({
          key: k,
          name: i.name,
          statusText: i.status === 'rewarded' ? '已获奖励' : '已邀请',
          rewarded: i.status === 'rewarded',
          at: formatTime(i.rewardedAt ?? i.boundAt),
        })),
      rewards: (s: InviteStore) =>
        (s.invite?.rewards ?? []).map((r) => ({
          key: r.claimId,
          title: r.title,
          asText: r.as === 'referrer' ? '邀请奖励' : '新人奖励',
          at: formatTime(r.at),
        })),
    },
    actions: [],
  },
  methods: {
    onLoad() {
      void inviteStore.refresh();
    },
    onRetry() {
      void inviteStore.refresh();
    },
    /** The share card (the 邀请邻居 button and the menu): the server's path, with the caller's leader and ref. */
    onShareAppMessage() {
      const invite = inviteStore.invite;
      return {
        title: invite?.title ?? '邻居邀请你来社区团购',
        path: invite?.enabled ? invite.path : '/pages/home/index',
      };
    },
  },
});
