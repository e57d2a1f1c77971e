import type { Role, User } from '../../../typings/models';
import { fail } from '../domain/errors';
import { userById } from '../repos/users';
import { requireOpenid } from './auth';
import type { CallContext } from './handler';

/**
 * Roles live in the database (users.roles), never in the request: every
 * privileged action loads the caller by the OPENID of the cloud context.
 */
export async function requireRole(ctx: CallContext, ...roles: Role[]): Promise<User> {
  const openid = requireOpenid(ctx);
  const user = await userById(openid);
  if (!user || !roles.some((r) => user.roles?.includes(r))) throw fail.forbidden();
  return user;
}
