import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME, POINT, POINT_2 } from './fixtures/demo';
import { userStore } from '../../miniprogram/stores/user';

const HERE = { latitude: 39.9, longitude: 116.4 };
/** The resident's answer to the location prompt (or the phone's: no fix). */
const location = (answer: 'allow' | 'deny' | 'no fix') => {
  wxMock.getLocation = jest.fn((o: any) => {
    if (answer === 'allow') o.success({ ...HERE, errMsg: 'getLocation:ok' });
    else
      o.fail({
        errMsg: answer === 'deny' ? 'getLocation:fail auth deny' : 'getLocation:fail system permission denied',
      });
  });
};

beforeEach(() => {
  resetWx();
  userStore.me = null;
  userStore.pickupPoints = [];
  location('deny');
});

const open = () => openPage('packages/user/pickup-points/index');

test('with the location: nearest first with distance and hours, no hint', async () => {
  location('allow');
  const api = stubApi({
    'user.me': ME,
    'leader.nearbyPoints': [
      { ...POINT_2, distanceM: 350 },
      { ...POINT, distanceM: 1234 },
    ],
  });
  const page = await open();

  expect(wxMock.getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
  expect(api.calls('leader.nearbyPoints')).toEqual([{ lat: 39.9, lng: 116.4, limit: 20 }]);
  expect(api.calls('user.pickupPoints')).toEqual([]);
  expect(page.querySelectorAll('.point').map((p) => textOf(p))).toEqual([
    '幸福里便利店幸福里小区1号门营业15:00-21:00350m',
    '阳光花园东门自提点当前阳光花园3号楼底商营业16:00-20:001.2km',
  ]);
  expect(page.querySelector('.location-hint')).toBeUndefined();
});

test('location refused: by name, a hint, and 去开启 opens the settings; allowed there, the list goes by distance', async () => {
  const api = stubApi({
    'user.me': ME,
    'user.pickupPoints': [POINT, POINT_2],
    'leader.nearbyPoints': [{ ...POINT_2, distanceM: 80 }],
  });
  const page = await open();
  expect(textOf(find(page, '.location-hint'))).toBe('未开启定位，以下按名称排列；开启后按距离列出最近的自提点去开启');
  expect(page.querySelectorAll('.point').map((p) => textOf(p))[0]).toBe(
    '阳光花园东门自提点当前阳光花园3号楼底商营业16:00-20:00',
  );

  location('allow');
  wxMock.openSetting = jest.fn((o: any) => o.success({ authSetting: { 'scope.userLocation': true } }));
  await tap(page, '.location-hint__open', '.van-button');
  await flush();

  expect(wxMock.openSetting).toHaveBeenCalled();
  expect(api.calls('leader.nearbyPoints')).toHaveLength(1);
  expect(page.querySelectorAll('.point').map((p) => textOf(p))).toEqual([
    '幸福里便利店幸福里小区1号门营业15:00-21:0080m',
  ]);
  expect(page.querySelector('.location-hint')).toBeUndefined();
});

test('no fix (location off on the phone): by name with its own hint and 重新定位', async () => {
  location('no fix');
  stubApi({ 'user.me': ME, 'user.pickupPoints': [POINT], 'leader.nearbyPoints': [{ ...POINT, distanceM: 5 }] });
  const page = await open();
  expect(textOf(find(page, '.location-hint'))).toBe('暂时无法获取你的位置，以下按名称排列重新定位');

  location('allow');
  await tap(page, '.location-hint__retry', '.van-button');
  expect(textOf(find(page, '.point'))).toContain('5m');
});

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
