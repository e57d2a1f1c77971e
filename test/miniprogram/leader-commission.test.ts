import { resetWx, wxMock } from './setup';
import { openPage, textOf, find, tap, tapRetry, flush } from './helpers';
import { stubApi, failWith, networkDown } from './api';
import { LEDGER, SUMMARY, WITHDRAWAL, eventually, typeInto } from './fixtures/leader';
import { commissionStore } from '../../miniprogram/stores/commission';

const WITHDRAWALS = { items: [WITHDRAWAL], page: 1, pageSize: 20, hasMore: false };
const NEW_WITHDRAWAL = { ...WITHDRAWAL, _id: 'w-2', amountFen: 10000, status: 'pending', paidAt: undefined };
const ROUTES = {
  'commission.summary': SUMMARY,
  'commission.ledger': LEDGER,
  'commission.withdrawals': WITHDRAWALS,
};

beforeEach(() => {
  resetWx();
  commissionStore.summary = null;
  commissionStore.withdrawals = [];
  commissionStore.withdrawRequestId = '';
});

const open = () => openPage('packages/leader/commission/index');
const withdraw = (page: any) => tap(page, '.withdraw-button', '.van-button');

test('shows the balance buckets and the ledger', async () => {
  stubApi(ROUTES);
  const page = await open();

  expect(textOf(find(page, '.balance'))).toBe('可提现¥123.45¥12.00待取货¥34.00待结算¥50.00已提现¥219.45累计收益');
  expect(textOf(find(page, '.rule'))).toBe('邻居取货7天后佣金可提现，单次最低¥10.00');
  expect(page.querySelectorAll('.entry').map((e: any) => textOf(e))).toEqual([
    '订单佣金（待取货）05-2010:00+¥2.58',
    '提现05-1910:00-¥50.00',
  ]);
});

test('提现 sends the amount in fen with a clientRequestId and shows the new balance and the withdrawal', async () => {
  const api = stubApi({
    ...ROUTES,
    'commission.withdraw': { withdrawal: NEW_WITHDRAWAL, created: true },
  });
  const page = await open();
  api.set({ 'commission.summary': { ...SUMMARY, availableFen: 2345, withdrawableFen: 2345, withdrawnFen: 15000 } });

  await typeInto(page, '.amount', '100');
  await withdraw(page);
  await flush();

  expect(api.calls('commission.withdraw')).toEqual([
    { amountFen: 10000, clientRequestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) },
  ]);
  await eventually(() => expect(textOf(find(page, '.balance__value'))).toBe('¥23.45'));
  expect(page.querySelectorAll('.withdrawal').map((w: any) => textOf(w).slice(0, 10))).toEqual([
    '¥100.0005-',
    '¥50.0005-1',
  ]);
  expect(textOf(find(page, '.withdrawal'))).toContain('审核中');
});

test('全部 fills in the withdrawable balance; an amount that is no money is not sent', async () => {
  const api = stubApi({ ...ROUTES, 'commission.withdraw': { withdrawal: NEW_WITHDRAWAL, created: true } });
  const page = await open();

  await typeInto(page, '.amount', '1.234');
  await withdraw(page);
  expect(wxMock.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请输入提现金额' }));
  expect(api.calls('commission.withdraw')).toEqual([]);

  await tap(page, '.all', '.van-button');
  await withdraw(page);
  expect(api.calls('commission.withdraw')[0].amountFen).toBe(12345);
});

test('the server refuses (balance): the reason shows; the next attempt is a new request', async () => {
  const api = stubApi({ ...ROUTES, 'commission.withdraw': failWith('INSUFFICIENT_BALANCE') });
  const page = await open();
  await typeInto(page, '.amount', '5000');
  await withdraw(page);
  expect(textOf(find(page, '.withdraw-error'))).toBe('提现失败：余额不足');

  await withdraw(page);
  const [first, second] = api.calls('commission.withdraw');
  expect(second.clientRequestId).not.toBe(first.clientRequestId);
});

test('a lost answer is retried with the same clientRequestId, so it cannot withdraw twice', async () => {
  const api = stubApi({ ...ROUTES, 'commission.withdraw': networkDown() });
  const page = await open();
  await typeInto(page, '.amount', '100');
  await withdraw(page);
  expect(textOf(find(page, '.withdraw-error'))).toBe('提现失败：网络不给力，请检查网络后重试');

  api.set({ 'commission.withdraw': { withdrawal: NEW_WITHDRAWAL, created: false } });
  await withdraw(page);
  const [first, second] = api.calls('commission.withdraw');
  expect(second.clientRequestId).toBe(first.clientRequestId);
});

test.each([
  ['UNAVAILABLE', failWith('UNAVAILABLE'), '服务繁忙，请稍后重试'],
  ['a rejected call', networkDown(), '网络不给力，请检查网络后重试'],
])('the balance fails (%s): the error and 重试 show; 重试 loads again', async (_n, answer, message) => {
  const api = stubApi({ ...ROUTES, 'commission.summary': answer });
  const page = await open();
  expect(textOf(find(page, '.state'))).toContain(message);
  expect(page.querySelector('.withdraw-button')).toBeUndefined();

  api.set({ 'commission.summary': SUMMARY });
  await tapRetry(page);
  await eventually(() => expect(textOf(find(page, '.balance__value'))).toBe('¥123.45'));
});

test('the ledger fails: its own error and 重试', async () => {
  const api = stubApi({ ...ROUTES, 'commission.ledger': failWith('UNAVAILABLE') });
  const page = await open();
  expect(textOf(find(page, '.ledger-state'))).toContain('服务繁忙，请稍后重试');
  api.set({ 'commission.ledger': LEDGER });
  await tapRetry(page, '.ledger-state');
  expect(page.querySelectorAll('.entry')).toHaveLength(2);
});
