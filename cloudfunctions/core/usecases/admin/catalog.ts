import type {
  CategorySaveInput,
  CategoryView,
  Paged,
  ProductListInput,
  ProductSaveInput,
  ProductStatus,
  ProductView,
  SupplierSaveInput,
  SupplierView,
} from '../../../../typings/admin';
import type { Category, Product, Supplier, User } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { db, _ } from '../../infra/cloud';
import { now } from '../../infra/clock';
import { findById } from '../../infra/pay-store';
import { C } from '../../repos/collections';
import type { ConsoleUser } from './access';
import { col, compact, iso, newId, paged, type PageInput } from './common';

/** Saves a document under a known or new _id (set: the console's save is "make it so"). */
async function put<T extends { _id: string }>(name: string, doc: T): Promise<T> {
  const { _id, ...rest } = doc;
  await col(name).doc(_id).set({ data: rest });
  return doc;
}

// ---- suppliers ----
const supplierView = (s: Supplier): SupplierView =>
  compact({ _id: s._id, name: s.name, contact: s.contact, phone: s.phone });

export const listSuppliers = (page: PageInput): Promise<Paged<SupplierView>> =>
  paged(C.suppliers, {}, [['_id', 'asc']], page, supplierView);

export async function saveSupplier(input: SupplierSaveInput): Promise<SupplierView> {
  if (input._id && !(await findById(C.suppliers, input._id))) throw fail.notFound('供应商');
  const doc = compact({ _id: input._id ?? newId('sup'), name: input.name, contact: input.contact, phone: input.phone });
  return supplierView(await put(C.suppliers, doc));
}

export async function removeSupplier(id: string): Promise<{ removed: boolean }> {
  const used = await col(C.products).where({ supplierId: id }).count();
  if (used.total > 0) throw fail.state(`该供应商还有 ${used.total} 个商品，不能删除`);
  const res = await col(C.suppliers).where({ _id: id }).remove();
  return { removed: Number(res.stats?.removed ?? 0) === 1 };
}

/** Makes a registered user the console account of a supplier (adds the role, records supplierId). */
export async function bindSupplierUser(supplierId: string, openid: string) {
  if (!(await findById(C.suppliers, supplierId))) throw fail.notFound('供应商');
  const user = await findById<User>(C.users, openid);
  if (!user) throw fail.notFound('用户');
  await col(C.users)
    .doc(openid)
    .update({ data: { roles: _.addToSet('supplier'), supplierId, updatedAt: now() } });
  return { openid, supplierId };
}

// ---- categories ----
const categoryView = (c: Category): CategoryView => ({
  _id: c._id,
  name: c.name,
  commissionBps: c.commissionBps,
  sort: c.sort ?? 0,
});

export async function listCategories(): Promise<CategoryView[]> {
  const res = await col(C.categories).orderBy('sort', 'asc').orderBy('_id', 'asc').limit(1000).get();
  return (res.data as Category[]).map(categoryView);
}

export async function saveCategory(input: CategorySaveInput): Promise<CategoryView> {
  const existing = input._id ? await findById<Category>(C.categories, input._id) : undefined;
  if (input._id && !existing) throw fail.notFound('分类');
  const doc: Category = {
    _id: input._id ?? newId('cat'),
    name: input.name,
    commissionBps: input.commissionBps,
    sort: input.sort ?? existing?.sort ?? 0,
  };
  return categoryView(await put(C.categories, doc));
}

export async function removeCategory(id: string): Promise<{ removed: boolean }> {
  const used = await col(C.products).where({ categoryId: id }).count();
  if (used.total > 0) throw fail.state(`该分类下还有 ${used.total} 个商品，不能删除`);
  const res = await col(C.categories).where({ _id: id }).remove();
  return { removed: Number(res.stats?.removed ?? 0) === 1 };
}

// ---- products ----
export const productStatus = (p: Product): ProductStatus => p.status ?? 'active';

export const productView = (p: Product): ProductView =>
  compact({
    _id: p._id,
    title: p.title,
    categoryId: p.categoryId,
    supplierId: p.supplierId,
    unit: p.unit,
    images: p.images ?? [],
    description: p.description,
    status: productStatus(p),
    reviewReason: p.reviewReason,
    updatedAt: iso(p.updatedAt),
  });

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export function listProducts(who: ConsoleUser, input: ProductListInput & PageInput): Promise<Paged<ProductView>> {
  const where: Record<string, unknown> = {};
  if (input.categoryId) where.categoryId = input.categoryId;
  const supplierId = who.supplierId ?? input.supplierId;
  if (supplierId) where.supplierId = supplierId;
  // Demo products carry no status: they are active.
  if (input.status) where.status = input.status === 'active' ? _.in(['active', null]) : input.status;
  if (input.keyword) where.title = db.RegExp({ regexp: escapeRegExp(input.keyword), options: 'i' });
  return paged(C.products, where, [['_id', 'asc']], input, productView);
}

/** A product the caller may see: a supplier's view of another supplier's product is NOT_FOUND. */
export async function visibleProduct(who: ConsoleUser, id: string): Promise<Product> {
  const p = await findById<Product>(C.products, id);
  if (!p || (who.supplierId && p.supplierId !== who.supplierId)) throw fail.notFound('商品');
  return p;
}

export async function saveProduct(who: ConsoleUser, input: ProductSaveInput): Promise<ProductView> {
  const existing = input._id ? await visibleProduct(who, input._id) : undefined;
  const supplierId = who.supplierId ?? input.supplierId ?? existing?.supplierId;
  if (!supplierId) throw fail.invalid('supplierId: 请选择供应商');
  const [supplier, category] = await Promise.all([
    findById(C.suppliers, supplierId),
    findById(C.categories, input.categoryId),
  ]);
  if (!supplier) throw fail.invalid('supplierId: 供应商不存在');
  if (!category) throw fail.invalid('categoryId: 分类不存在');
  // A supplier's change waits for review; an admin's is live (a disabled product stays disabled).
  const status: ProductStatus = who.supplierId
    ? 'pending'
    : existing && productStatus(existing) === 'disabled'
      ? 'disabled'
      : 'active';
  const doc: Product = compact({
    _id: existing?._id ?? newId('p'),
    title: input.title,
    categoryId: input.categoryId,
    supplierId,
    unit: input.unit,
    images: input.images,
    description: input.description,
    status,
    updatedAt: now(),
  });
  return productView(await put(C.products, doc));
}

export async function reviewProduct(id: string, approve: boolean, reason?: string): Promise<ProductView> {
  const status: ProductStatus = approve ? 'active' : 'rejected';
  const res = await col(C.products)
    .where({ _id: id, status: 'pending' })
    .update({ data: { status, reviewReason: reason ?? '', updatedAt: now() } });
  const p = await findById<Product>(C.products, id);
  if (!p) throw fail.notFound('商品');
  if (Number(res.stats?.updated ?? 0) !== 1 && productStatus(p) !== status) throw fail.state('该商品不在待审核状态');
  return productView(p);
}

export async function setProductStatus(id: string, status: 'active' | 'disabled'): Promise<ProductView> {
  const p = await findById<Product>(C.products, id);
  if (!p) throw fail.notFound('商品');
  const from = productStatus(p);
  if (from === status) return productView(p);
  if (!(from === 'active' || from === 'disabled')) throw fail.state('待审核或已驳回的商品请先审核');
  await col(C.products)
    .doc(id)
    .update({ data: { status, updatedAt: now() } });
  return productView({ ...p, status });
}
