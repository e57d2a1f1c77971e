import { randomBytes } from 'node:crypto';
import { TcbError } from '../errors';
import { RawReply, type ActionRequest } from '../types';
import { decodeApiOptions } from '../openapi/proto';

/** A WeChat Pay v2 answer, snake_case as the SDK receives it. */
export type WxPayResult = Record<string, unknown>;

/** One cloudPay call, decoded: the env, the snake_cased arguments, the mini-program and the calling user. */
export interface PayCtx {
  env: string;
  params: Record<string, any>;
  appid: string;
  openid?: string;
}

/** The service provider WeChat Pay answers as (cloud development's own merchant). */
export const SERVICE_APPID = 'wxd2d16a504f24665e';
export const SERVICE_MCH_ID = '1800008281';

/**
 * Decodes action wx.wxPayApi: multipart with `requestData` = JSON bytes of the
 * arguments and `apiOptions` = protobuf ApiOptions{appid}.
 */
export function readPayCall(req: ActionRequest, defaultAppid: string | undefined): { api: string; ctx: PayCtx } {
  const api = String(req.body.apiName ?? '');
  let params: Record<string, any>;
  try {
    params = JSON.parse((req.parts?.requestData ?? Buffer.from('{}')).toString('utf8'));
  } catch {
    throw new TcbError('INVALID_PARAM', `cloudPay.${api}: requestData is not JSON`);
  }
  const appid =
    decodeApiOptions(req.parts?.apiOptions).appid ?? req.invocation?.appid ?? defaultAppid ?? 'wxlocalappid';
  return { api, ctx: { env: req.env, params, appid, openid: req.invocation?.openid } };
}

/**
 * The answer as JSON bytes typed application/octet-stream: node-sdk would parse
 * `application/json` itself and the SDK would then fail.
 */
export function payReply(result: WxPayResult): RawReply {
  return new RawReply(Buffer.from(JSON.stringify(result)), 'application/octet-stream');
}

/** The fields every answer that passed the request checks carries. */
export function answerBase(subMchId: string, appid: string): WxPayResult {
  return {
    return_code: 'SUCCESS',
    return_msg: 'OK',
    appid: SERVICE_APPID,
    mch_id: SERVICE_MCH_ID,
    sub_appid: appid,
    sub_mch_id: subMchId,
    nonce_str: nonce(),
    sign: randomBytes(16).toString('hex').toUpperCase(),
  };
}

/** A request WeChat Pay rejects before business logic (return_code FAIL). */
export function returnFail(msg: string): WxPayResult {
  return { return_code: 'FAIL', return_msg: msg };
}

/** A business failure (return_code SUCCESS, result_code FAIL, err_code). */
export function bizFail(base: WxPayResult, errCode: string, des: string): WxPayResult {
  // wx-server-sdk overwrites the camel-cased err_code with its own errCode: 0, so
  // functions only see resultCode, errCodeDes and resultMsg.
  return { ...base, result_code: 'FAIL', result_msg: des, err_code: errCode, err_code_des: des };
}

/** The first of these parameters that is missing or empty, if any. */
export function missingParam(params: Record<string, any>, names: readonly string[]): string | undefined {
  return names.find((name) => params[name] === undefined || params[name] === null || params[name] === '');
}

export function nonce(): string {
  return randomBytes(8).toString('hex');
}

/** n random decimal digits (transaction_id, refund_id). */
export function digits(n: number): string {
  let s = '';
  while (s.length < n) s += String(randomBytes(4).readUInt32BE(0));
  return s.slice(0, n);
}

/** Format a time in Beijing time (UTC+8), as WeChat Pay does. */
export function beijing(ms: number, format: 'yyyyMMddHHmmss' | 'yyyy-MM-dd HH:mm:ss'): string {
  const d = new Date(ms + 8 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  const [y, mo, da, h, mi, s] = [
    d.getUTCFullYear(),
    p(d.getUTCMonth() + 1),
    p(d.getUTCDate()),
    p(d.getUTCHours()),
    p(d.getUTCMinutes()),
    p(d.getUTCSeconds()),
  ];
  return format === 'yyyyMMddHHmmss' ? `${y}${mo}${da}${h}${mi}${s}` : `${y}-${mo}-${da} ${h}:${mi}:${s}`;
}
