import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ME } from './fixtures/demo';
import { LEADER_ME, typeInto } from './fixtures/leader';
import { userStore } from '../../miniprogram/stores/user';
import { applyStore } from '../../miniprogram/stores/leader/apply';
import { config } from '../../miniprogram/config';

const APPLICATION = {
  _id: 'resident-1#0',
  name: '王阿姨',
  phone: '13912345678',
  address: '阳光花园3栋门口',
  pointName: '王阿姨的自提点',
  location: { lat: 31.21, lng: 121.54 },
  hours: '08:00-21:00',
  photo: 'cloud://env/leader-apply/shop.jpg',
  status: 'pending',
  createdAt: '2024-05-20T02:00:00.000Z',
};

beforeEach(() => {
  resetWx();
  userStore.me = null;
  applyStore.application = null;
  config.mode = 'cloud';
});

const open = () => openPage('packages/leader/apply/index');
const submit = (page: any) => tap(page, '.submit-button', '.van-button');

async function fillIn(page: any, phone: string) {
  wxMock.chooseLocation = jest.fn((o: any) =>
    o.success({ name: '阳光花园3栋', address: '上海市浦东新区锦绣路1500弄', latitude: 31.21, longitude: 121.54 }),
  );
  wxMock.chooseMedia.mockImplementation((o: any) =>
    o.success({ tempFiles: [{ tempFilePath: 'http://tmp/shop.jpg' }] }),
  );
  await typeInto(page, '.name', '王阿姨');
  await typeInto(page, '.phone', phone);
  await tap(page, '.location', '.van-cell');
  await tap(page, '.add-photo', '.van-button');
}

test('shows the form to a resident without an application', async () => {
  stubApi({ 'user.me': ME, 'leader.myApplication': null });
  const page = await open();
  expect(textOf(page)).toContain('团长信息');
  expect(textOf(find(page, '.location'))).toBe('位置在地图上选择');
});

test('a wrong phone number is refused before anything is sent', async () => {
  const api = stubApi({ 'user.me': ME, 'leader.myApplication': null, 'leader.apply': APPLICATION });
  const page = await open();
  await fillIn(page, '1391234');

  await submit(page);

  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入正确的11位手机号' }));
  expect(textOf(find(page, '.phone'))).toContain('手机号格式不正确');
  expect(api.calls('leader.apply')).toEqual([]);
  expect(wxMock.cloud.uploadFile).not.toHaveBeenCalled();
});

test('submits the form with the map location and the uploaded photo, then shows it is under review', async () => {
  const api = stubApi({ 'user.me': ME, 'leader.myApplication': null, 'leader.apply': APPLICATION });
  wxMock.cloud.uploadFile.mockImplementation(() => Promise.resolve({ fileID: 'cloud://env/leader-apply/shop.jpg' }));
  const page = await open();
  await fillIn(page, '13912345678');
  expect(textOf(find(page, '.location'))).toBe('位置阳光花园3栋');

  await submit(page);
  await flush();

  expect(wxMock.cloud.uploadFile).toHaveBeenCalledWith(
    expect.objectContaining({
      filePath: 'http://tmp/shop.jpg',
      cloudPath: expect.stringMatching(/^leader-apply\/.+\.jpg$/),
    }),
  );
  expect(api.calls('leader.apply')).toEqual([
    {
      name: '王阿姨',
      phone: '13912345678',
      address: '上海市浦东新区锦绣路1500弄阳光花园3栋',
      location: { lat: 31.21, lng: 121.54 },
      hours: '08:00-21:00',
      photo: 'cloud://env/leader-apply/shop.jpg',
    },
  ]);
  expect(textOf(page)).toContain('申请已提交，平台审核通过后你将成为团长');
});

test('a refused apply shows why and 重试 sends again', async () => {
  const api = stubApi({ 'user.me': ME, 'leader.myApplication': null, 'leader.apply': failWith('INVALID_STATE') });
  wxMock.cloud.uploadFile.mockImplementation(() => Promise.resolve({ fileID: 'cloud://env/leader-apply/shop.jpg' }));
  const page = await open();
  await fillIn(page, '13912345678');

  await submit(page);
  expect(textOf(find(page, '.submit-error'))).toBe('提交失败：你已有待审核的申请，或已经是团长');
  expect(textOf(find(page, '.submit-button'))).toBe('重试');

  api.set({ 'leader.apply': APPLICATION });
  await submit(page);
  await flush();
  expect(api.calls('leader.apply')).toHaveLength(2);
  expect(textOf(page)).toContain('申请已提交');
});

test('a pending application shows its state instead of the form; a leader is told they are one', async () => {
  stubApi({ 'user.me': ME, 'leader.myApplication': APPLICATION });
  let page = await open();
  expect(textOf(page)).toContain('申请已提交，平台审核通过后你将成为团长');
  expect(page.querySelector('.submit-button')).toBeUndefined();

  userStore.me = null;
  stubApi({ 'user.me': LEADER_ME, 'leader.myApplication': null });
  page = await open();
  expect(textOf(page)).toContain('你已经是团长了');
});

test('a rejected application shows the reason above a new form', async () => {
  stubApi({ 'user.me': ME, 'leader.myApplication': { ...APPLICATION, status: 'rejected', reason: '照片不清晰' } });
  const page = await open();
  expect(textOf(find(page, '.rejected'))).toBe('上次申请未通过：照片不清晰');
  expect(page.querySelector('.submit-button')).toBeDefined();
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('loading fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'user.me': ME, 'leader.myApplication': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);
  expect(page.querySelector('.submit-button')).toBeUndefined();

  api.set({ 'leader.myApplication': null });
  await tapRetry(page);
  expect(textOf(page)).toContain('团长信息');
});
