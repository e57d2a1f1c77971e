import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { CHECKLIST, LEADER_BATCHES, VERIFIED, eventually, resetLeaderBatches } from './fixtures/leader';
import { verifyStore } from '../../miniprogram/stores/leader/verify';
import type { ChecklistResult } from '../../typings/leader';

const ZHANG = CHECKLIST.r[0];
const LI = CHECKLIST.r[1];
const only = (r: ChecklistResult['r'][number]): ChecklistResult => ({ ...CHECKLIST, r: [r] });

beforeEach(() => {
  resetWx();
  resetLeaderBatches();
  verifyStore.takeVerified();
});

const open = (query: Record<string, string> = { batchId: 'batch-1' }) =>
  openPage('packages/leader/checklist/index', query);
const residents = (page: any) => page.querySelectorAll('.resident').map((r: any) => textOf(r));
const search = async (page: any, text: string) => {
  (find(page, '.search') as any).dispatchEvent('search', { detail: text });
  await flush();
};

test('groups lines by resident with the phone tail, quantities and what is picked up', async () => {
  const api = stubApi({ 'leader.checklist': CHECKLIST });
  const page = await open();

  expect(api.calls('leader.checklist')).toEqual([{ batchId: 'batch-1', page: 1, pageSize: 20 }]);
  expect(residents(page)).toEqual([
    '张三尾号1234待取货散养土鸡蛋30枚×2盒未取鲜牛奶950ml×1瓶未取202405200001已到货，待取货',
    '李四尾号5678已取完鲜牛奶950ml×3瓶已取202405200002已完成',
  ]);
  expect(textOf(page)).toContain('没有更多了');
});

test('without a batch in the query it uses the working (cut-off) batch and says which', async () => {
  const api = stubApi({ 'leader.batches': LEADER_BATCHES, 'leader.checklist': CHECKLIST });
  const page = await open({});
  expect(api.calls('leader.checklist')).toEqual([{ batchId: 'batch-1', page: 1, pageSize: 20 }]);
  expect(textOf(find(page, '.batch'))).toBe('5月20日今日团购2024-05-21自提·已截单·12单');
});

test('searching a phone tail asks the server and shows only the matches; 全部 shows everyone again', async () => {
  const api = stubApi({
    'leader.checklist': (input: { search?: string }) => (input.search === '5678' ? only(LI) : CHECKLIST),
  });
  const page = await open();

  await search(page, '5678');

  expect(api.calls('leader.checklist')[1]).toEqual({ batchId: 'batch-1', page: 1, pageSize: 20, search: '5678' });
  expect(residents(page).map((r: string) => r.slice(0, 2))).toEqual(['李四']);

  (find(page, '.search') as any).dispatchEvent('cancel');
  await flush();
  expect(api.calls('leader.checklist')[2]).toEqual({ batchId: 'batch-1', page: 1, pageSize: 20 });
  expect(residents(page)).toHaveLength(2);
});

test('a search that is neither a code nor a tail is not sent', async () => {
  const api = stubApi({ 'leader.checklist': CHECKLIST });
  const page = await open();
  await search(page, '12');
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入6位取货码或手机尾号4位' }));
  expect(api.calls('leader.checklist')).toHaveLength(1);
});

test('no match: says so', async () => {
  stubApi({ 'leader.checklist': (input: { search?: string }) => (input.search ? { ...CHECKLIST, r: [] } : CHECKLIST) });
  const page = await open();
  await search(page, '000000');
  expect(textOf(page)).toContain('没有找到匹配的订单');
});

test('tapping a resident found by pickup code opens verification with that code', async () => {
  stubApi({ 'leader.checklist': (input: { search?: string }) => (input.search ? only(ZHANG) : CHECKLIST) });
  const page = await open();
  await search(page, '384920');

  find(page, '.resident').dispatchEvent('tap');
  await flush();

  expect(wxMock.navigateTo).toHaveBeenCalledWith({
    url: `/packages/leader/verify/index?batchId=batch-1&name=${encodeURIComponent('张三')}&code=384920`,
  });
});

test('加载更多 appends the next page of residents', async () => {
  const api = stubApi({
    'leader.checklist': (input: { page: number }) =>
      input.page === 1 ? { ...only(ZHANG), hasMore: true } : { ...only(LI), page: 2 },
  });
  const page = await open();
  expect(residents(page)).toHaveLength(1);
  const setData = jest.spyOn(page.instance as any, 'setData');

  await tap(page, '.load-more', '.van-button');

  // Only the new row travels to the view, not the page already shown.
  const keys = setData.mock.calls.flatMap((c: any[]) => Object.keys(c[0]));
  expect(keys).toContain('groups[1]');
  expect(keys).not.toContain('groups');

  expect(api.calls('leader.checklist').map((c) => c.page)).toEqual([1, 2]);
  expect(residents(page).map((r: string) => r.slice(0, 2))).toEqual(['张三', '李四']);
  await eventually(() => expect(textOf(page)).toContain('没有更多了'));
});

test('back from verifying, the resident shows the lines picked up', async () => {
  stubApi({ 'leader.checklist': CHECKLIST, 'leader.verify': VERIFIED });
  const page = await open();

  await verifyStore.verify('batch-1', '384920');
  (page.instance as any).onShow();
  await flush();

  expect(residents(page)[0]).toBe(
    '张三尾号1234已取完散养土鸡蛋30枚×2盒已取鲜牛奶950ml×1瓶已取202405200001已到货，待取货',
  );
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('loading fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'leader.checklist': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);
  expect(residents(page)).toEqual([]);

  api.set({ 'leader.checklist': CHECKLIST });
  await tapRetry(page);
  expect(residents(page)).toHaveLength(2);
});
