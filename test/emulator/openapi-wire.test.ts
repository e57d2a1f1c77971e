/**
 * Wire contract: the request bytes wx-server-sdk@4.0.2 sends for cloud.openapi.*
 * (captured in shared/reference/cloudbase-wire/wire-log.jsonl) and the reply
 * the emulator answers. An SDK upgrade that changes either format fails here.
 */
import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';
import type { ActionRequest } from '../../emulator/src/types';
import { decodeOpenApiReply, decodeOpenApiRequest, encodeOpenApiRequest } from '../../emulator/src/openapi/proto';

/** wire-log.jsonl: wx.openApi, apiName subscribeMessage.send, part requestData. */
const CAPTURED_SUBSCRIBE_SEND =
  'CAASnwEKEgoGdG91c2VyEggib1VTRVIxIgpACgRwYWdlEjgicGFnZXMvb3JkZXIvZGV0YWlsP2lkPTg1YmIzODA4M2MxNjIzMWVjNGJlNzIwN2ZiODUwOTEy' +
  'IgorCgRkYXRhEiN7InRoaW5nMSI6eyJ2YWx1ZSI6Im9yZGVyIHBsYWNlZCJ9fQoaCgt0ZW1wbGF0ZV9pZBILIlRQTF9PUkRFUiI=';
const ARGS = {
  touser: 'oUSER1',
  page: 'pages/order/detail?id=85bb38083c16231ec4be7207fb850912',
  data: { thing1: { value: 'order placed' } },
  templateId: 'TPL_ORDER',
};

const ENV = 'openapi-wire-env';
let running: RunningCloud;
let cloud: any;
beforeAll(async () => {
  running = await startLocalCloud();
  useLocalCloud({ url: running.url, env: ENV });
  cloud = require('wx-server-sdk');
  cloud.init({ env: ENV });
});
afterAll(() => running.stop());

test('the captured subscribeMessage.send request decodes to its arguments', () => {
  const decoded = decodeOpenApiRequest(Buffer.from(CAPTURED_SUBSCRIBE_SEND, 'base64'));
  expect(decoded).toEqual({
    apiType: 0,
    appid: undefined,
    params: { touser: 'oUSER1', page: ARGS.page, data: ARGS.data, template_id: 'TPL_ORDER' },
  });
  // And our encoder reproduces the captured bytes.
  expect(encodeOpenApiRequest(decoded.params).toString('base64')).toBe(CAPTURED_SUBSCRIBE_SEND);
});

test('the SDK still sends exactly the captured bytes, and reads the emulator reply', async () => {
  const spy = jest.spyOn(running.cloud.openapi, 'handleOpenApi');
  running.cloud.openapi.recordConsent(ENV, 'oUSER1', 'TPL_ORDER');
  const res = await cloud.openapi.subscribeMessage.send(ARGS);
  expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
  const req = spy.mock.calls[0][0] as ActionRequest;
  expect(req.body.action).toBe('wx.openApi');
  expect(req.body.apiName).toBe('subscribeMessage.send');
  expect(req.parts?.requestData.toString('base64')).toBe(CAPTURED_SUBSCRIBE_SEND);
  const reply = await spy.mock.results[0].value;
  const decoded = decodeOpenApiReply(reply.body);
  expect(decoded.errorCode).toBe(0);
  expect(decoded.contentType).toMatch(/^application\/json/);
  expect(JSON.parse(decoded.respData.toString())).toMatchObject({ errcode: 0, errmsg: 'ok' });
  spy.mockRestore();
});
