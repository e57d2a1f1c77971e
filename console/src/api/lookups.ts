import { admin, allPages, allPagesHasMore } from './admin';
import type { BatchAdminView } from '../../../typings/contracts/admin/batches';
import type { CategoryView, SupplierView } from '../../../typings/contracts/admin/catalog';
import type { LeaderSummary } from '../../../typings/leader';

/** Whole lists for selectors and name lookups (small in practice; paged on the wire). */
export const allBatches = async (): Promise<BatchAdminView[]> =>
  (await allPages((page) => admin('batches.list', { page, pageSize: 100 }), 500)).sort((a, b) =>
    b.opensAt.localeCompare(a.opensAt),
  );

export const allSuppliers = (): Promise<SupplierView[]> =>
  allPages((page) => admin('suppliers.list', { page, pageSize: 100 }));

export const allCategories = (): Promise<CategoryView[]> => admin('categories.list', {});

export const allLeaders = (batchId?: string): Promise<LeaderSummary[]> =>
  allPagesHasMore((page) => admin('leaders.list', { page, pageSize: 50, batchId }));
