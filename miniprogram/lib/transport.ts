import { config } from '../config';
import { AppError } from './errors';
// Types only: the contracts' zod schemas never ship in the mini-program.
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../typings/contracts';
import type { Envelope } from '../../typings/envelope';

const REQUEST_TIMEOUT_MS = 15000;

function isEnvelope(value: unknown): value is Envelope<unknown> {
  const v = value as Envelope<unknown>;
  return typeof v === 'object' && v !== null && typeof v.ok === 'boolean' && (v.ok || typeof v.code === 'string');
}

function unwrap<T>(result: unknown): T {
  if (!isEnvelope(result)) throw new AppError('INTERNAL', 'the function did not answer an envelope');
  if (!result.ok) throw new AppError(result.code, result.message);
  return result.data as T;
}

/**
 * A rejected wx.cloud.callFunction is either the network or the function itself
 * crashing (-504002 FUNCTIONS_EXECUTE_FAIL); only the first is worth calling NETWORK.
 */
function cloudFailure(err: unknown): AppError {
  const e = err as { errCode?: number; errMsg?: string; message?: string };
  const text = `${e?.errMsg ?? ''} ${e?.message ?? ''}`;
  if (e?.errCode === -504002 || /FUNCTIONS_EXECUTE_FAIL/.test(text)) return new AppError('INTERNAL', text.trim());
  return new AppError('NETWORK', text.trim() || 'callFunction failed');
}

async function callCloud(name: string, data: Record<string, unknown>): Promise<unknown> {
  let res: { result?: unknown };
  try {
    res = (await wx.cloud.callFunction({ name, data })) as { result?: unknown };
  } catch (err) {
    throw cloudFailure(err);
  }
  return res.result;
}

function callLocal(name: string, data: Record<string, unknown>): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.gatewayUrl}/client/functions/${name}?env=${encodeURIComponent(config.env || 'local-env')}`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'X-WX-OPENID': config.localOpenid },
      data,
      timeout: REQUEST_TIMEOUT_MS,
      success: (res) => {
        if (res.statusCode >= 200 && res.statusCode < 300) resolve(res.data);
        // The gateway answers 502 when the function crashed or timed out.
        else reject(new AppError(res.statusCode >= 500 ? 'INTERNAL' : 'NETWORK', `HTTP ${res.statusCode}`));
      },
      fail: (err) => reject(new AppError('NETWORK', err.errMsg)),
    });
  });
}

/** Calls one action of one cloud function and answers its data, or throws an AppError. */
export async function callFunction<F extends FunctionName, A extends ActionName<F>>(
  name: F,
  action: A,
  input: ActionInput<F, A>,
): Promise<ActionOutput<F, A>> {
  const data = { action, ...(input as Record<string, unknown>) };
  const result = config.mode === 'local' ? await callLocal(name, data) : await callCloud(name, data);
  return unwrap<ActionOutput<F, A>>(result);
}
