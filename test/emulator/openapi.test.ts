import { startLocalCloud, useLocalCloud, type RunningCloud } from '../../emulator/src';
import { checkTemplateData } from '../../emulator/src/openapi/subscribe-rules';

const ENV = 'openapi-env';
const USER = 'oUSER_OPENAPI_1';
const TPL = 'TPL_ORDER_READY';
let running: RunningCloud;
let cloud: any;

beforeAll(async () => {
  running = await startLocalCloud();
  useLocalCloud({ url: running.url, env: ENV });
  cloud = require('wx-server-sdk');
  cloud.init({ env: ENV });
});
afterAll(() => running.stop());
beforeEach(async () => {
  await running.cloud.reset();
  running.cloud.openapi.setPages(null);
});

const send = (extra: Record<string, unknown> = {}) =>
  cloud.openapi.subscribeMessage.send({
    touser: USER,
    templateId: TPL,
    page: 'pages/order/detail?id=1',
    data: { thing1: { value: '苹果 2 斤' }, amount2: { value: '¥12.50' }, time3: { value: '2024年5月1日 18:00' } },
    ...extra,
  });

describe('subscribeMessage.send', () => {
  test('without a consent WeChat answers 43101', async () => {
    await expect(send()).rejects.toMatchObject({ errCode: 43101 });
    expect(running.cloud.openapi.outbox(ENV)).toEqual([]);
  });

  test('one consent = one send; the message lands in the outbox with the emulator time', async () => {
    running.cloud.clock.set(new Date('2024-05-01T10:00:00Z'));
    running.cloud.openapi.recordConsent(ENV, USER, TPL);
    expect(running.cloud.openapi.consents(ENV, USER)).toEqual({ [TPL]: 1 });
    const res = await send();
    expect(res).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });
    expect(running.cloud.openapi.consents(ENV, USER)).toEqual({});
    const outbox = running.cloud.openapi.outbox(ENV);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({
      touser: USER,
      template: TPL,
      page: 'pages/order/detail?id=1',
      data: { thing1: { value: '苹果 2 斤' } },
    });
    expect(Math.abs(outbox[0].time - Date.parse('2024-05-01T10:00:00Z'))).toBeLessThan(5000);
    // The consent was used up.
    await expect(send()).rejects.toMatchObject({ errCode: 43101 });
    expect(running.cloud.openapi.outbox(ENV)).toHaveLength(1);
  });

  test('consents are per template and per user, and count up', async () => {
    running.cloud.openapi.recordConsent(ENV, USER, TPL, 2);
    await expect(send({ templateId: 'OTHER_TPL' })).rejects.toMatchObject({ errCode: 43101 });
    await expect(send({ touser: 'oSOMEONE_ELSE' })).rejects.toMatchObject({ errCode: 43101 });
    await send();
    await send();
    await expect(send()).rejects.toMatchObject({ errCode: 43101 });
  });

  test('a thing value over 20 characters is rejected with 47003 and does not use the consent', async () => {
    running.cloud.openapi.recordConsent(ENV, USER, TPL);
    await expect(
      send({ data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } }),
    ).rejects.toMatchObject({
      errCode: 47003,
      errMsg: expect.stringContaining('data.thing1.value invalid'),
    });
    await expect(send({ data: { thing1: { value: '' } } })).rejects.toMatchObject({
      errCode: 47003,
      errMsg: expect.stringContaining('data.thing1.value is empty'),
    });
    expect(running.cloud.openapi.consents(ENV, USER)).toEqual({ [TPL]: 1 });
    await expect(
      send({ data: { thing1: { value: '一二三四五六七八九十一二三四五六七八九十' } } }),
    ).resolves.toMatchObject({
      errCode: 0,
    });
  });

  test('bad touser → 40003, empty template → 40037, unknown page → 41030', async () => {
    running.cloud.openapi.recordConsent(ENV, USER, TPL);
    await expect(send({ touser: '' })).rejects.toMatchObject({ errCode: 40003 });
    await expect(send({ templateId: '' })).rejects.toMatchObject({ errCode: 40037 });
    running.cloud.openapi.setPages(['pages/index/index', 'pages/order/detail']);
    await expect(send({ page: 'pages/nope/nope' })).rejects.toMatchObject({ errCode: 41030 });
    await expect(send({ page: 'pages/order/detail?id=9' })).resolves.toMatchObject({ errCode: 0 });
  });

  test('POST /client/subscribe records accepted consents like wx.requestSubscribeMessage', async () => {
    const post = (body: unknown, openid = USER) =>
      fetch(`${running.url}/client/subscribe`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-WX-OPENID': openid },
        body: JSON.stringify(body),
      });
    const ok = await post({ env: ENV, tmplIds: [TPL, 'TPL_B'] });
    expect(await ok.json()).toEqual({ errMsg: 'requestSubscribeMessage:ok', [TPL]: 'accept', TPL_B: 'accept' });
    const rejected = await post({ env: ENV, tmplIds: ['TPL_C'], accept: 'reject' });
    expect(await rejected.json()).toMatchObject({ TPL_C: 'reject' });
    expect(running.cloud.openapi.consents(ENV, USER)).toEqual({ [TPL]: 1, TPL_B: 1 });
    const tooMany = await post({ env: ENV, tmplIds: ['a', 'b', 'c', 'd'] });
    expect(tooMany.status).toBe(400);
    await send();
    const outbox = await (await fetch(`${running.url}/__localcloud/outbox?env=${ENV}`)).json();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ touser: USER, template: TPL });
  });
});

describe('keyword value rules', () => {
  const cases: Array<[string, string, boolean]> = [
    ['thing1', '20个字以内的任意内容abc!', true],
    ['thing1', 'x'.repeat(21), false],
    ['number2', '12.50', true],
    ['number2', '12a', false],
    ['number2', '1'.repeat(33), false],
    ['letter3', 'abcXYZ', true],
    ['letter3', 'abc1', false],
    ['symbol4', '!@#', true],
    ['symbol4', '!@#$%^', false],
    ['character_string5', 'ORDER-2024_001#A', true],
    ['character_string5', '订单1', false],
    ['character_string5', 'x'.repeat(33), false],
    ['time6', '15:01', true],
    ['time6', '2019年10月1日 15:01', true],
    ['time6', '2023-08-21 22:48:54', true],
    ['time6', '15:01~17:30', true],
    ['time6', '25:01', false],
    ['time6', '明天下午', false],
    ['date7', '2019年10月1日', true],
    ['date7', '2019年10月1日 15:01', true],
    ['date7', '2024-05-01 ~ 2024-05-03', true],
    ['date7', '2024-13-01', false],
    ['amount8', '¥100.5元', true],
    ['amount8', '100元', true],
    ['amount8', '12345678901', false],
    ['amount8', '¥$1', false],
    ['phone_number9', '+86-0766-66888866', true],
    ['phone_number9', '+86-0766-668888661234', false],
    ['phone_number9', '电话123', false],
    ['car_number10', '粤A8Z888挂', true],
    ['car_number10', '粤A8Z8888挂', false],
    ['car_number10', 'A粤8Z888', false],
    ['name11', '张三', true],
    ['name11', 'John Smith', true],
    ['name11', '一二三四五六七八九十一', false],
    ['name11', 'Zhang三', true],
    ['name11', 'a'.repeat(21), false],
    ['name11', 'R2D2', false],
    ['phrase12', '配送中', true],
    ['phrase12', '配送中了吗啊', false],
    ['phrase12', 'ok', false],
  ];
  test.each(cases)('%s = %j → valid %s', (key, value, valid) => {
    const err = checkTemplateData({ [key]: { value } });
    if (valid) expect(err).toBeUndefined();
    else expect(err).toBe(`argument invalid! data.${key}.value invalid`);
  });
});

describe('security.msgSecCheck', () => {
  test('2.0: errcode 0 with the verdict in result', async () => {
    const pass = await cloud.openapi.security.msgSecCheck({
      openid: USER,
      scene: 2,
      version: 2,
      content: '明天几点自提?',
    });
    expect(pass).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
    const risky = await cloud.openapi.security.msgSecCheck({ openid: USER, scene: 2, version: 2, content: '来赌博吧' });
    expect(risky).toMatchObject({ errCode: 0, result: { suggest: 'risky', label: 20006 } });
    expect(risky.detail).toEqual(
      expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '赌博' })]),
    );
    await expect(
      cloud.openapi.security.msgSecCheck({ openid: USER, scene: 9, version: 2, content: 'hi' }),
    ).rejects.toMatchObject({ errCode: 40129 });
  });

  test('1.0 (no version): 87014 for risky content', async () => {
    await expect(cloud.openapi.security.msgSecCheck({ content: '毒品' })).rejects.toMatchObject({ errCode: 87014 });
    await expect(cloud.openapi.security.msgSecCheck({ content: 'hello' })).resolves.toMatchObject({ errCode: 0 });
  });
});

describe('security.mediaCheckAsync', () => {
  const ask = (extra: Record<string, unknown> = {}) =>
    cloud.openapi.security.mediaCheckAsync({
      media_url: 'https://example.com/reviews/leaf.png',
      media_type: 2,
      version: 2,
      scene: 2,
      openid: USER,
      ...extra,
    });

  test('answers a trace id now; the verdict waits for its wxa_media_check push', async () => {
    const res = await ask();
    expect(res).toMatchObject({ errCode: 0 });
    const traceId = res.traceId ?? res.trace_id;
    expect(traceId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
    const risky = await ask({ media_url: 'https://example.com/reviews/risky-1.jpg' });
    expect(running.cloud.openapi.mediaChecks(ENV).map((c: any) => [c.traceId, c.suggest, c.label, c.pushedAt])).toEqual(
      [
        [traceId, 'pass', 100, undefined],
        [risky.traceId ?? risky.trace_id, 'risky', 20002, undefined],
      ],
    );
  });

  test.each([
    ['no media_url', { media_url: undefined }, 40097],
    ['a cloud fileID for media_url (a URL is needed)', { media_url: 'cloud://env.bucket/a.png' }, 40097],
    ['media_type 3', { media_type: 3 }, 40097],
    ['1.0 (no version)', { version: undefined }, 40097],
    ['no openid', { openid: '' }, 40003],
    ['scene 5', { scene: 5 }, 40129],
  ])('%s: refused (%s), nothing checked', async (_name, extra, errCode) => {
    await expect(ask(extra)).rejects.toMatchObject({ errCode });
    expect(running.cloud.openapi.mediaChecks(ENV)).toEqual([]);
  });
});

describe('phonenumber.getPhoneNumber', () => {
  test('a code answers its user’s number once', async () => {
    const code = running.cloud.openapi.issuePhoneCode(ENV, USER, '13812345678');
    const res = await cloud.openapi.phonenumber.getPhoneNumber({ code, openid: USER });
    expect(res).toMatchObject({
      errCode: 0,
      phoneInfo: { phoneNumber: '13812345678', purePhoneNumber: '13812345678', countryCode: '86' },
    });
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code })).rejects.toMatchObject({ errCode: 40029 });
  });

  test('40029 for an unknown, expired or other user’s code', async () => {
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: 'nope' })).rejects.toMatchObject({ errCode: 40029 });
    await expect(cloud.openapi.phonenumber.getPhoneNumber({})).rejects.toMatchObject({ errCode: 40029 });
    const other = running.cloud.openapi.issuePhoneCode(ENV, 'oSOMEONE_ELSE');
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: other, openid: USER })).rejects.toMatchObject({
      errCode: 40029,
    });
    running.cloud.clock.set(new Date('2024-05-01T10:00:00Z'));
    const old = running.cloud.openapi.issuePhoneCode(ENV, USER);
    running.cloud.clock.set(new Date('2024-05-01T10:05:01Z'));
    await expect(cloud.openapi.phonenumber.getPhoneNumber({ code: old })).rejects.toMatchObject({ errCode: 40029 });
  });

  test('the local mode’s button: POST /client/phonenumber gives a code for the caller', async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${running.url}/client/phonenumber`, { method: 'POST', headers, body: JSON.stringify(body) });
    const res = await post({ 'x-wx-openid': USER }, { env: ENV, phoneNumber: '13900001111' });
    const detail = await res.json();
    expect(detail.errMsg).toBe('getPhoneNumber:ok');
    const info = await cloud.openapi.phonenumber.getPhoneNumber({ code: detail.code, openid: USER });
    expect(info.phoneInfo.purePhoneNumber).toBe('13900001111');
    expect((await post({}, { env: ENV })).status).toBe(400);
    expect((await post({ 'x-wx-openid': USER }, { env: ENV, phoneNumber: '12345' })).status).toBe(400);
  });
});

describe('wxacode.getUnlimited', () => {
  test('answers a PNG buffer', async () => {
    const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'g=123&l=7', page: 'pages/index/index', width: 300 });
    expect(res.contentType).toBe('image/png');
    expect(Buffer.isBuffer(res.buffer)).toBe(true);
    expect(res.buffer.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  });

  test('scene and page errors as WeChat answers them', async () => {
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({
      errCode: 40169,
    });
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: '中文' })).rejects.toMatchObject({ errCode: 40129 });
    await expect(
      cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: '/pages/index/index' }),
    ).rejects.toMatchObject({
      errCode: 41030,
    });
    await expect(
      cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/index/index?x=1' }),
    ).rejects.toMatchObject({
      errCode: 41030,
    });
    running.cloud.openapi.setPages(['pages/index/index']);
    await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/other/other' })).rejects.toMatchObject(
      {
        errCode: 41030,
      },
    );
    await expect(
      cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: 'pages/other/other', checkPath: false }),
    ).resolves.toMatchObject({ contentType: 'image/png' });
  });
});

describe('wxa.sec.order.uploadShippingInfo', () => {
  const MCH = '1900000109';
  const upload = (extra: Record<string, unknown> = {}) =>
    cloud.openapi.wxa.sec.order.uploadShippingInfo({
      order_key: { order_number_type: 1, mchid: MCH, out_trade_no: 'SHIP1' },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: '苹果*2 (团长自提点: 幸福里 3 栋)' }],
      upload_time: '2024-05-01T18:00:00.000+08:00',
      payer: { openid: USER },
      ...extra,
    });

  const order = () =>
    cloud.cloudPay.unifiedOrder({
      body: '团购订单',
      outTradeNo: 'SHIP1',
      spbillCreateIp: '127.0.0.1',
      subMchId: MCH,
      totalFee: 990,
      envId: ENV,
      functionName: 'payCallback',
    });

  test('records the upload for a paid order (user self-pickup)', async () => {
    await order();
    await expect(upload()).rejects.toMatchObject({ errCode: 10060004 });
    Object.assign(running.cloud.functions, { invoke: jest.fn(async () => ({ errcode: 0 })) });
    await running.cloud.pay.simulatePay(ENV, 'SHIP1', { openid: USER });
    await expect(upload()).resolves.toMatchObject({ errCode: 0 });
    const uploads = running.cloud.openapi.shippingUploads(ENV);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ logisticsType: 4, deliveryMode: 1, payer: { openid: USER } });
  });

  test('unknown orders and bad fields are refused', async () => {
    await expect(upload()).rejects.toMatchObject({ errCode: 10060001 });
    await expect(upload({ logistics_type: 5 })).rejects.toMatchObject({ errCode: 47001 });
    await expect(upload({ payer: {} })).rejects.toMatchObject({ errCode: 47001 });
    await expect(upload({ upload_time: '2024-05-01 18:00' })).rejects.toMatchObject({ errCode: 47001 });
    await expect(upload({ order_key: { order_number_type: 1, out_trade_no: 'SHIP1' } })).rejects.toMatchObject({
      errCode: 47001,
    });
    await expect(upload({ logistics_type: 1 })).rejects.toMatchObject({ errCode: 47001 });
    expect(running.cloud.openapi.shippingUploads(ENV)).toEqual([]);
  });
});

test('an open API the emulator does not implement answers errcode -1 with its name', async () => {
  await expect(cloud.openapi.customerServiceMessage.send({ touser: USER, msgtype: 'text' })).rejects.toMatchObject({
    errCode: -1,
    errMsg: expect.stringContaining('api not supported by localcloud: customerServiceMessage.send'),
  });
});
