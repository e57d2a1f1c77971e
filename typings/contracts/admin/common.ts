import * as z from 'zod/mini';
import { paging } from '../shapes';

/**
 * The admin function (the console) answers lists as pages with an exact total.
 * Roles are read on the server from the caller's users doc: every admin action
 * needs 'admin' unless marked [supplier]; a supplier (users.roles has 'supplier',
 * users.supplierId set by an admin) sees and edits only their own products and
 * purchase orders: the supplierId always comes from their users doc, never the input.
 * Codes: INVALID_INPUT (schema or a rule; nothing changed), FORBIDDEN,
 * UNAUTHENTICATED, NOT_FOUND (incl. another supplier's document), INVALID_STATE.
 * Times are ISO strings on the wire, business dates 'YYYY-MM-DD' Asia/Shanghai, money integer fen.
 */
export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Exact count of matches (for a pager). */
  total: number;
}

/** A page of a leader-area or commission list (hasMore instead of total). */
export interface HasMorePage<T> {
  items: T[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

/** 1-based page ≤ 10000; pageSize 1..100, default 20. */
export const page = paging({ maxSize: 100, size: 20, maxPage: 10_000 });

export const phone = z.string().check(z.regex(/^[0-9+\- ]{5,20}$/, '格式不正确'));
