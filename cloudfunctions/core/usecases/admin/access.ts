import type { User } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import type { CallContext } from '../../infra/handler';
import { requireRole } from '../../infra/roles';

/** Who is working in the console: an admin (everything) or a supplier scoped to their own supplierId. */
export interface ConsoleUser {
  user: User;
  /** Set for a supplier (and only then): every read and write is limited to it. */
  supplierId?: string;
}

export const requireAdmin = (ctx: CallContext): Promise<User> => requireRole(ctx, 'admin');

/**
 * An admin, or a supplier whose account an admin bound to a supplier. The
 * supplierId comes from the users doc only; an admin who is also a supplier
 * acts as an admin.
 */
export async function requireAdminOrSupplier(ctx: CallContext): Promise<ConsoleUser> {
  const user = await requireRole(ctx, 'admin', 'supplier');
  if (user.roles.includes('admin')) return { user };
  if (!user.supplierId) throw fail.forbidden('供应商账号未绑定供应商');
  return { user, supplierId: user.supplierId };
}
