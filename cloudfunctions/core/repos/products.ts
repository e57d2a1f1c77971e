import type { ProductStatus } from '../../../typings/contracts/admin/catalog';
import type { Product } from '../../../typings/models';
import { cmd, collection, regex, type Where } from './db';

const products = () => collection('products');

export interface ProductFilter {
  categoryId?: string;
  supplierId?: string;
  status?: ProductStatus;
  /** Part of the title, any case. */
  keyword?: string;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function productWhere(f: ProductFilter): Where {
  const where: Record<string, unknown> = {};
  if (f.categoryId) where.categoryId = f.categoryId;
  if (f.supplierId) where.supplierId = f.supplierId;
  // Demo products carry no status: they are active.
  if (f.status) where.status = f.status === 'active' ? cmd.in(['active', null]) : f.status;
  if (f.keyword) where.title = regex(escapeRegExp(f.keyword), 'i');
  return where;
}

export const productById = (id: string) => products().byId(id);
export const productsByIds = (ids: readonly string[]) => products().byIds(ids);

export const productsPage = (filter: ProductFilter, page: { page: number; pageSize: number }) =>
  products().page(productWhere(filter), { orderBy: [['_id', 'asc']], ...page });

/** How many products a supplier or a category still has (either may only be removed at 0). */
export const productsUsing = (ref: { supplierId: string } | { categoryId: string }) => products().count(ref);

export const saveProductDoc = (doc: Product) => products().set(doc);

/** pending → active or rejected, only while pending; false when it was not pending. */
export async function reviewPendingProduct(
  id: string,
  status: 'active' | 'rejected',
  reason: string,
  at: Date,
): Promise<boolean> {
  return (await products().update({ _id: id, status: 'pending' }, { status, reviewReason: reason, updatedAt: at })) > 0;
}

export async function setProductStatusDoc(id: string, status: ProductStatus, at: Date): Promise<void> {
  await products().update({ _id: id }, { status, updatedAt: at });
}

/** Creates a document under a requestId's _id; false when a retried or doubled create made it already. */
export const insertProductOnce = (doc: Product) => products().insertOnce(doc);

/** Stored products with any of these titles (the import's duplicate check). */
export const productTitlesOf = (titles: readonly string[]) =>
  products().find({ title: cmd.in([...new Set(titles)]) }, { fields: { _id: true, title: true, supplierId: true } });
