import { createHash, randomBytes } from 'node:crypto';
import type { Paged } from '../../../../typings/contracts/admin/common';

export interface PageInput {
  page: number;
  pageSize: number;
}

/** A repository's page (items and exact count) as the console's pager answer, each item mapped to its view. */
export function paged<T>(found: { items: T[]; total: number }, page: PageInput): Paged<T>;
export function paged<T, V>(found: { items: T[]; total: number }, page: PageInput, map: (doc: T) => V): Paged<V>;
export function paged<T, V>(
  found: { items: T[]; total: number },
  { page, pageSize }: PageInput,
  map?: (doc: T) => V,
): Paged<T | V> {
  return { items: map ? found.items.map(map) : found.items, page, pageSize, total: found.total };
}

export const iso = (d: Date | string | undefined): string | undefined => (d ? new Date(d).toISOString() : undefined);

/** A short random id for console-created documents: prefix + 12 hex characters. */
export const newId = (prefix: string): string => `${prefix}-${randomBytes(6).toString('hex')}`;

/**
 * The _id a create with a client's requestId lands on: a retried or doubled
 * create (same kind, scope and requestId) meets the first one's document.
 */
export const keyedId = (prefix: string, kind: string, requestId: string): string =>
  `${prefix}-${createHash('sha256').update(`${kind}|${requestId}`).digest('hex').slice(0, 16)}`;

/** Drops undefined fields (the SDK would store them as null). */
export function compact<T extends Record<string, unknown>>(doc: T): T {
  return Object.fromEntries(Object.entries(doc).filter(([, v]) => v !== undefined)) as T;
}
