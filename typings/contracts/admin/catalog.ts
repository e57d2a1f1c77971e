import * as z from 'zod/mini';
import { contract, label, type Input, type Parsed } from '../define';
import { fen, id, image, requestId, text } from '../shapes';
import { page, phone, type Paged } from './common';
import type { ProductStorage } from '../../models';
import { CERT_IMAGES_MAX, ORIGIN_MAX, SHELF_LIFE_MAX, STORAGE_MODES, STORAGE_NOTE_MAX } from '../../product-info';

export type ProductStatus = 'active' | 'pending' | 'rejected' | 'disabled';

export interface SupplierView {
  _id: string;
  name: string;
  contact?: string;
  phone?: string;
  /** The console accounts bound to it (suppliers.bindUser), in suppliers.list. */
  accounts?: Array<{ openid: string; nickname?: string }>;
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
  /** 供货价 per unit in fen (see Product.costFen). */
  costFen?: number;
  /** Products without a status (demo data) are 'active'. Only active products go into batches. */
  status: ProductStatus;
  reviewReason?: string;
  // 商品信息 (see Product): absent when never filled in.
  origin?: string;
  certImages?: string[];
  shelfLife?: string;
  storage?: ProductStorage;
  badGoodsCover?: boolean;
  updatedAt?: string;
}

export interface ProductImportResult {
  /** Products stored: all rows, or 0 when any row has a problem. */
  imported: number;
  /** Every row's problem by sheet row (line) and column; empty when all were stored. */
  errors: Array<{ line: number; field: string; message: string }>;
}

const buildImportRow = () =>
  z.object({
    /** The row's number in the sheet (row 1 is the header), for the error report. */
    line: label(z.int().check(z.gte(2), z.lte(100_000)), '行号'),
    title: label(text(60), '商品名称'),
    /** A category's name (or id). */
    category: label(text(64), '类目'),
    /** A supplier's name (or id). */
    supplier: label(text(64), '供应商'),
    unit: label(text(8), '单位'),
    images: label(z.array(label(image, '商品图片')).check(z.minLength(1), z.maxLength(9)), '商品图片'),
    description: z.optional(label(z.string().check(z.trim(), z.maxLength(500)), '商品描述')),
  });
let importRow: ReturnType<typeof buildImportRow> | undefined;
/** One row of the Excel import: the console checks each row with it before sending, the function all of them. */
export const productImportRow = () => (importRow ??= buildImportRow());

const productStatus = z.enum(['active', 'pending', 'rejected', 'disabled']);

/** Text that may be sent empty ('' clears it). */
const clearable = (max: number) => z.string().check(z.trim(), z.maxLength(max));

/**
 * 商品信息 in products.save. A field left out keeps what is stored (a caller that
 * does not know them changes nothing); '' / [] / null clears it.
 */
const productInfo = () => ({
  origin: z.optional(label(clearable(ORIGIN_MAX), '产地')),
  certImages: z.optional(
    label(z.array(label(image, '资质图片')).check(z.maxLength(CERT_IMAGES_MAX)), '资质/检测报告图片'),
  ),
  shelfLife: z.optional(label(clearable(SHELF_LIFE_MAX), '保质期')),
  storage: z.optional(
    z.nullable(
      label(
        z.object({
          mode: label(z.enum(STORAGE_MODES), '储存方式'),
          note: z.optional(label(clearable(STORAGE_NOTE_MAX), '储存说明')),
        }),
        '储存方式',
      ),
    ),
  ),
  badGoodsCover: z.optional(label(z.boolean(), '坏品包赔')),
});

/** Suppliers, categories and products (the console's 商品 area). */
export const catalog = {
  'suppliers.list': contract(() => z.object(page)).answers<Paged<SupplierView>>(),
  /** Without _id: create (id generated, or derived from requestId so that a retry answers the same supplier). */
  'suppliers.save': contract(() =>
    z.object({
      _id: z.optional(label(id, '供应商')),
      /** A create with a requestId answers the same document when it is retried or doubled. */
      requestId: z.optional(label(requestId, '请求编号')),
      name: label(text(50), '供应商名称'),
      contact: z.optional(label(text(20), '联系人')),
      phone: z.optional(label(phone, '电话')),
    }),
  ).answers<SupplierView>(),
  /** INVALID_STATE while products reference it. */
  'suppliers.remove': contract(() => z.object({ id: label(id, '供应商') })).answers<{ removed: boolean }>(),
  /** Makes a registered user this supplier's account (adds the role). */
  'suppliers.bindUser': contract(() =>
    z.object({ supplierId: label(id, '供应商'), openid: label(id, '用户') }),
  ).answers<{ openid: string; supplierId: string }>(),

  'categories.list': contract(() => z.object({})).answers<CategoryView[]>(),
  'categories.save': contract(() =>
    z.object({
      _id: z.optional(label(id, '类目')),
      /** A create with a requestId answers the same document when it is retried or doubled. */
      requestId: z.optional(label(requestId, '请求编号')),
      name: label(text(20), '类目名称'),
      commissionBps: label(z.int().check(z.gte(0), z.lte(5000)), '佣金比例'),
      sort: z.optional(label(z.int().check(z.gte(0), z.lte(10_000)), '排序')),
    }),
  ).answers<CategoryView>(),
  'categories.remove': contract(() => z.object({ id: label(id, '类目') })).answers<{ removed: boolean }>(),

  /** [supplier] A supplier always lists their own (supplierId is ignored). */
  'products.list': contract(() =>
    z.object({
      ...page,
      categoryId: z.optional(label(id, '类目')),
      supplierId: z.optional(label(id, '供应商')),
      status: z.optional(label(productStatus, '商品状态')),
      /** Substring of the title. */
      keyword: z.optional(label(z.string().check(z.trim(), z.minLength(1), z.maxLength(30)), '关键词')),
    }),
  ).answers<Paged<ProductView>>(),
  /** [supplier] */
  'products.get': contract(() => z.object({ id: label(id, '商品') })).answers<ProductView>(),
  /**
   * [supplier] An admin's save makes the product 'active' (or keeps 'disabled'); a
   * supplier's save (create or edit) makes it 'pending' for review. supplierId is
   * required for an admin and ignored for a supplier.
   */
  'products.save': contract(() =>
    z.object({
      _id: z.optional(label(id, '商品')),
      /** A create with a requestId answers the same document when it is retried or doubled. */
      requestId: z.optional(label(requestId, '请求编号')),
      title: label(text(60), '商品名称'),
      categoryId: label(id, '类目'),
      supplierId: z.optional(label(id, '供应商')),
      unit: label(text(8), '单位'),
      images: label(z.array(label(image, '商品图片')).check(z.minLength(1), z.maxLength(9)), '商品图片'),
      description: z.optional(label(z.string().check(z.trim(), z.maxLength(500)), '商品描述')),
      costFen: z.optional(label(fen, '供货价')),
      ...productInfo(),
    }),
  ).answers<ProductView>(),
  /** pending → active (approve) or rejected (reason shown to the supplier). */
  'products.review': contract(() =>
    z.object({
      id: label(id, '商品'),
      approve: label(z.boolean(), '审核结果'),
      reason: z.optional(label(z.string().check(z.trim(), z.maxLength(100)), '审核意见')),
    }),
  ).answers<ProductView>(),
  /**
   * Bulk import (the console's Excel template), all or nothing: a row whose
   * category or supplier is unknown, or whose title its supplier already has (in
   * the sheet or stored), stores nothing and is listed in `errors`. Imported
   * products are active. The same requestId retried stores each row once.
   */
  'products.import': contract(() =>
    z.object({
      requestId: label(requestId, '请求编号'),
      rows: label(z.array(productImportRow()).check(z.minLength(1), z.maxLength(200)), '导入的商品'),
    }),
  ).answers<ProductImportResult>(),
  /** active ⇄ disabled. */
  'products.setStatus': contract(() =>
    z.object({ id: label(id, '商品'), status: label(z.enum(['active', 'disabled']), '商品状态') }),
  ).answers<ProductView>(),
};

export type SupplierSaveInput = Input<(typeof catalog)['suppliers.save']>;
export type CategorySaveInput = Input<(typeof catalog)['categories.save']>;
export type ProductListInput = Parsed<(typeof catalog)['products.list']>;
export type ProductSaveInput = Parsed<(typeof catalog)['products.save']>;
export type ProductImportInput = Parsed<(typeof catalog)['products.import']>;
