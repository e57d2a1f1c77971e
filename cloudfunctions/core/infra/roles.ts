import type { Role, User } from '../../../typings/models';
import { fail } from '../domain/errors';
import { userByConsoleUid, userById } from '../repos/users';
import { requireOpenid } from './auth';
import type { CallContext } from './handler';

/**
 * Roles live in the database (users.roles), never in the request: every
 * privileged action loads the caller by the OPENID of the cloud context, or by
 * the CloudBase uid of a web console user (see callContext).
 */
export async function requireRole(ctx: CallContext, ...roles: Role[]): Promise<User> {
  // A console user signed in on the web is bound to a users doc by an admin (users.consoleUid).
  const user = !ctx.openid && ctx.webUid ? await userByConsoleUid(ctx.webUid) : await userById(requireOpenid(ctx));
  if (!user || !roles.some((r) => user.roles?.includes(r))) throw fail.forbidden();
  return user;
}
