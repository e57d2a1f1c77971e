import { fail } from '../domain/errors';
import type { CallContext } from './handler';

/** Every resident action needs a WeChat identity; timers and outsiders have none. */
export function requireOpenid(ctx: CallContext): string {
  if (!ctx.openid) throw fail.unauthenticated();
  return ctx.openid;
}
