import * as cloud from 'wx-server-sdk';
import type { CallContext } from './handler';

// DYNAMIC_CURRENT_ENV: the env the function runs in, in the cloud and locally.
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });

export { cloud };
export const db = cloud.database();
export const _ = db.command;

/** Identity comes only from the cloud context, never from the event. */
export function callContext(): CallContext {
  const wx = cloud.getWXContext();
  return { openid: wx.OPENID || undefined, source: String(wx.SOURCE ?? '') };
}
