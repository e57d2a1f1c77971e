import { z } from 'zod';
import { action } from '../core/infra/handler';
import { id } from '../core/infra/schemas';
import { requireAdmin, requireAdminOrSupplier } from '../core/usecases/admin/access';
import {
  batchDetail,
  closeBatch,
  createBatch,
  listBatches,
  openBatch,
  topUpBatchItem,
  updateBatchItem,
} from '../core/usecases/admin/batches';
import {
  bindSupplierUser,
  listCategories,
  listProducts,
  listSuppliers,
  productView,
  removeCategory,
  removeSupplier,
  reviewProduct,
  saveCategory,
  saveProduct,
  saveSupplier,
  setProductStatus,
  visibleProduct,
} from '../core/usecases/admin/catalog';
import { dashboard } from '../core/usecases/admin/dashboard';
import {
  listAfterSales,
  listNotices,
  orderForAdmin,
  refundResult,
  reviewAfterSale,
  searchOrders,
} from '../core/usecases/admin/orders';
import { getSettings, saveSettings } from '../core/usecases/admin/settings';
import { suggestStock } from '../core/usecases/admin/suggest';
import { refundByAdmin } from '../core/usecases/refund/by-admin';
import { day, fen, image, instant, name, page, refundLines } from './schemas';

const phone = z.string().regex(/^[0-9+\- ]{5,20}$/, '电话格式不正确');
const units = z.number().int().min(0).max(1_000_000);
const batchStatus = z.enum(['draft', 'open', 'cutoff', 'closed']);
const productStatus = z.enum(['active', 'pending', 'rejected', 'disabled']);
const orderStatus = z.enum(['pending_payment', 'paid', 'cancelled', 'arrived', 'picked_up', 'refunding', 'refunded']);
const lngLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

/**
 * Console actions for catalog, batches, orders, after-sales, notices and
 * settings (contract: typings/admin.ts). Inputs are validated first; then every
 * action loads the caller's roles from the database.
 */
export const catalogAdminActions = {
  dashboard: action(
    z.object({ from: day, to: day, lowStockUnits: z.number().int().min(0).max(100_000).optional() }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return dashboard(input);
    },
  ),

  // ---- suppliers ----
  'suppliers.list': action(z.object(page), async (input, ctx) => {
    await requireAdmin(ctx);
    return listSuppliers(input);
  }),
  'suppliers.save': action(
    z.object({ _id: id.optional(), name: name(50), contact: name(20).optional(), phone: phone.optional() }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return saveSupplier(input);
    },
  ),
  'suppliers.remove': action(z.object({ id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return removeSupplier(input.id);
  }),
  'suppliers.bindUser': action(z.object({ supplierId: id, openid: id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return bindSupplierUser(input.supplierId, input.openid);
  }),

  // ---- categories ----
  'categories.list': action(z.object({}), async (_input, ctx) => {
    await requireAdmin(ctx);
    return listCategories();
  }),
  'categories.save': action(
    z.object({
      _id: id.optional(),
      name: name(20),
      commissionBps: z.number().int().min(0).max(5000),
      sort: z.number().int().min(0).max(10_000).optional(),
    }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return saveCategory(input);
    },
  ),
  'categories.remove': action(z.object({ id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return removeCategory(input.id);
  }),

  // ---- products (suppliers: their own only) ----
  'products.list': action(
    z.object({
      ...page,
      categoryId: id.optional(),
      supplierId: id.optional(),
      status: productStatus.optional(),
      keyword: z.string().trim().min(1).max(30).optional(),
    }),
    async (input, ctx) => listProducts(await requireAdminOrSupplier(ctx), input),
  ),
  'products.get': action(z.object({ id }), async (input, ctx) =>
    productView(await visibleProduct(await requireAdminOrSupplier(ctx), input.id)),
  ),
  'products.save': action(
    z.object({
      _id: id.optional(),
      title: name(60),
      categoryId: id,
      supplierId: id.optional(),
      unit: name(8),
      images: z.array(image).min(1).max(9),
      description: z.string().trim().max(500).optional(),
    }),
    async (input, ctx) => saveProduct(await requireAdminOrSupplier(ctx), input),
  ),
  'products.review': action(
    z.object({ id, approve: z.boolean(), reason: z.string().trim().max(100).optional() }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return reviewProduct(input.id, input.approve, input.reason);
    },
  ),
  'products.setStatus': action(z.object({ id, status: z.enum(['active', 'disabled']) }), async (input, ctx) => {
    await requireAdmin(ctx);
    return setProductStatus(input.id, input.status);
  }),

  // ---- batches ----
  'batches.list': action(z.object({ ...page, status: batchStatus.optional() }), async (input, ctx) => {
    await requireAdmin(ctx);
    return listBatches(input);
  }),
  'batches.get': action(z.object({ id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return batchDetail(input.id);
  }),
  'batches.create': action(
    z.object({
      requestId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/)
        .optional(),
      title: name(40),
      opensAt: instant,
      cutoffAt: instant,
      pickupDate: day,
      items: z
        .array(
          z.object({
            productId: id,
            priceFen: fen.min(1),
            originalPriceFen: fen.min(1),
            stock: units,
            limitPerUser: z.number().int().min(0).max(999),
            minQuantity: units,
          }),
        )
        .min(1)
        .max(200),
    }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return createBatch(input);
    },
  ),
  'batches.suggest': action(
    z.object({ productIds: z.array(id).min(1).max(200), pickupDate: day }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return suggestStock(input.productIds, input.pickupDate);
    },
  ),
  'batches.open': action(z.object({ id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return openBatch(input.id);
  }),
  'batches.close': action(z.object({ id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return closeBatch(input.id);
  }),
  'batches.items.update': action(
    z.object({
      batchItemId: id,
      priceFen: fen.min(1).optional(),
      originalPriceFen: fen.min(1).optional(),
      stock: units.optional(),
      limitPerUser: z.number().int().min(0).max(999).optional(),
      minQuantity: units.optional(),
    }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return updateBatchItem(input);
    },
  ),
  'batches.items.topUp': action(
    z.object({ batchItemId: id, add: z.number().int().min(1).max(100_000) }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return topUpBatchItem(input.batchItemId, input.add);
    },
  ),

  // ---- orders and after-sales ----
  'orders.search': action(
    z.object({
      ...page,
      batchId: id.optional(),
      status: orderStatus.optional(),
      pickupPointId: id.optional(),
      orderNo: z
        .string()
        .regex(/^[0-9A-Za-z_-]{6,32}$/)
        .optional(),
      phoneTail: z
        .string()
        .regex(/^\d{4}$/)
        .optional(),
    }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return searchOrders(input);
    },
  ),
  'orders.get': action(z.object({ id }), async (input, ctx) => {
    await requireAdmin(ctx);
    return orderForAdmin(input.id);
  }),
  /** refundByAdmin checks the admin role itself. */
  'orders.refund': action(
    z.object({
      orderId: id,
      lines: refundLines,
      reason: name(80),
      outRefundNo: z.string().regex(/^[A-Za-z0-9_|*@-]{1,64}$/),
    }),
    async (input, ctx) => refundResult(await refundByAdmin(input, ctx)),
  ),
  'afterSales.list': action(
    z.object({ ...page, status: z.enum(['pending', 'approved', 'rejected', 'refunded']).optional() }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return listAfterSales(input);
    },
  ),
  'afterSales.review': action(
    z.object({ id, approve: z.boolean(), refundLines: refundLines.optional(), reason: name(100) }),
    async (input, ctx) => {
      const admin = await requireAdmin(ctx);
      return reviewAfterSale(input, admin._id);
    },
  ),

  // ---- notices and settings ----
  'notices.list': action(z.object({ ...page, status: z.string().max(20).optional() }), async (input, ctx) => {
    await requireAdmin(ctx);
    return listNotices(input);
  }),
  'settings.get': action(z.object({}), async (_input, ctx) => {
    await requireAdmin(ctx);
    return getSettings();
  }),
  'settings.save': action(
    z.object({
      templates: z
        .record(z.string().regex(/^[A-Za-z0-9_]{1,32}$/), z.string().trim().max(128))
        .refine((t) => Object.keys(t).length <= 20, '最多 20 个模板')
        .optional(),
      warehouse: z
        .object({ name: name(40), address: z.string().trim().max(100).optional(), location: lngLat })
        .optional(),
    }),
    async (input, ctx) => {
      await requireAdmin(ctx);
      return saveSettings(input);
    },
  ),
};
