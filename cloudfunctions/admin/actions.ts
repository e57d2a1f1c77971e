import { catalogAdminActions } from './catalog';
import { commissionAdminActions } from './commissions';
import { leaderAdminActions } from './leaders';
import { supplyAdminActions } from './supply';

/**
 * One action table for the console, composed from one module per area. A name
 * defined by two modules is a bug (one would silently hide the other), so it
 * fails the function at load, which the tests see at once.
 */
function compose<T extends Record<string, unknown>>(...modules: T[]): T {
  const table = {} as Record<string, unknown>;
  for (const m of modules) {
    for (const [name, def] of Object.entries(m)) {
      if (name in table) throw new Error(`admin action "${name}" is defined twice`);
      table[name] = def;
    }
  }
  return table as T;
}

export const adminActions = compose<Record<string, any>>(
  catalogAdminActions,
  commissionAdminActions,
  leaderAdminActions,
  supplyAdminActions,
);
