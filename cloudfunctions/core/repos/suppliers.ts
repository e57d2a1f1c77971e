import type { Supplier } from '../../../typings/models';
import { collection } from './db';

const suppliers = () => collection('suppliers');

export const supplierById = (id: string) => suppliers().byId(id);
export const suppliersByIds = (ids: readonly string[]) => suppliers().byIds(ids);
export const suppliersPage = (page: { page: number; pageSize: number }) =>
  suppliers().page({}, { orderBy: [['_id', 'asc']], ...page });
/** The console's save is "make it so": the whole document under its _id. */
export const saveSupplierDoc = (doc: Supplier) => suppliers().set(doc);
export const removeSupplierDoc = async (id: string) => (await suppliers().remove({ _id: id })) === 1;

/** Creates a document under a requestId's _id; false when a retried or doubled create made it already. */
export const insertSupplierOnce = (doc: Supplier) => suppliers().insertOnce(doc);
