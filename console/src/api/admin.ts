/**
 * The console's typed door to the `admin` cloud function: `admin(action, input)`
 * is checked against the shared contracts (typings/admin.ts, leader.ts,
 * commission.ts), so a renamed action or field fails the type check here.
 */
import type { MeResult } from '../../../typings/api';
import { call } from './client';
import type { ConsoleAction, ConsoleInput, ConsoleOutput } from './contracts';

export const ADMIN_FN = 'admin';

/** Calls one admin action; answers the envelope's data or throws ApiError {code, message}. */
export function admin<A extends ConsoleAction>(action: A, input: ConsoleInput<A>): Promise<ConsoleOutput<A>> {
  return call<ConsoleOutput<A>>(ADMIN_FN, action, input as object);
}

/** Roles come from the database through the user function, as every function reads them (never from the client). */
export const me = () => call<MeResult>('user', 'me');

/** Reads every page of a Paged<T> list (admin.ts: page × pageSize < total), up to `max` rows. */
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
