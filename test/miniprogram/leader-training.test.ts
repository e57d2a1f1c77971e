import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry } from './helpers';
import { stubApi, failWith, networkDown } from './api';

const page1 = (hasMore = false) => ({
  items: [
    {
      _id: 't-1',
      title: '如何核销取货',
      body: '请邻居出示取货码，扫码或输入6位数字。',
      url: 'https://example.com/verify',
      publishedAt: '2024-05-20T02:00:00.000Z',
    },
  ],
  page: 1,
  pageSize: 20,
  hasMore,
});
const page2 = {
  items: [{ _id: 't-2', title: '到货确认须知', body: '破损要拍照。', publishedAt: '2024-05-19T02:00:00.000Z' }],
  page: 2,
  pageSize: 20,
  hasMore: false,
};

beforeEach(() => {
  resetWx();
  wxMock.setClipboardData = jest.fn();
});

const open = () => openPage('packages/leader/training/index');

test('lists the materials; tapping one opens its text and its link can be copied', async () => {
  const api = stubApi({ 'leader.training': page1() });
  const page = await open();

  expect(api.calls('leader.training')).toEqual([{ page: 1, pageSize: 20 }]);
  expect(textOf(find(page, '.material'))).toBe('如何核销取货05-2010:00');

  await tap(page, '.material__head');
  expect(textOf(find(page, '.material__body'))).toContain('请邻居出示取货码');
  await tap(page, '.copy-link', '.van-button');
  expect(wxMock.setClipboardData).toHaveBeenCalledWith({ data: 'https://example.com/verify' });
});

test('加载更多 appends the next page', async () => {
  const api = stubApi({ 'leader.training': (i: { page: number }) => (i.page === 1 ? page1(true) : page2) });
  const page = await open();
  await tap(page, '.load-more', '.van-button');
  expect(api.calls('leader.training').map((c) => c.page)).toEqual([1, 2]);
  expect(page.querySelectorAll('.material__title').map((t: any) => textOf(t))).toEqual([
    '如何核销取货',
    '到货确认须知',
  ]);
});

test('nothing published yet: says so', async () => {
  stubApi({ 'leader.training': { items: [], page: 1, pageSize: 20, hasMore: false } });
  const page = await open();
  expect(textOf(page)).toContain('还没有培训资料');
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'leader.training': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'leader.training': page1() });
  await tapRetry(page);
  expect(page.querySelectorAll('.material')).toHaveLength(1);
});

test('加载更多 fails: the reason and 重试 show; 重试 appends the page', async () => {
  const api = stubApi({
    'leader.training': (i: { page: number }) => (i.page === 1 ? page1(true) : failWith('UNAVAILABLE')),
  });
  const page = await open();
  await tap(page, '.load-more', '.van-button');
  expect(textOf(find(page, '.more'))).toBe('服务繁忙，请稍后重试重试');

  api.set({ 'leader.training': (i: { page: number }) => (i.page === 1 ? page1(true) : page2) });
  await tap(page, '.more-retry', '.van-button');
  expect(page.querySelectorAll('.material__title').map((t: any) => textOf(t))).toEqual([
    '如何核销取货',
    '到货确认须知',
  ]);
});
