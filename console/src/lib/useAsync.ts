import { ref, shallowRef, type Ref } from 'vue';
import { errorText } from '../api/client';

/** A load and its three states every table shows: loading, error (with retry) and data (maybe empty). */
export interface Async<T> {
  data: Ref<T>;
  loading: Ref<boolean>;
  error: Ref<string>;
  run(): Promise<void>;
}

/** A load with the three states every table shows: loading, error (with retry) and data (maybe empty). */
export function useAsync<T>(load: () => Promise<T>, initial: T): Async<T> {
  const data = shallowRef(initial) as Ref<T>;
  const loading = ref(false);
  const error = ref('');
  let seq = 0;
  async function run(): Promise<void> {
    const mine = ++seq;
    loading.value = true;
    error.value = '';
    try {
      const value = await load();
      if (mine === seq) data.value = value;
    } catch (err) {
      if (mine === seq) error.value = errorText(err);
    } finally {
      if (mine === seq) loading.value = false;
    }
  }
  return { data, loading, error, run };
}

/** One page of a list the server pages: an exact total (admin lists) or only whether more follow (leader areas). */
export interface PageOf<T> {
  items: T[];
  page: number;
  pageSize: number;
  total?: number;
  hasMore?: boolean;
}

/** A list the server pages, for DataTable: the page and page size it asks for, and search() = page 1 again. */
export interface PagedList<T> extends Async<PageOf<T>> {
  page: Ref<number>;
  pageSize: Ref<number>;
  /** The contract's largest pageSize (the size choices stop there). */
  maxPageSize: number;
  search(): Promise<void>;
}

/** A server-paged list: `load` gets the page to ask for; its answer is the contract's page (total or hasMore). */
export function usePaged<P extends PageOf<unknown>>(
  load: (paging: { page: number; pageSize: number }) => Promise<P>,
  { pageSize = 20, maxPageSize = 100 } = {},
): PagedList<P['items'][number]> & { data: Ref<P> } {
  const page = ref(1);
  const size = ref(pageSize);
  const empty = { items: [], page: 1, pageSize, total: 0, hasMore: false } as unknown as P;
  const list = useAsync<P>(() => load({ page: page.value, pageSize: size.value }), empty);
  return {
    ...list,
    page,
    pageSize: size,
    maxPageSize,
    search() {
      page.value = 1;
      return list.run();
    },
  };
}
