import { resetWx, wxMock } from './setup';
import { flush, openPage, textOf, find, tap, tapRetry } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME } from './fixtures/demo';
import { orderStore } from '../../miniprogram/stores/order';
import { userStore } from '../../miniprogram/stores/user';

beforeEach(() => {
  resetWx();
  userStore.me = null;
  orderStore.tab = 'all';
});

// simulate keeps no value/src attributes on built-in components: the bound data is what they show.
const nicknameOf = (page: any) => (find(page, '.profile__name') && page.instance.data.nickname) as string;

test('shows my name, my pickup point with 更换, order shortcuts and 成为团长', async () => {
  stubApi({ 'user.me': ME });
  const page = await openPage('pages/me/index');

  expect(nicknameOf(page)).toBe('小明');
  expect(textOf(find(page, '.phone'))).toBe('未绑定团长凭昵称和手机尾号给你发货获取手机号');
  expect(textOf(find(page, '.pickup-point'))).toBe('阳光花园东门自提点阳光花园3号楼底商更换');
  expect(page.querySelectorAll('.shortcut').map((s) => textOf(s))).toEqual(['待付款', '待取货', '已完成', '售后']);
  expect(textOf(find(page, '.become-leader'))).toContain('成为团长');
  // In its own spaced block (.more), not glued under the 自提点 card.
  expect(textOf(find(page, '.more'))).toBe('成为团长开一个自提点，为邻居团购赚佣金');
});

test('a shortcut opens the orders tab on that status', async () => {
  stubApi({ 'user.me': ME });
  const page = await openPage('pages/me/index');

  await tap(page, '.shortcut', '.van-grid-item');

  expect(orderStore.tab).toBe('pending_payment');
  expect(wxMock.switchTab).toHaveBeenCalledWith({ url: '/pages/orders/index' });
});

test('更换 links to the pickup points page, 邀请有礼 to the invite page, 成为团长 to the leader application', async () => {
  stubApi({ 'user.me': ME });
  const page = await openPage('pages/me/index');

  await tap(page, '.pickup-point', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith(
    expect.objectContaining({ url: '/packages/user/pickup-points/index' }),
  );
  await tap(page, '.invite', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/packages/user/invite/index' }));
  await tap(page, '.become-leader', '.van-cell');
  expect(wxMock.navigateTo).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/packages/leader/apply/index' }));
});

test('a leader sees the role and no 成为团长', async () => {
  stubApi({
    'user.me': {
      ...ME,
      roles: ['resident', 'leader'],
      leader: { _id: 'leader-1', name: '王姐', status: 'active', pickupPointId: 'pp-1' },
    },
  });
  const page = await openPage('pages/me/index');
  expect(textOf(find(page, '.profile'))).toContain('团长');
  expect(page.querySelector('.become-leader')).toBeUndefined();
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'user.me': answer });
  const page = await openPage('pages/me/index');
  expect(textOf(page)).toContain(message);

  api.set({ 'user.me': ME });
  await tapRetry(page);
  expect(nicknameOf(page)).toBe('小明');
});

describe('profile: 头像昵称填写 and 手机号快速验证', () => {
  test('the chosen avatar is uploaded to cloud storage and its fileID saved; the picture shows', async () => {
    const api = stubApi({ 'user.me': ME, 'user.updateProfile': (p: any) => ({ ...ME, ...p }) });
    wxMock.cloud.uploadFile.mockImplementation(() => Promise.resolve({ fileID: 'cloud://env/avatars/me.jpg' }));
    const page = await openPage('pages/me/index');
    expect(page.querySelector('.profile__avatar-img')).toBeUndefined();

    (find(page, '.profile__avatar') as any).dispatchEvent('chooseavatar', {
      detail: { avatarUrl: 'http://tmp/a.png' },
    });
    await flush();

    expect(wxMock.cloud.uploadFile).toHaveBeenCalledWith(
      expect.objectContaining({ filePath: 'http://tmp/a.png', cloudPath: expect.stringMatching(/^avatars\/.+\.png$/) }),
    );
    expect(api.calls('user.updateProfile')).toEqual([{ avatar: 'cloud://env/avatars/me.jpg' }]);
    expect(find(page, '.profile__avatar-img')).toBeDefined();
    expect((page.instance.data as any).avatar).toBe('cloud://env/avatars/me.jpg');
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '头像已更新', icon: 'success' });
  });

  test('a failed upload says so and saves nothing', async () => {
    const api = stubApi({ 'user.me': ME, 'user.updateProfile': ME });
    const page = await openPage('pages/me/index');
    (find(page, '.profile__avatar') as any).dispatchEvent('chooseavatar', {
      detail: { avatarUrl: 'http://tmp/a.png' },
    });
    await flush();
    expect(api.calls('user.updateProfile')).toEqual([]);
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '网络不给力，请检查网络后重试', icon: 'none' });
  });

  test('the nickname is saved on blur (only when changed); a refused one says why and is not kept', async () => {
    const api = stubApi({ 'user.me': ME, 'user.updateProfile': (p: any) => ({ ...ME, ...p }) });
    const page = await openPage('pages/me/index');
    const input = find(page, '.profile__name') as any;

    input.dispatchEvent('blur', { detail: { value: '小明' } });
    input.dispatchEvent('blur', { detail: { value: '  ' } });
    await flush();
    expect(api.calls('user.updateProfile')).toEqual([]);

    input.dispatchEvent('blur', { detail: { value: ' 明明 ' } });
    await flush();
    expect(api.calls('user.updateProfile')).toEqual([{ nickname: '明明' }]);
    expect(nicknameOf(page)).toBe('明明');

    api.set({ 'user.updateProfile': failWith('CONTENT_RISKY') });
    input.dispatchEvent('blur', { detail: { value: '违规词' } });
    await flush();
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '内容含有敏感信息，请修改后重试', icon: 'none' });
    expect(userStore.me?.nickname).toBe('明明');
  });

  test('the phone button sends its code; the tail shows; a refusal calls nothing; a stale code says 重新获取', async () => {
    const api = stubApi({ 'user.me': ME, 'user.bindPhone': { ...ME, phoneTail: '5566' } });
    const page = await openPage('pages/me/index');
    const button = () => find(page, '.phone__bind') as any;

    button().dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:fail user deny' } });
    await flush();
    expect(api.calls('user.bindPhone')).toEqual([]);

    button().dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'code-1' } });
    await flush();
    expect(api.calls('user.bindPhone')).toEqual([{ code: 'code-1' }]);
    expect(textOf(find(page, '.phone'))).toBe('尾号5566团长凭昵称和手机尾号给你发货更换');

    api.set({ 'user.bindPhone': failWith('INVALID_INPUT') });
    button().dispatchEvent('getphonenumber', { detail: { errMsg: 'getPhoneNumber:ok', code: 'code-2' } });
    await flush();
    expect(wxMock.showToast).toHaveBeenLastCalledWith({ title: '手机号授权已失效，请重新获取', icon: 'none' });
    expect(textOf(find(page, '.phone'))).toContain('尾号5566');
  });
});
