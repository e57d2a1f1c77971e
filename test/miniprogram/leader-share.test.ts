import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { shareStore } from '../../miniprogram/stores/leader/share';
import { SHARE } from './fixtures/leader';

beforeEach(() => {
  resetWx();
  shareStore.share = null;
  wxMock.downloadFile = jest.fn((o: any) => o.success({ statusCode: 200, tempFilePath: 'http://tmp/poster.png' }));
  wxMock.saveImageToPhotosAlbum = jest.fn((o: any) => o.success({}));
  wxMock.openSetting = jest.fn();
});

const open = () => openPage('packages/leader/share/index', { batchId: 'batch-1' });

test('shows the share title and the poster; the share card carries the leader path', async () => {
  const api = stubApi({ 'leader.shareInfo': SHARE });
  const page = await open();

  expect(api.calls('leader.shareInfo')).toEqual([{ batchId: 'batch-1' }]);
  expect(textOf(find(page, '.card__title'))).toBe('王阿姨的团购·5月20日今日团购');
  expect((find(page, '.poster__image') as any).data.src).toBe(SHARE.posterUrl);
  expect((page.instance as any).onShareAppMessage()).toEqual({ title: SHARE.title, path: SHARE.path });
});

test('保存海报 downloads the poster and saves it to the album', async () => {
  stubApi({ 'leader.shareInfo': SHARE });
  const page = await open();

  await tap(page, '.save', '.van-button');
  await flush();

  expect(wxMock.downloadFile).toHaveBeenCalledWith(expect.objectContaining({ url: SHARE.posterUrl }));
  expect(wxMock.saveImageToPhotosAlbum).toHaveBeenCalledWith(
    expect.objectContaining({ filePath: 'http://tmp/poster.png' }),
  );
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存到相册' }));
});

test('生成今日海报 opens the poster of the whole batch', async () => {
  stubApi({ 'leader.shareInfo': SHARE });
  const page = await open();

  await tap(page, '.day-poster', '.van-button');

  expect(wxMock.navigateTo).toHaveBeenCalledWith({ url: '/packages/goods/poster/index?batchId=batch-1' });
});

test('without album permission it offers the settings', async () => {
  stubApi({ 'leader.shareInfo': SHARE });
  wxMock.saveImageToPhotosAlbum = jest.fn((o: any) => o.fail({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' }));
  const page = await open();

  await tap(page, '.save', '.van-button');
  await flush();

  expect(wxMock.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限' }));
  expect(wxMock.openSetting).toHaveBeenCalled();
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'leader.shareInfo': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'leader.shareInfo': SHARE });
  await tapRetry(page);
  expect(textOf(find(page, '.card__title'))).toContain('王阿姨的团购');
});
