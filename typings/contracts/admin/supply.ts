import * as z from 'zod/mini';
import { contract, label } from '../define';
import { day, id } from '../shapes';
import type { BatchAdminView } from './batches';
import { page, type Paged } from './common';

export interface SupplyStatus {
  batchId: string;
  /** none: never run; reading: paging orders (resumable); writing: documents being written; done. */
  phase: 'none' | 'reading' | 'writing' | 'done';
  pages: number;
  lines: number;
  invocations: number;
  startedAt?: string;
  updatedAt?: string;
  finishedAt?: string;
  purchaseOrders?: number;
  packingLists?: number;
  totalQty?: number;
  totalAmountFen?: number;
}

/** _id `${batchId}_${supplierId}`; a rerun writes the same document. */
export interface PurchaseOrderView {
  _id: string;
  batchId: string;
  supplierId: string;
  supplierName: string;
  /** Goods must reach the warehouse for this pickup day. */
  pickupDate: string;
  lines: Array<{
    batchItemId: string;
    productId: string;
    title: string;
    unit: string;
    qty: number;
    /** The item's cost price; null: not set (成本待定), the line counts nothing towards the total. */
    unitCostFen: number | null;
    /** qty × unitCostFen: what the platform owes the supplier for the line (0 while the cost is not set). */
    costFen: number;
    /** Order lines behind it. */
    lineCount: number;
  }>;
  totalQty: number;
  /** Σ lines' costFen: what the platform owes the supplier, at cost (never residents' prices). */
  totalCostFen: number;
  /** Lines whose cost price is not set: the total is not final until the admin sets them. */
  costPending: number;
  /** When the supplier confirmed the goods left for the warehouse (purchaseOrders.dispatch); kept by reruns. */
  dispatchedAt?: string;
  /**
   * The batch's route, in pickup points (every point with goods of the batch) and how many
   * leaders have confirmed arrival: the delivery is closed when arrived = points. Set in purchaseOrders.list.
   */
  delivery?: { points: number; arrived: number };
}

/** _id `${batchId}_${pickupPointId}`. */
export interface PackingListView {
  _id: string;
  batchId: string;
  pickupPointId: string;
  pointName: string;
  address: string;
  leaderId: string;
  pickupDate: string;
  lines: Array<{ batchItemId: string; title: string; unit: string; qty: number }>;
  totalQty: number;
  amountFen: number;
  lineCount: number;
  /** Stop number on the batch's delivery route (1-based), when planned. */
  routeSequence?: number;
}

/** _id = batchId. */
export interface DeliveryRouteView {
  _id: string;
  batchId: string;
  pickupDate: string;
  depot: { id: string; name: string; location: [number, number] };
  stops: Array<{
    sequence: number;
    pickupPointId: string;
    name: string;
    address: string;
    location: [number, number];
    legKm: number;
    cumulativeKm: number;
  }>;
  returnLegKm: number;
  totalKm: number;
}

/** Units sold of a supplier's goods (net of refunds) and what they come to at its cost price. */
export interface SupplierSalesFigures {
  qty: number;
  costFen: number;
  /** Rows whose item has no cost price yet (成本待定): counted in qty, not in costFen. */
  costPending: number;
}

/** One item of one delivery day. */
export interface SupplierSalesRow extends SupplierSalesFigures {
  /** The batch's pickup day (配送日), Asia/Shanghai. */
  date: string;
  batchId: string;
  batchItemId: string;
  productId: string;
  title: string;
  unit: string;
  unitCostFen: number | null;
}

/** A supplier's sales over days from..to: per day (every day, zeros too), per product, per day and item. */
export interface SupplierSales {
  supplierId: string;
  supplierName: string;
  from: string;
  to: string;
  days: Array<SupplierSalesFigures & { date: string }>;
  /** Best-selling first. */
  items: Array<SupplierSalesFigures & { productId: string; title: string; unit: string }>;
  rows: SupplierSalesRow[];
  total: SupplierSalesFigures;
}

const batchId = label(id, '团期');

/**
 * The cut-off documents (以销定采). The admin function's timeout is 60 s: a run
 * that needs longer answers phase 'reading' and is resumed by calling again (or
 * by the supply timer). Exports (Excel/CSV) are made in the browser from these rows.
 */
export const supply = {
  /**
   * Runs (or resumes) the cut-off for a batch in status cutoff/closed with no unpaid
   * orders; INVALID_STATE otherwise. restart: start over even if a run finished.
   */
  'supply.run': contract(() =>
    z.object({ batchId, restart: z.optional(label(z.boolean(), '重新生成')) }),
  ).answers<SupplyStatus>(),
  'supply.status': contract(() => z.object({ batchId })).answers<SupplyStatus>(),
  /**
   * [supplier] The batches a supplier's purchase orders come from: those carrying its
   * items (an admin: every batch), latest cut-off first, at most 50.
   */
  'purchaseOrders.batches': contract(() => z.object({})).answers<BatchAdminView[]>(),
  /** [supplier] A supplier gets only their own. */
  'purchaseOrders.list': contract(() => z.object({ batchId })).answers<PurchaseOrderView[]>(),
  /**
   * [supplier] 确认发货: the supplier's goods of this batch have left for the warehouse
   * and its route. Once; a repeat answers the same. Only the supplier of the order.
   */
  'purchaseOrders.dispatch': contract(() => z.object({ batchId })).answers<PurchaseOrderView>(),
  /** Sorted by route sequence, then point id; lines included (a batch may have thousands of points). */
  'packingLists.list': contract(() => z.object({ batchId, ...page })).answers<Paged<PackingListView>>(),
  'packingLists.get': contract(() =>
    z.object({ batchId, pickupPointId: label(id, '自提点') }),
  ).answers<PackingListView>(),
  'routes.get': contract(() => z.object({ batchId })).answers<DeliveryRouteView>(),
  /**
   * [supplier] 销售统计: by delivery day, at most 92 days. A supplier always gets its own
   * (supplierId is ignored); an admin names the supplier.
   */
  'supplierSales.get': contract(() =>
    z.object({
      from: label(day, '开始日期'),
      to: label(day, '结束日期'),
      supplierId: z.optional(label(id, '供应商')),
    }),
  ).answers<SupplierSales>(),
};
