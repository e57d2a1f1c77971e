import { resetWx } from './setup';
import { find, openPage, textOf, tapRetry } from './helpers';
import { failWith, stubApi } from './api';
import { inviteStore } from '../../miniprogram/stores/invite';

/** 邀请有礼 (issue 13.4): the rules, 邀请邻居 with ref in the share path, my invites and rewards. */
const TERMS = { kind: 'fixed', thresholdFen: 0, categoryIds: [], validFrom: '2026-12-01', validTo: '2026-12-31' };
const INVITE = {
  enabled: true,
  code: 'abcd2345',
  path: '/pages/home/index?leaderId=leader-wang&ref=abcd2345',
  title: '小明邀请你来社区团购，首单取货后送优惠券',
  referrerReward: { title: '邀请奖励5元', offFen: 500, ...TERMS },
  inviteeReward: { title: '新邻居3元', offFen: 300, ...TERMS },
  referrerPoints: 0,
  inviteePoints: 0,
  monthlyCap: 20,
  invites: [
    { name: '张**', status: 'rewarded', boundAt: '2026-12-01T02:00:00.000Z', rewardedAt: '2026-12-02T04:30:00.000Z' },
    { name: '邻居', status: 'bound', boundAt: '2026-12-02T01:00:00.000Z' },
  ],
  rewards: [{ title: '邀请奖励5元', claimId: 'cl-9', at: '2026-12-02T04:30:00.000Z', as: 'referrer' }],
};

beforeEach(() => {
  resetWx();
  inviteStore.invite = null;
});

test('shows the rules with both rewards, my invites with 已邀请 / 已获奖励 and the reward received', async () => {
  stubApi({ 'user.invite': INVITE });
  const page = await openPage('packages/user/invite/index');
  expect(textOf(find(page, '.invitee-reward'))).toBe('邻居首单取货后得：新邻居3元（立减¥3.00）');
  expect(textOf(find(page, '.referrer-reward'))).toBe('你得：邀请奖励5元（立减¥5.00）');
  expect(textOf(find(page, '.rules'))).toContain('每月最多奖励20位邻居');
  expect(textOf(find(page, '.share'))).toBe('邀请邻居');
  expect(page.querySelectorAll('.invitee').map((c: any) => textOf(c))).toEqual([
    '张**12-0212:30已获奖励',
    '邻居12-0209:00已邀请',
  ]);
  expect(page.querySelectorAll('.reward').map((c: any) => textOf(c))).toEqual(['邀请奖励5元邀请奖励·12-0212:30']);
});

test('a points reward is in the rules, alone or with the coupon', async () => {
  stubApi({ 'user.invite': { ...INVITE, inviteeReward: undefined, inviteePoints: 100, referrerPoints: 200 } });
  const page = await openPage('packages/user/invite/index');
  expect(textOf(find(page, '.invitee-reward'))).toBe('邻居首单取货后得：100积分');
  expect(textOf(find(page, '.referrer-reward'))).toBe('你得：邀请奖励5元（立减¥5.00）+200积分');
});

test('the share card carries the path from the server: my leader and ref=<code>, never an openid', async () => {
  stubApi({ 'user.invite': INVITE });
  const page = await openPage('packages/user/invite/index');
  const share = (page.instance as any).onShareAppMessage();
  expect(share).toEqual({
    title: '小明邀请你来社区团购，首单取货后送优惠券',
    path: '/pages/home/index?leaderId=leader-wang&ref=abcd2345',
  });
});

test('with 邀请有礼 off it says so and offers no share; no invites yet says so', async () => {
  stubApi({
    'user.invite': { ...INVITE, enabled: false, code: '', path: '/pages/home/index', invites: [], rewards: [] },
  });
  const page = await openPage('packages/user/invite/index');
  expect(textOf(find(page, '.off'))).toBe('邀请有礼活动暂未开启，敬请期待');
  expect(page.querySelector('.share')).toBeFalsy();
  expect(textOf(find(page, '.invites-none'))).toBe('还没有邀请到邻居');
  expect(textOf(find(page, '.rewards-none'))).toBe('还没有奖励');
  expect((page.instance as any).onShareAppMessage().path).toBe('/pages/home/index');
});

test('a failed load says so and 重试 reads again', async () => {
  const api = stubApi({ 'user.invite': failWith('UNAVAILABLE', '服务繁忙') });
  const page = await openPage('packages/user/invite/index');
  expect(textOf(page)).toContain('服务繁忙');
  api.set({ 'user.invite': INVITE });
  await tapRetry(page);
  expect(textOf(find(page, '.share'))).toBe('邀请邻居');
});
