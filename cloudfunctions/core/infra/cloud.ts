import * as cloud from 'wx-server-sdk';
import type { CallContext } from './handler';

// DYNAMIC_CURRENT_ENV: the env the function runs in, in the cloud and locally.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database();
export const _ = db.command;

/**
 * Identity comes only from the cloud context, never from the event: the
 * mini-program user's OPENID, or for a web client signed in with CloudBase auth
 * the user's uid, which the platform passes as TCB_UUID (listed in
 * TCB_CONTEXT_KEYS; the same variables @cloudbase/node-sdk's getUserInfo reads).
 */
export function callContext(): CallContext {
  const wx = cloud.getWXContext();
  const tcbKeys = (process.env.TCB_CONTEXT_KEYS ?? '').split(',');
  const webUid = tcbKeys.includes('TCB_UUID') ? process.env.TCB_UUID || undefined : undefined;
  return { openid: wx.OPENID || undefined, webUid, source: String(wx.SOURCE ?? '') };
}

/**
 * A timer trigger's call: the timer event, and no user behind it (no OPENID, no web
 * console uid, not the client gateway). Anyone can send {Type: 'Timer'} to any
 * function, so the jobs behind timers only run when this holds.
 */
export function isTimerCall(event: Record<string, unknown> | undefined, ctx: CallContext = callContext()): boolean {
  return event?.Type === 'Timer' && !ctx.openid && !ctx.webUid && !ctx.source.startsWith('wx_client');
}

/**
 * A call from the WeChat platform itself (WeChat Pay's payment and refund notifications to the
 * functionName given to unifiedOrder/refund, 消息推送 such as wxa_media_check): never a
 * mini-program or web console user. A client call carries SOURCE wx_client (wx_devtools from
 * DevTools) and an OPENID; a console user a TCB_UUID.
 */
export function isPlatformCall(ctx: CallContext = callContext()): boolean {
  return !ctx.webUid && !/(^|,)wx_(client|devtools)/.test(ctx.source);
}
