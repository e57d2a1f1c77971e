import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { CHECKLIST, LEADER_BATCHES, VERIFIED, resetLeaderBatches, typeInto } from './fixtures/leader';
import { verifyStore } from '../../miniprogram/stores/leader/verify';
import type { ChecklistResult } from '../../typings/leader';

/** What checklist answers for search=<code>: 张三's one order, eggs ×2 and milk ×1 waiting. */
const FOUND: ChecklistResult = { ...CHECKLIST, pageSize: 1, r: [CHECKLIST.r[0]] };
const NONE: ChecklistResult = { page: 1, pageSize: 1, hasMore: false, it: [], r: [] };

beforeEach(() => {
  resetWx();
  resetLeaderBatches();
  verifyStore.takeVerified();
});

const open = (query: Record<string, string> = { batchId: 'batch-1' }) =>
  openPage('packages/leader/verify/index', query);

async function lookUp(page: any, code: string) {
  await typeInto(page, '.code', code);
  await tap(page, '.lookup', '.van-button');
  await flush();
}

test('a typed code shows the order lines; 确认取货 verifies it all and shows success', async () => {
  const api = stubApi({ 'leader.checklist': FOUND, 'leader.verify': VERIFIED });
  const page = await open();

  await lookUp(page, '384920');
  expect(api.calls('leader.checklist')).toEqual([{ batchId: 'batch-1', page: 1, pageSize: 1, search: '384920' }]);
  expect(textOf(find(page, '.order'))).toBe('张三尾号1234订单202405200001');
  expect(page.querySelectorAll('.line').map((l) => textOf(l))).toEqual([
    expect.stringContaining('散养土鸡蛋30枚共2盒，已取0'),
    expect.stringContaining('鲜牛奶950ml共1瓶，已取0'),
  ]);
  // Everything left is handed out unless the leader lowers a line.
  expect(page.querySelectorAll('.pick').map((s: any) => s.data.currentValue)).toEqual(['2', '1']);

  await tap(page, '.confirm', '.van-button');
  await flush();

  expect(api.calls('leader.verify')).toEqual([{ batchId: 'batch-1', code: '384920' }]);
  expect(textOf(page)).toContain('核销成功');
  expect(page.querySelectorAll('.done-line').map((l) => textOf(l))).toEqual([
    '散养土鸡蛋30枚已取2/2',
    '鲜牛奶950ml已取1/1',
  ]);
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '核销成功' }));
});

test('a partial pickup sends only the units handed out now', async () => {
  const api = stubApi({ 'leader.checklist': FOUND, 'leader.verify': { ...VERIFIED, status: 'arrived', pickedNow: 1 } });
  const page = await open();
  await lookUp(page, '384920');

  // One box of eggs now, the milk later.
  await tap(page, '.pick', '.van-stepper__minus');
  const milk = page.querySelectorAll('.pick')[1] as any;
  milk.querySelector('.van-stepper__minus').dispatchEvent('tap');
  await flush();
  await tap(page, '.confirm', '.van-button');

  expect(api.calls('leader.verify')).toEqual([
    { batchId: 'batch-1', code: '384920', lines: [{ batchItemId: 'bi-eggs', qty: 1 }] },
  ]);
});

test('verifying an order a second time says it was already picked up', async () => {
  const api = stubApi({
    'leader.checklist': FOUND,
    'leader.verify': { ...VERIFIED, pickedNow: 0, alreadyPicked: true },
  });
  const page = await open();
  await lookUp(page, '384920');
  await tap(page, '.confirm', '.van-button');
  expect(textOf(page)).toContain('该订单已取过货');
  expect(wxMock.showToast).not.toHaveBeenCalledWith(expect.objectContaining({ title: '核销成功' }));

  // 继续核销, the same code again: the lookup already shows it picked, nothing is sent.
  api.set({
    'leader.checklist': {
      ...FOUND,
      r: [
        {
          ...FOUND.r[0],
          d: 1,
          o: [
            {
              ...FOUND.r[0].o[0],
              s: 'picked_up',
              l: [
                [0, 2, 2, 0],
                [1, 1, 1, 0],
              ],
            },
          ],
        },
      ],
    },
  });
  await tap(page, '.next', '.van-button');
  await lookUp(page, '384920');
  expect(textOf(page)).toContain('该订单已取过货');
  expect(api.calls('leader.verify')).toHaveLength(1);
});

test('a scanned code is looked up at once; a code of another point is not found', async () => {
  const api = stubApi({ 'leader.checklist': NONE });
  wxMock.scanCode = jest.fn((o: any) => o.success({ result: '111222', scanType: 'QR_CODE' }));
  const page = await open();

  await tap(page, '.scan-button', '.van-button');
  await flush();

  expect(api.calls('leader.checklist')).toEqual([{ batchId: 'batch-1', page: 1, pageSize: 1, search: '111222' }]);
  expect(textOf(find(page, '.not-found'))).toBe('取货码无效，或不是本自提点这一期的订单');
});

test('opened from the checklist with a code, it looks the order up; without a batch it uses the working batch', async () => {
  const api = stubApi({ 'leader.batches': LEADER_BATCHES, 'leader.checklist': FOUND });
  const page = await open({ code: '384920', name: encodeURIComponent('张三') });
  expect(api.calls('leader.checklist')).toEqual([{ batchId: 'batch-1', page: 1, pageSize: 1, search: '384920' }]);
  expect(textOf(find(page, '.order'))).toContain('张三');
});

test('a code that is not 6 digits is not sent', async () => {
  const api = stubApi({ 'leader.checklist': FOUND });
  const page = await open();
  await lookUp(page, '1234');
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入6位取货码' }));
  expect(api.calls('leader.checklist')).toEqual([]);
});

test('a refused verification shows why; 重试 sends again', async () => {
  const api = stubApi({ 'leader.checklist': FOUND, 'leader.verify': failWith('INVALID_STATE') });
  const page = await open();
  await lookUp(page, '384920');
  await tap(page, '.confirm', '.van-button');
  expect(textOf(find(page, '.submit-error'))).toBe('核销失败：订单状态已变化，请刷新后重试');

  api.set({ 'leader.verify': VERIFIED });
  await tap(page, '.confirm', '.van-button');
  expect(textOf(page)).toContain('核销成功');
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('the lookup fails (%s): the error and 重试 show; 重试 looks up again', async (_n, answer, message) => {
  const api = stubApi({ 'leader.checklist': answer });
  const page = await open();
  await lookUp(page, '384920');
  expect(textOf(page)).toContain(message);

  api.set({ 'leader.checklist': FOUND });
  await tapRetry(page);
  await flush();
  expect(textOf(find(page, '.order'))).toContain('张三');
});
