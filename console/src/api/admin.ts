/**
 * The console's typed door to the `admin` cloud function: `admin(action, input)`
 * is typed from the contracts (typings/contracts/admin), the very schemas the
 * function validates with, so a renamed action or a wrong field fails the type check.
 */
import type { MeResult } from '../../../typings/api';
import type { ActionInput, ActionName, ActionOutput } from '../../../typings/contracts';
import { call } from './client';

export const ADMIN_FN = 'admin';

export type AdminAction = ActionName<'admin'>;

/** Calls one admin action; answers the envelope's data or throws ApiError {code, message}. */
export function admin<A extends AdminAction>(
  action: A,
  input: ActionInput<'admin', A>,
): Promise<ActionOutput<'admin', A>> {
  return call<ActionOutput<'admin', A>>(ADMIN_FN, action, input as object);
}

/** Roles come from the database through the user function, as every function reads them (never from the client). */
export const me = () => call<MeResult>('user', 'me');

/** Reads every page of a Paged<T> list (page × pageSize < total), up to `max` rows. */
export async function allPages<T>(
  load: (page: number) => Promise<{ items: T[]; page: number; pageSize: number; total: number }>,
  max = 2000,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < max; page++) {
    const p = await load(page);
    out.push(...p.items);
    if (!p.items.length || p.page * p.pageSize >= p.total) break;
  }
  return out;
}

/** Reads every page of a hasMore list (leader and commission areas), up to `max` rows. */
export async function allPagesHasMore<T>(
  load: (page: number) => Promise<{ items: T[]; hasMore: boolean }>,
  max = 2000,
): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < max; page++) {
    const p = await load(page);
    out.push(...p.items);
    if (!p.items.length || !p.hasMore) break;
  }
  return out;
}
