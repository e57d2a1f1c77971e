import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME, POINT, POINT_2 } from './fixtures/demo';
import { userStore } from '../../miniprogram/stores/user';

beforeEach(() => {
  resetWx();
  userStore.me = null;
  userStore.pickupPoints = [];
});

const open = () => openPage('packages/user/pickup-points/index');

test('lists the points with address and hours, marking my current one', async () => {
  stubApi({ 'user.me': ME, 'user.pickupPoints': [POINT, POINT_2] });
  const page = await open();
  // 当前 goes by the name; as the cell's value it squeezed the address into half the width.
  expect(page.querySelectorAll('.point').map((p) => textOf(p))).toEqual([
    '阳光花园东门自提点当前阳光花园3号楼底商营业16:00-20:00',
    '幸福里便利店幸福里小区1号门营业15:00-21:00',
  ]);
  expect(textOf(find(page, '.list'))).toContain('幸福里便利店');
});

test('tapping a point chooses it and goes back', async () => {
  const api = stubApi({
    'user.me': ME,
    'user.pickupPoints': [POINT, POINT_2],
    'user.choosePickupPoint': { ...ME, pickupPoint: POINT_2 },
  });
  const page = await open();

  (page.querySelectorAll('.point')[1] as any).querySelector('.van-cell').dispatchEvent('tap');
  await flush();
  await flush();

  expect(api.calls('user.choosePickupPoint')).toEqual([{ pickupPointId: 'pp-2' }]);
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已切换自提点' }));
  expect(wxMock.navigateBack).toHaveBeenCalled();
  expect(textOf(page.querySelectorAll('.point')[1])).toContain('当前');
});

test('no points: the empty state says so', async () => {
  stubApi({ 'user.me': ME, 'user.pickupPoints': [] });
  const page = await open();
  expect(textOf(page)).toContain('附近还没有自提点');
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'user.me': ME, 'user.pickupPoints': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'user.pickupPoints': [POINT] });
  await tapRetry(page);
  expect(find(page, '.point')).toBeDefined();
});
