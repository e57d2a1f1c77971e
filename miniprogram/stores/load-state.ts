import { makeAutoObservable, runInAction } from 'mobx-miniprogram';
import { userMessage } from '../lib/errors';

/** Every list or page backed by the server is in one of these; components/load-state shows each one. */
export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface RunOptions {
  /** On a failure that was not superseded, in the same action as the error (e.g. forget stale rows). */
  failed?: (err: unknown) => void;
  /** The text to show for a failure; userMessage by default. */
  message?: (err: unknown) => string;
}

/**
 * The loading, error and empty state of one thing a store loads or submits, written
 * once for the whole app: pages bind `state`, `error` and `empty` to <load-state>
 * (or `busy` and `error` to a submit button). A later run supersedes one still in
 * flight: a slow answer never overwrites a newer one, and its failure is not shown.
 */
export class Load {
  state: LoadState = 'idle';
  error = '';
  private seq = 0;
  private readonly isEmpty: () => boolean;

  /** `isEmpty`: there is nothing to show (the empty state once loaded); by default, until it is loaded. */
  constructor(isEmpty?: () => boolean) {
    this.isEmpty = isEmpty ?? (() => this.state !== 'ready');
    makeAutoObservable<Load, 'seq' | 'isEmpty'>(this, { seq: false, isEmpty: false });
  }

  get empty(): boolean {
    return this.isEmpty();
  }

  get busy(): boolean {
    return this.state === 'loading';
  }

  /**
   * Runs `load`: 'loading', then 'ready' with `apply(value)` in the same action, or
   * 'error' with the message to show. Answers the value, or undefined when it failed
   * or a later run superseded it.
   */
  async run<T>(load: () => Promise<T>, apply?: (value: T) => void, options: RunOptions = {}): Promise<T | undefined> {
    const seq = ++this.seq;
    this.state = 'loading';
    this.error = '';
    try {
      const value = await load();
      if (seq !== this.seq) return undefined;
      runInAction(() => {
        apply?.(value);
        this.state = 'ready';
      });
      return value;
    } catch (err) {
      if (seq !== this.seq) return undefined;
      runInAction(() => {
        options.failed?.(err);
        this.state = 'error';
        this.error = (options.message ?? userMessage)(err);
      });
      return undefined;
    }
  }

  /** Loaded by another action (which brought the data itself): drops any run in flight. */
  loaded(): void {
    this.seq++;
    this.state = 'ready';
    this.error = '';
  }

  /** Forgets a failure shown (the user changed what failed); a run in flight goes on. */
  clearError(): void {
    if (this.state !== 'error') return;
    this.state = 'idle';
    this.error = '';
  }

  /** Back to idle, dropping any run in flight. */
  reset(): void {
    this.seq++;
    this.state = 'idle';
    this.error = '';
  }
}

export interface Page<T> {
  items: T[];
  hasMore: boolean;
}

/**
 * A list loaded page by page. The first page is one Load (its state, error and
 * empty are the list's) and 加载更多 is another, so every paged list shows loading,
 * empty, error and a failed next page the same way. The rows stay with whoever shows
 * them (page data appended by path, or a store array through `onRows`); this keeps
 * the paging.
 */
export class PagedLoad<T> {
  readonly first = new Load(() => this.count === 0);
  readonly more = new Load(() => false);
  page = 0;
  hasMore = false;
  /** Rows loaded so far: where the next page's rows go. */
  count = 0;

  /**
   * `fetch(page)` asks for one page; `onRows(rows, start)` (in the same action) takes
   * the rows of each page, [] at 0 when the first page failed.
   */
  constructor(
    private readonly fetch: (page: number) => Promise<Page<T>>,
    private readonly onRows?: (rows: T[], start: number) => void,
  ) {
    makeAutoObservable<PagedLoad<T>, 'fetch' | 'onRows'>(this, {
      first: false,
      more: false,
      fetch: false,
      onRows: false,
    });
  }

  get state(): LoadState {
    return this.first.state;
  }

  get error(): string {
    return this.first.error;
  }

  get empty(): boolean {
    return this.first.empty;
  }

  /**
   * Page 1, or what `first` answers (a first page that needs more than a page number).
   * Answers its rows, [] on failure, null when a later reload superseded it.
   */
  async reload(first: () => Promise<Page<T>> = () => this.fetch(1)): Promise<T[] | null> {
    this.more.reset();
    let failed = false;
    const page = await this.first.run(
      first,
      ({ items, hasMore }) => {
        this.page = 1;
        this.hasMore = hasMore;
        this.count = items.length;
        this.onRows?.(items, 0);
      },
      {
        failed: () => {
          failed = true;
          this.page = 0;
          this.hasMore = false;
          this.count = 0;
          this.onRows?.([], 0);
        },
      },
    );
    return page ? page.items : failed ? [] : null;
  }

  /** The next page: where its rows go and the rows, or null when nothing was added. */
  async loadMore(): Promise<{ start: number; rows: T[] } | null> {
    if (this.more.busy || !this.hasMore || this.first.state !== 'ready') return null;
    const start = this.count;
    const page = await this.more.run(
      () => this.fetch(this.page + 1),
      ({ items, hasMore }) => {
        this.page += 1;
        this.hasMore = hasMore;
        this.count += items.length;
        this.onRows?.(items, start);
      },
    );
    return page ? { start, rows: page.items } : null;
  }
}
