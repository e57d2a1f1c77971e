import type { catalog } from '../../typings/contracts/admin/catalog';
import type { ActionTable } from '../core/infra/handler';
import { requireAdmin, requireAdminOrSupplier } from '../core/usecases/admin/access';
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
import { importProducts } from '../core/usecases/admin/product-import';

export const catalogActions: ActionTable<typeof catalog> = {
  'suppliers.list': async (input, ctx) => {
    await requireAdmin(ctx);
    return listSuppliers(input);
  },
  'suppliers.save': async (input, ctx) => {
    await requireAdmin(ctx);
    return saveSupplier(input);
  },
  'suppliers.remove': async (input, ctx) => {
    await requireAdmin(ctx);
    return removeSupplier(input.id);
  },
  'suppliers.bindUser': async (input, ctx) => {
    await requireAdmin(ctx);
    return bindSupplierUser(input.supplierId, input.openid);
  },

  // A supplier files its products under a category: it reads the list too.
  'categories.list': async (_input, ctx) => {
    await requireAdminOrSupplier(ctx);
    return listCategories();
  },
  'categories.save': async (input, ctx) => {
    await requireAdmin(ctx);
    return saveCategory(input);
  },
  'categories.remove': async (input, ctx) => {
    await requireAdmin(ctx);
    return removeCategory(input.id);
  },

  'products.list': async (input, ctx) => listProducts(await requireAdminOrSupplier(ctx), input),
  'products.get': async (input, ctx) => productView(await visibleProduct(await requireAdminOrSupplier(ctx), input.id)),
  'products.save': async (input, ctx) => saveProduct(await requireAdminOrSupplier(ctx), input),
  'products.review': async (input, ctx) => {
    await requireAdmin(ctx);
    return reviewProduct(input.id, input.approve, input.reason);
  },
  'products.import': async (input, ctx) => {
    await requireAdmin(ctx);
    return importProducts(input);
  },
  'products.setStatus': async (input, ctx) => {
    await requireAdmin(ctx);
    return setProductStatus(input.id, input.status);
  },
};
