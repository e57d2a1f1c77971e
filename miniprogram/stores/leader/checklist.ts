import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { leaderService } from '../../services/leader';
import { STATUS_TEXT } from '../../lib/order-status';
import { PagedLoad, type Page } from '../load-state';
import { leaderBatchStore } from './batches';
import type { ChecklistResult, VerifyResult } from '../../../typings/leader';

export const CHECKLIST_PAGE_SIZE = 20;

/** One line of a resident on the checklist (net of refunds), ready for wxml. */
export interface ChecklistLine {
  key: string;
  batchItemId: string;
  title: string;
  unit: string;
  qty: number;
  picked: number;
  done: boolean;
}

export interface ChecklistOrderView {
  id: string;
  no: string;
  status: string;
}

/** One resident on the checklist. */
export interface ResidentView {
  key: string;
  name: string;
  /** '尾号1234' or ''. */
  tail: string;
  done: boolean;
  orders: ChecklistOrderView[];
  lines: ChecklistLine[];
}

/** The compact checklist answer (tuples, items by index) turned into what the page shows. */
export function residentViews(result: ChecklistResult): ResidentView[] {
  return result.r.map((r) => {
    const lines: ChecklistLine[] = r.o.flatMap((o) =>
      o.l
        .map(([index, qty, picked, refunded]) => {
          const [batchItemId, title, unit] = result.it[index] ?? ['', '', ''];
          const net = Math.max(0, qty - refunded);
          return { key: `${o.id}-${index}`, batchItemId, title, unit, qty: net, picked, done: picked >= net };
        })
        .filter((l) => l.qty > 0),
    );
    return {
      key: r.o[0]?.id ?? `${r.n}-${r.t}`,
      name: r.n || '邻居',
      tail: r.t ? `尾号${r.t}` : '',
      done: r.d === 1,
      orders: r.o.map((o) => ({ id: o.id, no: o.no, status: STATUS_TEXT[o.s] ?? o.s })),
      lines,
    };
  });
}

/** A 6-digit pickup code or a 4-digit phone tail; anything else is no search. */
export function searchKind(text: string): 'code' | 'tail' | 'none' | 'invalid' {
  const s = text.trim();
  if (!s) return 'none';
  if (/^\d{6}$/.test(s)) return 'code';
  if (/^\d{4}$/.test(s)) return 'tail';
  return 'invalid';
}

/**
 * The setData paths that show a verification on checklist rows already on screen:
 * the picked count of each line of that order and whether its resident is done.
 */
export function verifiedPatch(groups: readonly ResidentView[], result: VerifyResult): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  groups.forEach((group, g) => {
    if (!group.orders.some((o) => o.id === result.orderId)) return;
    const lines = group.lines.map((line, l) => {
      const update = line.key.startsWith(`${result.orderId}-`)
        ? result.lines.find((r) => r.batchItemId === line.batchItemId)
        : undefined;
      if (!update || update.picked === line.picked) return line;
      const next = { ...line, picked: update.picked, done: update.picked >= line.qty };
      patch[`groups[${g}].lines[${l}].picked`] = next.picked;
      patch[`groups[${g}].lines[${l}].done`] = next.done;
      return next;
    });
    const done = lines.every((l) => l.done);
    if (done !== group.done) patch[`groups[${g}].done`] = done;
  });
  return patch;
}

/** 取货清单: the residents of the leader's point in a batch, page by page (the page keeps the rows). */
export class ChecklistStore {
  /** The batch the checklist shows (from the query or the current batch). */
  batchId = '';
  /** The search the rows answer ('' = everyone). */
  search = '';
  readonly pages = new PagedLoad<ResidentView>((page) => this.fetch(page));

  constructor() {
    makeAutoObservable<ChecklistStore, 'fetch'>(this, { pages: false, fetch: false });
  }

  /** The first page (a new search starts over): the rows to show, [] on failure, null if a newer load won. */
  async load(queryBatchId: string | undefined, search = ''): Promise<ResidentView[] | null> {
    this.search = search;
    return this.pages.reload(async () => {
      const batchId = await leaderBatchStore.batchFor(queryBatchId);
      runInAction(() => (this.batchId = batchId));
      return batchId ? this.fetch(1) : { items: [], hasMore: false };
    });
  }

  /** The next page: where its rows go and the rows, or null when nothing was added. */
  loadMore(): Promise<{ start: number; rows: ResidentView[] } | null> {
    return this.pages.loadMore();
  }

  private async fetch(page: number): Promise<Page<ResidentView>> {
    const result = await leaderService.checklist({
      batchId: this.batchId,
      page,
      pageSize: CHECKLIST_PAGE_SIZE,
      ...(this.search ? { search: this.search } : {}),
    });
    return { items: residentViews(result), hasMore: result.hasMore };
  }
}

export const checklistStore = new ChecklistStore();
