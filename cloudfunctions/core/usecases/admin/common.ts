import { randomBytes } from 'node:crypto';
import type { Paged } from '../../../../typings/admin';
import { db } from '../../infra/cloud';
import { col } from '../../infra/pay-store';

export { col };

export interface PageInput {
  page: number;
  pageSize: number;
}

/** One page of a query plus the exact count, for the console's pager. */
export async function paged<T>(
  name: string,
  where: Record<string, unknown>,
  order: [string, 'asc' | 'desc'][],
  { page, pageSize }: PageInput,
  map: (doc: any) => T = (d) => d as T,
  field?: Record<string, boolean>,
): Promise<Paged<T>> {
  let q = col(name).where(where);
  for (const [key, dir] of order) q = q.orderBy(key, dir);
  q = q.skip((page - 1) * pageSize).limit(pageSize);
  if (field) q = q.field(field);
  const [res, count] = await Promise.all([q.get(), col(name).where(where).count()]);
  return { items: (res.data as any[]).map(map), page, pageSize, total: Number(count.total ?? 0) };
}

/** The database answers DATABASE_COLLECTION_NOT_EXIST (-502005) for a collection nobody created yet. */
export function isMissingCollection(err: unknown): boolean {
  const e = err as { errCode?: number; message?: string; errMsg?: string };
  return e?.errCode === -502005 || /COLLECTION_NOT_EXIST|collection not exist/i.test(`${e?.message} ${e?.errMsg}`);
}

/** Runs a write, creating the collection first if it does not exist yet (a fresh environment). */
export async function withCollection<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!isMissingCollection(err)) throw err;
    await db.createCollection(name).catch(() => undefined);
    return run();
  }
}

export const iso = (d: Date | string | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

/** A short random id for console-created documents: prefix + 12 hex characters. */
export const newId = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

/** Runs fn over items with at most `limit` in flight (bulk writes without flooding the database). */
export async function eachLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

/** Drops undefined fields (the SDK would store them as null). */
export function compact<T extends Record<string, unknown>>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}
