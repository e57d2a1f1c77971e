/**
 * Wire contract: the JSON bytes wx-server-sdk@4.0.2 sends for cloud.cloudPay.unifiedOrder
 * (captured in shared/reference/cloudbase-wire/wire-log.jsonl). An SDK upgrade that
 * changes the format (case conversion, field names, parts) fails here.
 */
import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';
import type { ActionRequest } from '../../emulator/src/types';

/** wire-log.jsonl: wx.wxPayApi, apiName unifiedOrder, part requestData (apiOptions was empty). */
const CAPTURED_UNIFIED_ORDER =
  '{"body":"group buy","out_trade_no":"T1","spbill_create_ip":"127.0.0.1","sub_mch_id":"1900000109","total_fee":100,' +
  '"env_id":"local-env","function_name":"payCallback"}';

let running: RunningCloud;
let cloud: any;
beforeAll(async () => {
  running = await startLocalCloud();
  useLocalCloud({ url: running.url, env: 'local-env' });
  cloud = require('wx-server-sdk');
  cloud.init({ env: 'local-env' });
});
afterAll(() => running.stop());

test('the SDK sends the captured unifiedOrder bytes and reads the emulator JSON reply', async () => {
  const spy = jest.spyOn(running.cloud.pay, 'handlePayApi');
  const res = await cloud.cloudPay.unifiedOrder({
    body: 'group buy',
    outTradeNo: 'T1',
    spbillCreateIp: '127.0.0.1',
    subMchId: '1900000109',
    totalFee: 100,
    envId: 'local-env',
    functionName: 'payCallback',
  });
  const req = spy.mock.calls[0][0] as ActionRequest;
  expect(req.body.action).toBe('wx.wxPayApi');
  expect(req.body.apiName).toBe('unifiedOrder');
  expect(req.parts?.requestData.toString('utf8')).toBe(CAPTURED_UNIFIED_ORDER);
  expect(req.parts?.apiOptions.length).toBe(0);
  const reply = await spy.mock.results[0].value;
  expect(reply.contentType).not.toBe('application/json; charset=utf-8'); // would make node-sdk parse it and the SDK fail
  expect(JSON.parse(reply.body.toString())).toMatchObject({ return_code: 'SUCCESS', result_code: 'SUCCESS' });
  expect(res).toMatchObject({ returnCode: 'SUCCESS', payment: { package: expect.stringMatching(/^prepay_id=/) } });
  spy.mockRestore();
});
