import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';
import { PAY_CONTROL_BODIES } from '../../emulator/src/pay/control';

const ENV = 'pay-env';
const MCH = '1900000109';
const USER = 'oPAYER_1';
let running: RunningCloud;
let cloud: any;
type InvokeArgs = [string, string, Record<string, any>, { source: string }];
let invoke: jest.Mock<Promise<unknown>, InvokeArgs>;

beforeAll(async () => {
  running = await startLocalCloud();
  useLocalCloud({ url: running.url, env: ENV });
  cloud = require('wx-server-sdk');
  cloud.init({ env: ENV });
});
afterAll(() => running.stop());
beforeEach(async () => {
  await running.cloud.reset();
  // The function runner is written concurrently: capture the callback invocations.
  invoke = jest.fn<Promise<unknown>, InvokeArgs>(async () => ({ errcode: 0, errmsg: 'ok' }));
  Object.assign(running.cloud.functions, { invoke });
});

const order = (extra: Record<string, unknown> = {}) =>
  cloud.cloudPay.unifiedOrder({
    body: '社区团购-水果',
    outTradeNo: 'T1001',
    spbillCreateIp: '127.0.0.1',
    subMchId: MCH,
    totalFee: 1000,
    envId: ENV,
    functionName: 'payCallback',
    ...extra,
  });
const query = (outTradeNo = 'T1001') => cloud.cloudPay.queryOrder({ subMchId: MCH, outTradeNo, nonceStr: 'n' });
const refund = (extra: Record<string, unknown> = {}) =>
  cloud.cloudPay.refund({
    subMchId: MCH,
    nonceStr: 'n',
    outTradeNo: 'T1001',
    outRefundNo: 'R1',
    totalFee: 1000,
    refundFee: 300,
    envId: ENV,
    functionName: 'refundCallback',
    ...extra,
  });

describe('unifiedOrder', () => {
  test('answers the payment object wx.requestPayment needs', async () => {
    const res = await order();
    expect(res).toMatchObject({
      errCode: 0,
      errMsg: 'cloudPay.unifiedOrder:ok',
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      subMchId: MCH,
      tradeType: 'JSAPI',
      prepayId: expect.stringMatching(/^wx/),
    });
    expect(res.payment).toEqual({
      appId: 'wxlocalappid',
      timeStamp: expect.stringMatching(/^\d{10}$/),
      nonceStr: expect.any(String),
      package: `prepay_id=${res.prepayId}`,
      signType: 'MD5',
      paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
    });
    expect((await query()).tradeState).toBe('NOTPAY');
  });

  test('the same order again gets the same prepay_id; another amount is a duplicate order number', async () => {
    const first = await order();
    const again = await order();
    expect(again.prepayId).toBe(first.prepayId);
    const other = await order({ totalFee: 2000 });
    expect(other).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'FAIL', errCodeDes: '201 商户订单号重复' });
    // The same number under another merchant is another order.
    expect(await order({ subMchId: '1900000999', totalFee: 2000 })).toMatchObject({ resultCode: 'SUCCESS' });
  });

  test('missing or malformed fields are refused (return_code FAIL)', async () => {
    expect(await order({ body: '' })).toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringContaining('body') });
    expect(await order({ totalFee: 9.9 })).toMatchObject({ returnCode: 'FAIL' });
    expect(await order({ totalFee: 0 })).toMatchObject({ returnCode: 'FAIL' });
    expect(await order({ totalFee: '100' })).toMatchObject({ returnCode: 'FAIL' });
    expect(await order({ spbillCreateIp: 'localhost' })).toMatchObject({ returnCode: 'FAIL' });
    expect(await order({ functionName: undefined })).toMatchObject({ returnCode: 'FAIL' });
    expect(await order({ outTradeNo: 'has space' })).toMatchObject({ returnCode: 'FAIL' });
    expect(running.cloud.pay.listOrders(ENV)).toEqual([]);
  });

  test('a paid order cannot be ordered again (ORDERPAID)', async () => {
    await order();
    await running.cloud.pay.simulatePay(ENV, 'T1001', { openid: USER });
    expect(await order()).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' });
  });
});

describe('payment notification', () => {
  test('simulatePay pays the order and calls the callback with the WeChat Pay event', async () => {
    await order({ attach: 'leader=7' });
    const { notices } = await running.cloud.pay.simulatePay(ENV, 'T1001', { openid: USER });
    expect(invoke).toHaveBeenCalledTimes(1);
    const [env, name, event, opts] = invoke.mock.calls[0];
    expect([env, name, opts]).toEqual([ENV, 'payCallback', { source: 'wxpay' }]);
    expect(event).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      outTradeNo: 'T1001',
      subMchId: MCH,
      totalFee: 1000,
      cashFee: 1000,
      feeType: 'CNY',
      tradeType: 'JSAPI',
      openid: USER,
      subOpenid: USER,
      attach: 'leader=7',
      transactionId: expect.stringMatching(/^4200\d{24}$/),
      timeEnd: expect.stringMatching(/^\d{14}$/),
    });
    expect(notices[0]).toMatchObject({ status: 'delivered', attempts: [expect.objectContaining({ ok: true })] });
    const q = await query();
    expect(q).toMatchObject({ tradeState: 'SUCCESS', transactionId: event.transactionId, timeEnd: event.timeEnd });
  });

  test('duplicate delivers the identical notification several times', async () => {
    await order();
    const { notices } = await running.cloud.pay.simulatePay(ENV, 'T1001', { mode: 'duplicate', times: 3 });
    expect(invoke).toHaveBeenCalledTimes(3);
    expect(invoke.mock.calls[1][2]).toEqual(invoke.mock.calls[0][2]);
    expect(invoke.mock.calls[2][2]).toEqual(invoke.mock.calls[0][2]);
    expect(notices.map((n) => n.status)).toEqual(['delivered', 'delivered', 'delivered']);
  });

  test('anything but {errcode: 0} is retried, at most maxAttempts times', async () => {
    await order();
    invoke.mockResolvedValueOnce({ errcode: 1, errmsg: 'db busy' }).mockRejectedValueOnce(new Error('timeout'));
    const { notices } = await running.cloud.pay.simulatePay(ENV, 'T1001');
    expect(invoke).toHaveBeenCalledTimes(3);
    expect(notices[0].status).toBe('delivered');
    expect(notices[0].attempts.map((a) => a.ok)).toEqual([false, false, true]);
    expect(notices[0].attempts[1].error).toContain('timeout');

    await order({ outTradeNo: 'T1002' });
    invoke.mockClear();
    invoke.mockResolvedValue(true);
    const failed = await running.cloud.pay.simulatePay(ENV, 'T1002');
    expect(invoke).toHaveBeenCalledTimes(running.cloud.pay.maxAttempts);
    expect(failed.notices[0].status).toBe('failed');
    // WeChat Pay keeps retrying later: delivering the failed notice again works once the function answers right.
    invoke.mockResolvedValue({ errcode: 0 });
    expect((await running.cloud.pay.deliver(failed.notices[0].id)).status).toBe('delivered');
  });

  test('delayed: the order is paid at once, the notification waits for deliver()', async () => {
    await order();
    const { notices } = await running.cloud.pay.simulatePay(ENV, 'T1001', { mode: 'delayed' });
    expect(invoke).not.toHaveBeenCalled();
    expect((await query()).tradeState).toBe('SUCCESS');
    expect(running.cloud.pay.pendingNotices(ENV).map((n) => n.id)).toEqual([notices[0].id]);
    await running.cloud.pay.deliver(notices[0].id);
    expect(invoke).toHaveBeenCalledTimes(1);
    expect(running.cloud.pay.pendingNotices(ENV)).toEqual([]);
  });

  test('HTTP control: POST /__localcloud/pay/simulate', async () => {
    await order();
    const res = await fetch(`${running.url}/__localcloud/pay/simulate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ env: ENV, outTradeNo: 'T1001', mode: 'duplicate', openid: USER }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.notices).toHaveLength(2);
    expect(invoke).toHaveBeenCalledTimes(2);
    const notices = await (await fetch(`${running.url}/__localcloud/pay/notices?env=${ENV}`)).json();
    expect(notices).toHaveLength(2);
  });

  test('HTTP control: a wrong body or path answers what is expected, and nothing is paid', async () => {
    await order();
    const post = async (path: string, body: string) => {
      const res = await fetch(`${running.url}/__localcloud/pay/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      return { status: res.status, error: String((await res.json()).error) };
    };
    const simulateBody = PAY_CONTROL_BODIES.simulate;
    expect(await post('simulate', '{"outTradeNo": ')).toEqual({
      status: 400,
      error: `body is not JSON; POST /__localcloud/pay/simulate expects ${simulateBody}`,
    });
    expect(await post('simulate', '["T1001"]')).toEqual({
      status: 400,
      error: `body is not a JSON object; POST /__localcloud/pay/simulate expects ${simulateBody}`,
    });
    expect(await post('simulate', JSON.stringify({ env: ENV }))).toEqual({
      status: 400,
      error: `"outTradeNo" (the order number given to unifiedOrder) is missing; POST /__localcloud/pay/simulate expects ${simulateBody}`,
    });
    expect((await post('simulate', JSON.stringify({ env: ENV, outTradeNo: 'T1001', mode: 'twice' }))).error).toBe(
      `"mode" must be "normal", "duplicate" or "delayed"; POST /__localcloud/pay/simulate expects ${simulateBody}`,
    );
    expect((await post('simulate', JSON.stringify({ env: ENV, outTradeNo: 'T1001', times: 0 }))).error).toMatch(
      /^"times" must be an integer 1\.\.20; /,
    );
    expect(await post('simulate', JSON.stringify({ env: ENV, outTradeNo: 'T404' }))).toEqual({
      status: 404,
      error: `no order T404 in env ${ENV}: GET /__localcloud/pay/orders?env=${ENV} lists the orders unifiedOrder created`,
    });
    expect((await post('simulateRefund', JSON.stringify({ env: ENV, outTradeNo: 'T1001' }))).error).toBe(
      `"outRefundNo" (the refund number given to cloudPay.refund) is missing; POST /__localcloud/pay/simulateRefund expects ${PAY_CONTROL_BODIES.simulateRefund}`,
    );
    expect((await post('deliver', JSON.stringify({ order: 'random' }))).error).toBe(
      `"order" must be "oldest" or "newest"; POST /__localcloud/pay/deliver expects ${PAY_CONTROL_BODIES.deliver}`,
    );
    expect(await post('pay', '{}')).toEqual({
      status: 404,
      error: 'no pay control "pay": POST /__localcloud/pay/<simulate, simulateRefund, deliver>',
    });
    const listing = await fetch(`${running.url}/__localcloud/pay/payments?env=${ENV}`);
    expect([listing.status, (await listing.json()).error]).toEqual([
      404,
      'no pay listing "payments": GET /__localcloud/pay/<orders, refunds, notices>?env=<env>',
    ]);
    const pay = await fetch(`${running.url}/client/requestPayment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': USER },
      body: JSON.stringify({ env: ENV, prepay: 'x' }),
    });
    expect([pay.status, (await pay.json()).errMsg]).toEqual([
      400,
      'requestPayment:fail prepay_id not found; expects {"package": "prepay_id=<id>" (or "prepayId"), "env"?: string, "cancel"?: true} with header X-WX-OPENID',
    ]);
    expect(invoke).not.toHaveBeenCalled();
    expect((await query()).tradeState).toBe('NOTPAY');
  });

  test('client gateway: POST /client/requestPayment pays by prepay_id as the calling user', async () => {
    const { payment } = await order();
    const res = await fetch(`${running.url}/client/requestPayment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': USER },
      body: JSON.stringify({ env: ENV, ...payment }),
    });
    expect(await res.json()).toEqual({ errMsg: 'requestPayment:ok' });
    expect(invoke.mock.calls[0][2]).toMatchObject({ outTradeNo: 'T1001', subOpenid: USER });
    const again = await fetch(`${running.url}/client/requestPayment`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'X-WX-OPENID': USER },
      body: JSON.stringify({ env: ENV, ...payment }),
    });
    expect(again.status).toBe(400);
  });
});

describe('closeOrder', () => {
  test('closes an unpaid order; a closed order cannot be paid or ordered again', async () => {
    await order();
    expect(await cloud.cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'T1001', nonceStr: 'n' })).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
    });
    expect((await query()).tradeState).toBe('CLOSED');
    expect(await order()).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已关闭' });
    await expect(running.cloud.pay.simulatePay(ENV, 'T1001')).rejects.toThrow(/closed/);
  });

  test('a paid order cannot be closed; an unknown order does not exist', async () => {
    await order();
    await running.cloud.pay.simulatePay(ENV, 'T1001');
    expect(await cloud.cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'T1001' })).toMatchObject({
      resultCode: 'FAIL',
    });
    expect(await query('NOPE')).toMatchObject({ resultCode: 'FAIL', errCodeDes: '此交易订单号不存在' });
  });
});

describe('refund', () => {
  beforeEach(async () => {
    await order();
    await running.cloud.pay.simulatePay(ENV, 'T1001', { openid: USER });
    invoke.mockClear();
  });

  test('partial refunds up to the paid amount; over the remaining amount is refused', async () => {
    expect(await refund()).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      refundFee: 300,
      outRefundNo: 'R1',
    });
    expect(await refund({ outRefundNo: 'R2', refundFee: 800 })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '累计退款金额大于支付金额',
    });
    expect(await refund({ outRefundNo: 'R2', refundFee: 700 })).toMatchObject({ resultCode: 'SUCCESS' });
    expect(await refund({ outRefundNo: 'R3', refundFee: 1 })).toMatchObject({ resultCode: 'FAIL' });
  });

  test('out_refund_no is idempotent; the same number with another amount is refused', async () => {
    const first = await refund();
    const again = await refund();
    expect(again).toMatchObject({ resultCode: 'SUCCESS', refundId: first.refundId });
    expect(running.cloud.pay.listRefunds(ENV)).toHaveLength(1);
    expect(await refund({ refundFee: 400 })).toMatchObject({ resultCode: 'FAIL' });
    expect(await refund({ outRefundNo: 'R9', totalFee: 999 })).toMatchObject({ resultCode: 'FAIL' });
  });

  test('an unpaid order cannot be refunded', async () => {
    await order({ outTradeNo: 'T2' });
    expect(await refund({ outTradeNo: 'T2' })).toMatchObject({ resultCode: 'FAIL' });
  });

  test('PROCESSING until simulateRefund, which calls the refund callback', async () => {
    const r = await refund();
    const q1 = await cloud.cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R1' });
    expect(q1).toMatchObject({ resultCode: 'SUCCESS', refundCount: 1, refundStatusList: ['PROCESSING'] });
    expect(invoke).not.toHaveBeenCalled();
    await running.cloud.pay.simulateRefund(ENV, 'R1');
    expect(invoke).toHaveBeenCalledTimes(1);
    const [env, name, event, opts] = invoke.mock.calls[0];
    expect([env, name, opts]).toEqual([ENV, 'refundCallback', { source: 'wxpay' }]);
    expect(event).toMatchObject({
      returnCode: 'SUCCESS',
      subMchId: MCH,
      reqInfo: {
        outTradeNo: 'T1001',
        outRefundNo: 'R1',
        refundId: r.refundId,
        refundFee: 300,
        totalFee: 1000,
        refundStatus: 'SUCCESS',
      },
    });
    const q2 = await cloud.cloudPay.queryRefund({ subMchId: MCH, outTradeNo: 'T1001' });
    expect(q2).toMatchObject({ refundStatusList: ['SUCCESS'], refundFeeList: [300], outRefundNoList: ['R1'] });
    expect((await query()).tradeState).toBe('REFUND');
  });

  test('a refund that ends CHANGE or REFUNDCLOSE gives nothing back: queried and notified so, resubmitted with its number it is processed again', async () => {
    await refund({ refundFee: 1000 });
    await running.cloud.pay.simulateRefund(ENV, 'R1', { status: 'REFUNDCLOSE' });
    expect(invoke.mock.calls[0][2]).toMatchObject({ reqInfo: { outRefundNo: 'R1', refundStatus: 'REFUNDCLOSE' } });
    expect(await cloud.cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R1' })).toMatchObject({
      refundStatusList: ['REFUNDCLOSE'],
    });
    expect((await query()).tradeState).toBe('SUCCESS');
    // Nothing went back, so the whole amount can still be refunded, under the same number only once.
    expect(await refund({ refundFee: 1000 })).toMatchObject({ resultCode: 'SUCCESS' });
    expect(await refund({ outRefundNo: 'R2', refundFee: 1 })).toMatchObject({
      resultCode: 'FAIL',
      errCodeDes: '累计退款金额大于支付金额',
    });
    expect(await cloud.cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R1' })).toMatchObject({
      refundStatusList: ['PROCESSING'],
    });
    await running.cloud.pay.simulateRefund(ENV, 'R1', { status: 'CHANGE' });
    expect(await cloud.cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R1' })).toMatchObject({
      refundStatusList: ['CHANGE'],
    });
    await refund({ refundFee: 1000 });
    await running.cloud.pay.simulateRefund(ENV, 'R1');
    expect((await query()).tradeState).toBe('REFUND');
    expect(running.cloud.pay.listRefunds(ENV)).toHaveLength(1);
  });

  test('notices can be delivered out of order: the refund notice before the payment notice', async () => {
    await order({ outTradeNo: 'T3' });
    const paid = await running.cloud.pay.simulatePay(ENV, 'T3', { mode: 'delayed' });
    await refund({ outTradeNo: 'T3', outRefundNo: 'R3', refundFee: 1000 });
    const refunded = await running.cloud.pay.simulateRefund(ENV, 'R3', { mode: 'delayed' });
    expect(running.cloud.pay.pendingNotices(ENV).map((n) => n.kind)).toEqual(['payment', 'refund']);
    await running.cloud.pay.deliver(refunded.notices[0].id);
    await running.cloud.pay.deliver(paid.notices[0].id);
    expect(invoke.mock.calls.map((c) => c[1])).toEqual(['refundCallback', 'payCallback']);
  });
});

test('a cloudPay API the emulator does not implement is refused with its name', async () => {
  await expect(cloud.cloudPay.downloadFundFlow({ subMchId: MCH })).rejects.toMatchObject({
    errMsg: expect.stringContaining('api not supported by localcloud: cloudPay.downloadFundFlow'),
  });
});
