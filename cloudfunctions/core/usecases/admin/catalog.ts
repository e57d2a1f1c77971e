import type {
  CategorySaveInput,
  CategoryView,
  ProductListInput,
  ProductSaveInput,
  ProductStatus,
  ProductView,
  SupplierSaveInput,
  SupplierView,
} from '../../../../typings/contracts/admin/catalog';
import type { Paged } from '../../../../typings/contracts/admin/common';
import type { Category, Product, Supplier } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { now } from '../../infra/clock';
import {
  allCategories,
  categoryById,
  insertCategoryOnce,
  removeCategoryDoc,
  saveCategoryDoc,
} from '../../repos/categories';
import {
  insertProductOnce,
  productById,
  productsPage,
  productsUsing,
  reviewPendingProduct,
  saveProductDoc,
  setProductStatusDoc,
} from '../../repos/products';
import {
  insertSupplierOnce,
  removeSupplierDoc,
  saveSupplierDoc,
  supplierById,
  suppliersPage,
} from '../../repos/suppliers';
import { addSupplierRole, supplierAccounts, userById } from '../../repos/users';
import type { ConsoleUser } from './access';
import { compact, iso, keyedId, newId, paged, type PageInput } from './common';

/** A new document's _id: derived from the client's requestId (a retry meets the first create), else random. */
const createdId = (prefix: string, kind: string, requestId: string | undefined) =>
  requestId ? keyedId(prefix, kind, requestId) : newId(prefix);

// ---- suppliers ----
const supplierView = (s: Supplier): SupplierView =>
  compact({ _id: s._id, name: s.name, contact: s.contact, phone: s.phone });

/** Each supplier with the console accounts bound to it. */
export async function listSuppliers(page: PageInput): Promise<Paged<SupplierView>> {
  const found = await suppliersPage(page);
  const accounts = await supplierAccounts(found.items.map((s) => s._id));
  return paged(found, page, (s) => ({
    ...supplierView(s),
    accounts: accounts
      .filter((u) => u.supplierId === s._id)
      .map((u) => compact({ openid: u._id, nickname: u.nickname })),
  }));
}

/** The console's save is "make it so": the whole document under a known or new _id. */
export async function saveSupplier(input: SupplierSaveInput): Promise<SupplierView> {
  if (input._id && !(await supplierById(input._id))) throw fail.notFound('供应商');
  const doc: Supplier = compact({
    _id: input._id ?? createdId('sup', 'supplier', input.requestId),
    name: input.name,
    contact: input.contact,
    phone: input.phone,
  });
  if (input._id || !input.requestId) await saveSupplierDoc(doc);
  else if (!(await insertSupplierOnce(doc))) return supplierView((await supplierById(doc._id)) ?? doc);
  return supplierView(doc);
}

export async function removeSupplier(id: string): Promise<{ removed: boolean }> {
  const used = await productsUsing({ supplierId: id });
  if (used > 0) throw fail.state(`该供应商还有 ${used} 个商品，不能删除`);
  return { removed: await removeSupplierDoc(id) };
}

/** Makes a registered user the console account of a supplier (adds the role, records supplierId). */
export async function bindSupplierUser(supplierId: string, openid: string) {
  if (!(await supplierById(supplierId))) throw fail.notFound('供应商');
  if (!(await userById(openid))) throw fail.notFound('用户');
  await addSupplierRole(openid, supplierId, now());
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
  return (await allCategories()).map(categoryView);
}

export async function saveCategory(input: CategorySaveInput): Promise<CategoryView> {
  const existing = input._id ? await categoryById(input._id) : undefined;
  if (input._id && !existing) throw fail.notFound('分类');
  const doc: Category = {
    _id: input._id ?? createdId('cat', 'category', input.requestId),
    name: input.name,
    commissionBps: input.commissionBps,
    sort: input.sort ?? existing?.sort ?? 0,
  };
  if (input._id || !input.requestId) await saveCategoryDoc(doc);
  else if (!(await insertCategoryOnce(doc))) return categoryView((await categoryById(doc._id)) ?? doc);
  return categoryView(doc);
}

export async function removeCategory(id: string): Promise<{ removed: boolean }> {
  const used = await productsUsing({ categoryId: id });
  if (used > 0) throw fail.state(`该分类下还有 ${used} 个商品，不能删除`);
  return { removed: await removeCategoryDoc(id) };
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
    costFen: p.costFen,
    status: productStatus(p),
    reviewReason: p.reviewReason,
    origin: p.origin,
    certImages: p.certImages,
    shelfLife: p.shelfLife,
    storage: p.storage,
    badGoodsCover: p.badGoodsCover,
    updatedAt: iso(p.updatedAt),
  });

/**
 * 商品信息 as stored after a save: a field the input leaves out keeps the stored
 * value, an empty one ('' / [] / null / false) is dropped.
 */
function productInfoOf(input: ProductSaveInput, existing: Product | undefined): Partial<Product> {
  const pick = <K extends keyof ProductSaveInput & keyof Product>(k: K) =>
    (input[k] === undefined ? existing?.[k] : input[k]) as Product[K] | null | undefined;
  const origin = pick('origin');
  const certImages = pick('certImages');
  const shelfLife = pick('shelfLife');
  const storage = pick('storage');
  return {
    origin: origin || undefined,
    certImages: certImages?.length ? certImages : undefined,
    shelfLife: shelfLife || undefined,
    storage: storage ? compact({ mode: storage.mode, note: storage.note || undefined }) : undefined,
    badGoodsCover: pick('badGoodsCover') || undefined,
  };
}

/** A supplier sees only its own products, whatever supplier the filter names. */
export async function listProducts(who: ConsoleUser, input: ProductListInput & PageInput): Promise<Paged<ProductView>> {
  const filter = {
    categoryId: input.categoryId,
    supplierId: who.supplierId ?? input.supplierId,
    status: input.status,
    keyword: input.keyword,
  };
  return paged(await productsPage(filter, input), input, productView);
}

/** A product the caller may see: a supplier's view of another supplier's product is NOT_FOUND. */
export async function visibleProduct(who: ConsoleUser, id: string): Promise<Product> {
  const p = await productById(id);
  if (!p || (who.supplierId && p.supplierId !== who.supplierId)) throw fail.notFound('商品');
  return p;
}

export async function saveProduct(who: ConsoleUser, input: ProductSaveInput): Promise<ProductView> {
  const existing = input._id ? await visibleProduct(who, input._id) : undefined;
  const supplierId = who.supplierId ?? input.supplierId ?? existing?.supplierId;
  if (!supplierId) throw fail.invalid('supplierId: 请选择供应商');
  const [supplier, category] = await Promise.all([supplierById(supplierId), categoryById(input.categoryId)]);
  if (!supplier) throw fail.invalid('supplierId: 供应商不存在');
  if (!category) throw fail.invalid('categoryId: 分类不存在');
  // A supplier's change waits for review; an admin's is live (a disabled product stays disabled).
  const status: ProductStatus = who.supplierId
    ? 'pending'
    : existing && productStatus(existing) === 'disabled'
      ? 'disabled'
      : 'active';
  // A supplier's requestId is its own: another supplier (or the admin) sending the same one creates its own product.
  const created = createdId('p', `product|${who.supplierId ?? ''}`, input.requestId);
  const doc: Product = compact({
    _id: existing?._id ?? created,
    title: input.title,
    categoryId: input.categoryId,
    supplierId,
    unit: input.unit,
    images: input.images,
    description: input.description,
    costFen: input.costFen ?? existing?.costFen,
    ...productInfoOf(input, existing),
    status,
    updatedAt: now(),
  });
  if (existing || !input.requestId) await saveProductDoc(doc);
  else if (!(await insertProductOnce(doc))) return productView(await visibleProduct(who, doc._id));
  return productView(doc);
}

export async function reviewProduct(id: string, approve: boolean, reason?: string): Promise<ProductView> {
  const status = approve ? 'active' : 'rejected';
  const reviewed = await reviewPendingProduct(id, status, reason ?? '', now());
  const p = await productById(id);
  if (!p) throw fail.notFound('商品');
  if (!reviewed && productStatus(p) !== status) throw fail.state('该商品不在待审核状态');
  return productView(p);
}

export async function setProductStatus(id: string, status: 'active' | 'disabled'): Promise<ProductView> {
  const p = await productById(id);
  if (!p) throw fail.notFound('商品');
  const from = productStatus(p);
  if (from === status) return productView(p);
  if (!(from === 'active' || from === 'disabled')) throw fail.state('待审核或已驳回的商品请先审核');
  await setProductStatusDoc(id, status, now());
  return productView({ ...p, status });
}
