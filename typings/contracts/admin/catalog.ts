import { z } from 'zod';
import { contract, type Input, type Parsed } from '../define';
import { id, image, requestId, text } from '../shapes';
import { page, phone, type Paged } from './common';

export type ProductStatus = 'active' | 'pending' | 'rejected' | 'disabled';

export interface SupplierView {
  _id: string;
  name: string;
  contact?: string;
  phone?: string;
}

export interface CategoryView {
  _id: string;
  name: string;
  /** Leader commission in basis points, 0..5000 (1000 = 10%). */
  commissionBps: number;
  sort: number;
}

export interface ProductView {
  _id: string;
  title: string;
  categoryId: string;
  supplierId: string;
  unit: string;
  /** cloud:// fileIDs (demo data also has /images/... paths); the console resolves them with getTempFileURL. */
  images: string[];
  description?: string;
  /** Products without a status (demo data) are 'active'. Only active products go into batches. */
  status: ProductStatus;
  reviewReason?: string;
  updatedAt?: string;
}

const productStatus = z.enum(['active', 'pending', 'rejected', 'disabled']);

/** Suppliers, categories and products (the console's 商品 area). */
export const catalog = {
  'suppliers.list': contract(z.object(page)).answers<Paged<SupplierView>>(),
  /** Without _id: create (id generated, or derived from requestId so that a retry answers the same supplier). */
  'suppliers.save': contract(
    z.object({
      _id: id.meta({ label: '供应商' }).optional(),
      /** A create with a requestId answers the same document when it is retried or doubled. */
      requestId: requestId.meta({ label: '请求编号' }).optional(),
      name: text(50).meta({ label: '供应商名称' }),
      contact: text(20).meta({ label: '联系人' }).optional(),
      phone: phone.meta({ label: '电话' }).optional(),
    }),
  ).answers<SupplierView>(),
  /** INVALID_STATE while products reference it. */
  'suppliers.remove': contract(z.object({ id: id.meta({ label: '供应商' }) })).answers<{ removed: boolean }>(),
  /** Makes a registered user this supplier's account (adds the role). */
  'suppliers.bindUser': contract(
    z.object({ supplierId: id.meta({ label: '供应商' }), openid: id.meta({ label: '用户' }) }),
  ).answers<{ openid: string; supplierId: string }>(),

  'categories.list': contract(z.object({})).answers<CategoryView[]>(),
  'categories.save': contract(
    z.object({
      _id: id.meta({ label: '类目' }).optional(),
      /** A create with a requestId answers the same document when it is retried or doubled. */
      requestId: requestId.meta({ label: '请求编号' }).optional(),
      name: text(20).meta({ label: '类目名称' }),
      commissionBps: z.number().int().min(0).max(5000).meta({ label: '佣金比例' }),
      sort: z.number().int().min(0).max(10_000).meta({ label: '排序' }).optional(),
    }),
  ).answers<CategoryView>(),
  'categories.remove': contract(z.object({ id: id.meta({ label: '类目' }) })).answers<{ removed: boolean }>(),

  /** [supplier] A supplier always lists their own (supplierId is ignored). */
  'products.list': contract(
    z.object({
      ...page,
      categoryId: id.meta({ label: '类目' }).optional(),
      supplierId: id.meta({ label: '供应商' }).optional(),
      status: productStatus.meta({ label: '商品状态' }).optional(),
      /** Substring of the title. */
      keyword: z.string().trim().min(1).max(30).meta({ label: '关键词' }).optional(),
    }),
  ).answers<Paged<ProductView>>(),
  /** [supplier] */
  'products.get': contract(z.object({ id: id.meta({ label: '商品' }) })).answers<ProductView>(),
  /**
   * [supplier] An admin's save makes the product 'active' (or keeps 'disabled'); a
   * supplier's save (create or edit) makes it 'pending' for review. supplierId is
   * required for an admin and ignored for a supplier.
   */
  'products.save': contract(
    z.object({
      _id: id.meta({ label: '商品' }).optional(),
      /** A create with a requestId answers the same document when it is retried or doubled. */
      requestId: requestId.meta({ label: '请求编号' }).optional(),
      title: text(60).meta({ label: '商品名称' }),
      categoryId: id.meta({ label: '类目' }),
      supplierId: id.meta({ label: '供应商' }).optional(),
      unit: text(8).meta({ label: '单位' }),
      images: z
        .array(image.meta({ label: '商品图片' }))
        .min(1)
        .max(9)
        .meta({ label: '商品图片' }),
      description: z.string().trim().max(500).meta({ label: '商品描述' }).optional(),
    }),
  ).answers<ProductView>(),
  /** pending → active (approve) or rejected (reason shown to the supplier). */
  'products.review': contract(
    z.object({
      id: id.meta({ label: '商品' }),
      approve: z.boolean().meta({ label: '审核结果' }),
      reason: z.string().trim().max(100).meta({ label: '审核意见' }).optional(),
    }),
  ).answers<ProductView>(),
  /** active ⇄ disabled. */
  'products.setStatus': contract(
    z.object({ id: id.meta({ label: '商品' }), status: z.enum(['active', 'disabled']).meta({ label: '商品状态' }) }),
  ).answers<ProductView>(),
};

export type SupplierSaveInput = Input<(typeof catalog)['suppliers.save']>;
export type CategorySaveInput = Input<(typeof catalog)['categories.save']>;
export type ProductListInput = Parsed<(typeof catalog)['products.list']>;
export type ProductSaveInput = Parsed<(typeof catalog)['products.save']>;
