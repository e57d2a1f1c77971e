import type { AfterSale, AfterSaleStatus } from '../../../typings/models';
import { cmd, collection } from './db';

const afterSales = () => collection('afterSales');

export const afterSaleById = (id: string) => afterSales().byId(id);

/** The console's list, newest first. */
export const afterSalesPage = (status: AfterSaleStatus | undefined, page: { page: number; pageSize: number }) =>
  afterSales().page(status ? { status } : {}, {
    orderBy: [
      ['createdAt', 'desc'],
      ['_id', 'asc'],
    ],
    ...page,
  });

/**
 * Moves a request from one status to another with the review's fields, only if
 * it is still in `from`: a request is reviewed once, whoever races for it.
 */
export async function moveAfterSale(
  id: string,
  from: AfterSaleStatus,
  to: AfterSaleStatus,
  fields: Partial<AfterSale> = {},
): Promise<boolean> {
  return (await afterSales().update({ _id: id, status: from }, { ...fields, status: to })) > 0;
}

/** Requests of an order still waiting for or granted a refund: their units cannot be asked for again. */
export const openAfterSalesOf = (orderId: string): Promise<AfterSale[]> =>
  afterSales().find({ orderId, status: cmd.in(['pending', 'approved']) }, { limit: 100 });

export async function insertAfterSale(afterSale: AfterSale): Promise<void> {
  await afterSales().insert(afterSale);
}
