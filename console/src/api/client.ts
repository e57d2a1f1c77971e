import { ErrorTexts, type ClientErrorCode } from '../../../typings/envelope';
import { readConfig } from './config';
import { session } from './session';
import { gatewayTransport, TransportError, type Transport } from './transport';

/** A failed call: the function's envelope code (typings/envelope.ts) or NETWORK / UNAVAILABLE from the transport. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

let transport: Transport | undefined;

/** Production swaps in cloudBaseTransport(app) here (see README); tests and local mode use the gateway. */
export function setTransport(t: Transport): void {
  transport = t;
}

export function currentTransport(): Transport {
  if (!transport) {
    const cfg = readConfig();
    transport = gatewayTransport(cfg.gateway, cfg.env, () => session.value?.openid);
  }
  return transport;
}

function isEnvelope(x: unknown): x is { ok: boolean; data?: unknown; code?: string; message?: string } {
  return !!x && typeof x === 'object' && typeof (x as { ok?: unknown }).ok === 'boolean';
}

/** Calls one action of a cloud function and answers the envelope's data, or throws ApiError {code, message}. */
export async function call<T>(fn: string, action: string, input: object = {}): Promise<T> {
  let result: unknown;
  try {
    result = await currentTransport().invoke(fn, { ...input, action });
  } catch (err) {
    if (err instanceof TransportError) throw new ApiError(err.code, err.message);
    throw new ApiError('UNAVAILABLE', (err as Error)?.message ?? String(err));
  }
  if (!isEnvelope(result)) throw new ApiError('INTERNAL', `云函数 ${fn}.${action} 的返回不是约定的格式`);
  if (!result.ok) throw new ApiError(result.code ?? 'INTERNAL', result.message ?? '请求失败');
  return result.data as T;
}

/** One line for the UI: 「没有权限」(FORBIDDEN): message. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError)
    return `${ErrorTexts[err.code as ClientErrorCode] ?? '请求失败'}（${err.code}）：${err.message}`;
  return (err as Error)?.message ?? String(err);
}
