import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { ARRIVAL, SKU_TOTALS, eventually } from './fixtures/leader';
import { arrivalStore } from '../../miniprogram/stores/leader/arrival';

const UNNOTIFIED = {
  items: [{ nickname: '张三', phoneTail: '1234', orderNo: '202405200001', reason: 'no_consent', kind: 'pickup' }],
};

beforeEach(() => {
  resetWx();
  arrivalStore.totals = null;
  arrivalStore.arrival = null;
  arrivalStore.unnotified = [];
  wxMock.setClipboardData = jest.fn();
});

const open = () => openPage('packages/leader/arrival/index', { batchId: 'batch-1' });
const skus = (page: any) => page.querySelectorAll('.sku').map((s: any) => textOf(s));

test('lists what should arrive per item, received defaulting to the ordered quantity', async () => {
  const api = stubApi({ 'leader.skuTotals': SKU_TOTALS });
  const page = await open();

  expect(api.calls('leader.skuTotals')).toEqual([{ batchId: 'batch-1' }]);
  expect(skus(page)).toEqual(['散养土鸡蛋30枚应到10盒实收破损', '鲜牛奶950ml应到4瓶实收破损']);
  expect(page.querySelectorAll('.received').map((s: any) => s.data.currentValue)).toEqual(['10', '4']);
});

test('确认到货 sends the entered quantities, then shows refunds, notices and who to remind', async () => {
  const api = stubApi({
    'leader.skuTotals': SKU_TOTALS,
    'leader.confirmArrival': ARRIVAL,
    'leader.unnotified': UNNOTIFIED,
  });
  const page = await open();

  // Eggs: one box short and one broken → 2 to refund.
  await tap(page, '.received', '.van-stepper__minus');
  await tap(page, '.damaged', '.van-stepper__plus');
  expect(textOf(find(page, '.sku'))).toContain('将退款2盒');

  await tap(page, '.confirm', '.van-button');
  await eventually(() => expect(page.querySelector('.unnotified')).toBeDefined());

  expect(wxMock.showModal).toHaveBeenCalledWith(
    expect.objectContaining({ content: expect.stringContaining('共 2 件') }),
  );
  expect(api.calls('leader.confirmArrival')).toEqual([
    {
      batchId: 'batch-1',
      lines: [
        { batchItemId: 'bi-eggs', receivedQty: 9, damagedQty: 1, photos: [] },
        { batchItemId: 'bi-milk', receivedQty: 4, damagedQty: 0, photos: [] },
      ],
    },
  ]);
  const outcome = textOf(find(page, '.outcome'));
  expect(outcome).toContain('已确认到货');
  expect(outcome).toContain('到货订单7通知成功6通知失败1');
  expect(textOf(find(page, '.refund'))).toBe('散养土鸡蛋30枚×2订单202405200009¥51.60');
  expect(outcome).toContain('已退款¥51.60');
  expect(page.querySelector('.confirm')).toBeUndefined();

  expect(api.calls('leader.unnotified')).toEqual([{ batchId: 'batch-1' }]);
  expect(textOf(find(page, '.unnotified'))).toBe('张三尾号1234订单202405200001未订阅通知');
  await tap(page, '.copy', '.van-button');
  expect(wxMock.setClipboardData).toHaveBeenCalledWith({
    data: expect.stringContaining('张三(尾号1234) 订单202405200001'),
  });
});

test('a short or damaged item takes photos for the supplier; they are uploaded and sent with its line', async () => {
  const api = stubApi({
    'leader.skuTotals': SKU_TOTALS,
    'leader.confirmArrival': ARRIVAL,
    'leader.unnotified': UNNOTIFIED,
  });
  wxMock.chooseMedia.mockImplementation((o: any) =>
    o.success({ tempFiles: [{ tempFilePath: 'http://tmp/crate.jpg' }] }),
  );
  wxMock.cloud.uploadFile.mockImplementation((o: any) =>
    Promise.resolve({ fileID: `cloud://env/${o.cloudPath.replace(/\/\d+-/, '/')}` }),
  );
  const page = await open();
  // Nothing wrong yet: no photo button.
  expect(page.querySelector('.add-photo')).toBeUndefined();

  await tap(page, '.damaged', '.van-stepper__plus');
  await tap(page, '.add-photo', '.van-button');
  expect(page.querySelectorAll('.photo')).toHaveLength(1);
  await tap(page, '.confirm', '.van-button');
  await eventually(() => expect(api.calls('leader.confirmArrival')).toHaveLength(1));

  expect(api.calls('leader.confirmArrival')[0].lines).toEqual([
    { batchItemId: 'bi-eggs', receivedQty: 10, damagedQty: 1, photos: ['cloud://env/arrival/batch-1/0.jpg'] },
    { batchItemId: 'bi-milk', receivedQty: 4, damagedQty: 0, photos: [] },
  ]);
});

test('a photo that fails to upload confirms nothing and says so', async () => {
  const api = stubApi({ 'leader.skuTotals': SKU_TOTALS, 'leader.confirmArrival': ARRIVAL });
  wxMock.chooseMedia.mockImplementation((o: any) =>
    o.success({ tempFiles: [{ tempFilePath: 'http://tmp/crate.jpg' }] }),
  );
  wxMock.cloud.uploadFile.mockImplementation(() => Promise.reject(new Error('uploadFile:fail')));
  const page = await open();
  await tap(page, '.received', '.van-stepper__minus');
  await tap(page, '.add-photo', '.van-button');
  await tap(page, '.confirm', '.van-button');
  await flush();
  expect(api.calls('leader.confirmArrival')).toEqual([]);
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '网络不给力，请检查网络后重试' }));
  expect(page.querySelector('.confirm')).toBeDefined();
});

test('cancelling the confirmation sends nothing', async () => {
  const api = stubApi({ 'leader.skuTotals': SKU_TOTALS, 'leader.confirmArrival': ARRIVAL });
  wxMock.showModal.mockImplementation(() => Promise.resolve({ confirm: false, cancel: true }));
  const page = await open();
  await tap(page, '.confirm', '.van-button');
  expect(api.calls('leader.confirmArrival')).toEqual([]);
});

test('a batch already confirmed shows no form, only the residents to remind', async () => {
  stubApi({ 'leader.skuTotals': { ...SKU_TOTALS, arrivalConfirmed: true }, 'leader.unnotified': { items: [] } });
  const page = await open();
  expect(textOf(page)).toContain('本期已确认到货');
  expect(page.querySelector('.confirm')).toBeUndefined();
  expect(textOf(page)).toContain('取货通知都已送达');
});

test('a refused confirmation says why and keeps the form', async () => {
  stubApi({ 'leader.skuTotals': SKU_TOTALS, 'leader.confirmArrival': failWith('FORBIDDEN') });
  const page = await open();
  await tap(page, '.confirm', '.van-button');
  await flush();
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '没有权限进行此操作' }));
  expect(page.querySelector('.confirm')).toBeDefined();
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('loading fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ 'leader.skuTotals': answer });
  const page = await open();
  expect(textOf(page)).toContain(message);

  api.set({ 'leader.skuTotals': SKU_TOTALS });
  await tapRetry(page);
  await flush();
  expect(skus(page)).toHaveLength(2);
});
