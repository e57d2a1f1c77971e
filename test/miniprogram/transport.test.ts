import { resetWx, wxMock } from './setup';
import { callFunction } from '../../miniprogram/lib/transport';
import { AppError, userMessage } from '../../miniprogram/lib/errors';
import { config } from '../../miniprogram/config';

const original = { ...config };
beforeEach(() => {
  resetWx();
  Object.assign(config, original);
});
afterAll(() => Object.assign(config, original));

describe('cloud mode', () => {
  test('calls wx.cloud.callFunction with {action, ...input} and answers the data', async () => {
    wxMock.cloud.callFunction.mockResolvedValue({
      result: { ok: true, data: { items: [], page: 1, pageSize: 10, hasMore: false } },
    });

    const data = await callFunction('order', 'list', { page: 1, pageSize: 10 });

    expect(wxMock.cloud.callFunction).toHaveBeenCalledWith({
      name: 'order',
      data: { action: 'list', page: 1, pageSize: 10 },
    });
    expect(data).toEqual({ items: [], page: 1, pageSize: 10, hasMore: false });
  });

  test('an envelope error becomes an AppError with its code and a Chinese message', async () => {
    wxMock.cloud.callFunction.mockResolvedValue({
      result: { ok: false, code: 'OUT_OF_STOCK', message: 'eggs: 0 left' },
    });

    const error = await callFunction('catalog', 'batches', {}).catch((e) => e);

    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'OUT_OF_STOCK', message: 'eggs: 0 left' });
    expect(userMessage(error)).toBe('商品库存不足');
  });

  test('a rejected call is NETWORK; a crashed function is INTERNAL; a non-envelope is INTERNAL', async () => {
    wxMock.cloud.callFunction.mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.callFunction:fail timeout' });
    await expect(callFunction('user', 'me', {})).rejects.toMatchObject({ code: 'NETWORK' });

    wxMock.cloud.callFunction.mockRejectedValueOnce({ errCode: -504002, errMsg: 'FUNCTIONS_EXECUTE_FAIL' });
    await expect(callFunction('user', 'me', {})).rejects.toMatchObject({ code: 'INTERNAL' });

    wxMock.cloud.callFunction.mockResolvedValueOnce({ result: 'oops' });
    await expect(callFunction('user', 'me', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});

describe('local mode', () => {
  beforeEach(() =>
    Object.assign(config, {
      mode: 'local',
      env: 'local-env',
      gatewayUrl: 'http://127.0.0.1:8787',
      localOpenid: 'o-resident',
    }),
  );

  test('POSTs to the gateway with the openid header and unwraps the envelope', async () => {
    wxMock.request.mockImplementation((o: any) =>
      o.success({ statusCode: 200, data: { ok: true, data: { openid: 'o-resident' } } }),
    );

    const me = await callFunction('user', 'me', {});

    expect(me).toEqual({ openid: 'o-resident' });
    expect(wxMock.cloud.callFunction).not.toHaveBeenCalled();
    expect(wxMock.request).toHaveBeenCalledWith(
      expect.objectContaining({
        url: 'http://127.0.0.1:8787/client/functions/user?env=local-env',
        method: 'POST',
        header: expect.objectContaining({ 'X-WX-OPENID': 'o-resident' }),
        data: { action: 'me' },
      }),
    );
  });

  test('envelope errors become coded errors there too', async () => {
    wxMock.request.mockImplementation((o: any) =>
      o.success({ statusCode: 200, data: { ok: false, code: 'FORBIDDEN', message: 'no' } }),
    );
    await expect(callFunction('user', 'me', {})).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  test('an unreachable gateway is NETWORK; a 502 (function crashed) is INTERNAL', async () => {
    wxMock.request.mockImplementation((o: any) => o.fail({ errMsg: 'request:fail connect ECONNREFUSED' }));
    const down = await callFunction('user', 'me', {}).catch((e) => e);
    expect(down).toMatchObject({ code: 'NETWORK' });
    expect(userMessage(down)).toBe('网络不给力，请检查网络后重试');

    wxMock.request.mockImplementation((o: any) => o.success({ statusCode: 502, data: 'FUNCTIONS_EXECUTE_FAIL' }));
    await expect(callFunction('user', 'me', {})).rejects.toMatchObject({ code: 'INTERNAL' });
  });
});
