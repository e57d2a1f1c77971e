/**
 * The console's contract with the `admin` cloud function for catalog, batches,
 * orders, after-sales, notices, settings and supply (cut-off documents). Call
 * `admin` with `{action: '<name>', ...input}`; every answer is an Envelope
 * (typings/envelope.ts) whose `data` is the output below. Times are ISO strings
 * on the wire, business dates 'YYYY-MM-DD' Asia/Shanghai, money integer fen.
 *
 * Roles are read on the server from the caller's users doc: every action needs
 * 'admin' unless marked [supplier]; a supplier (users.roles has 'supplier',
 * users.supplierId set by an admin) sees and edits only their own products and
 * purchase orders: the supplierId always comes from their users doc, never the input.
 * Codes: INVALID_INPUT (schema or a rule below; nothing changed), FORBIDDEN,
 * UNAUTHENTICATED, NOT_FOUND (incl. another supplier's document), INVALID_STATE.
 *
 * Leader and commission actions (leaders.*, commissions.*, their settings) are
 * owned by admin/leaders.ts and admin/commissions.ts, not listed here.
 * Import type only.
 */
import type { AfterSaleStatus, BatchItem, BatchStatus, OrderStatus } from './models';

export type ProductStatus = 'active' | 'pending' | 'rejected' | 'disabled';

export interface Paged<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Exact count of matches (for a pager). */
  total: number;
}

/** 1-based page; pageSize 1..100, default 20. */
export interface PageInput {
  page?: number;
  pageSize?: number;
}

// ---- dashboard ----
export interface DashboardInput {
  /** Inclusive Shanghai dates, to - from ≤ 92 days. Orders count on the day they were paid. */
  from: string;
  to: string;
  /** Inventory alert: stock ≤ this many units (default 5) or ≤ 10% of stock + sold. */
  lowStockUnits?: number;
}

export interface DailyPoint {
  date: string;
  gmvFen: number;
  orders: number;
  refundedFen: number;
}

export interface Dashboard {
  from: string;
  to: string;
  /** Paid amount of orders paid in the range (cancelled never count), before refunds. */
  gmvFen: number;
  /** Refunded so far on those orders (completed refunds). */
  refundedFen: number;
  orders: number;
  /** gmvFen / orders, rounded to fen; 0 without orders. */
  avgOrderFen: number;
  buyers: number;
  /** Top 10 products by paid amount (net of refunded units). */
  topSkus: Array<{ productId: string; title: string; qty: number; amountFen: number }>;
  /** Top 10 leaders by paid amount of their points' orders. */
  leaderRanking: Array<{ leaderId: string; name: string; orders: number; gmvFen: number }>;
  /** One point per Shanghai day from..to, zeros included (charts). */
  daily: DailyPoint[];
  /** Items of open batches running low, lowest stock first (≤ 100). */
  inventoryAlerts: Array<{
    batchItemId: string;
    batchId: string;
    title: string;
    stock: number;
    sold: number;
  }>;
}

// ---- suppliers / categories ----
export interface SupplierView {
  _id: string;
  name: string;
  contact?: string;
  phone?: string;
}
export interface SupplierSaveInput {
  /** Absent: create (id generated). */
  _id?: string;
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
export interface CategorySaveInput {
  _id?: string;
  name: string;
  commissionBps: number;
  sort?: number;
}

// ---- products ----
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

export interface ProductListInput extends PageInput {
  categoryId?: string;
  /** Ignored for a supplier (always their own). */
  supplierId?: string;
  status?: ProductStatus;
  /** Substring of the title. */
  keyword?: string;
}

/** [supplier] An admin's save makes the product 'active' (or keeps 'disabled'); a supplier's save (create or edit) makes it 'pending' for review. */
export interface ProductSaveInput {
  _id?: string;
  title: string;
  categoryId: string;
  /** Required for an admin; ignored for a supplier. */
  supplierId?: string;
  unit: string;
  /** 1..9 fileIDs 'cloud://…' (or '/images/…' demo paths). */
  images: string[];
  description?: string;
}

// ---- batches ----
export interface BatchAdminView {
  _id: string;
  title: string;
  status: BatchStatus;
  opensAt: string;
  cutoffAt: string;
  pickupDate: string;
  itemCount?: number;
  /** Set by the scheduler / supply run. */
  minimumsSettledAt?: string;
  supplyDoneAt?: string;
}

/** A batch item as the console sees it: the stored item without the batch window copied onto it. */
export type BatchItemAdminView = Omit<BatchItem, 'opensAt' | 'cutoffAt'>;

export interface BatchItemInput {
  productId: string;
  /** Integer fen ≥ 1; priceFen ≤ originalPriceFen. */
  priceFen: number;
  originalPriceFen: number;
  /** 0..1,000,000 units. */
  stock: number;
  /** 0 = no limit. */
  limitPerUser: number;
  /** 0 = always runs. */
  minQuantity: number;
}

/**
 * Creates a 'draft' batch. Rules (else INVALID_INPUT): opensAt < cutoffAt <
 * end of pickupDate (Shanghai); products exist, are active and appear once;
 * 1..200 items. `requestId` (8..64 url-safe chars) makes a retried create answer the same batch.
 */
export interface BatchCreateInput {
  requestId?: string;
  title: string;
  /** ISO instants. */
  opensAt: string;
  cutoffAt: string;
  pickupDate: string;
  items: BatchItemInput[];
}

export interface BatchDetail {
  batch: BatchAdminView;
  items: BatchItemAdminView[];
}

/** Only while draft: changes price, stock, limit, minimum; INVALID_STATE otherwise. */
export interface BatchItemUpdateInput {
  batchItemId: string;
  priceFen?: number;
  originalPriceFen?: number;
  stock?: number;
  limitPerUser?: number;
  minQuantity?: number;
}

export interface SuggestInput {
  productIds: string[];
  pickupDate: string;
}
export interface StockSuggestion {
  productId: string;
  /** Forecast units for the day (sum over pickup points). */
  forecast: number;
  /** Stock to prepare: Σ ceil(point forecast × 1.2). 0 without history. */
  suggestedStock: number;
  /** Past batches (last 8 weeks) the product sold in. */
  observations: number;
}

// ---- orders / after-sales ----
export interface OrderSearchInput extends PageInput {
  batchId?: string;
  status?: OrderStatus;
  pickupPointId?: string;
  orderNo?: string;
  /** Last 4 digits of the buyer's phone. */
  phoneTail?: string;
}

export interface AdminOrderView {
  _id: string;
  orderNo: string;
  openid: string;
  buyerName?: string;
  /** Masked, e.g. 138****0001. */
  buyerPhone?: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  status: OrderStatus;
  lines: Array<{
    batchItemId: string;
    productId: string;
    title: string;
    unit: string;
    priceFen: number;
    qty: number;
    amountFen: number;
    refundedQty: number;
    refundedFen: number;
    pickedQty: number;
  }>;
  totalFen: number;
  paidFen: number;
  refundedFen: number;
  createdAt: string;
  paidAt?: string;
  history?: Array<{ status: OrderStatus; at: string; note?: string }>;
}

/** Refunds lines of a paid order (core/usecases/refund/by-admin). Make outRefundNo once per decision (1..64 of [A-Za-z0-9_|*@-]); a retry with the same one is the same refund. */
export interface OrderRefundInput {
  orderId: string;
  lines: Array<{ batchItemId: string; qty: number }>;
  reason: string;
  outRefundNo: string;
}

export interface RefundResult {
  _id: string;
  orderId: string;
  refundFee: number;
  /** requested → pending (accepted by WeChat Pay) → success | failed. */
  status: string;
}

export interface AfterSaleAdminView {
  _id: string;
  orderId: string;
  orderNo: string;
  openid: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  lines: Array<{ batchItemId: string; title: string; qty: number; refundFen: number }>;
  refundFen: number;
  reason: string;
  description: string;
  photos: string[];
  status: AfterSaleStatus;
  createdAt: string;
  reviewedAt?: string;
  reviewReason?: string;
  /** Set on approval: `as-<afterSaleId>`, the refund's out_refund_no. */
  outRefundNo?: string;
}

/**
 * pending → rejected (approve false), or → approved → refunded: the refund of
 * refundLines (default: the requested lines; each ≤ what was requested) with
 * out_refund_no `as-<id>`. Approving again after a failed refund retries the same refund.
 */
export interface AfterSaleReviewInput {
  id: string;
  approve: boolean;
  refundLines?: Array<{ batchItemId: string; qty: number }>;
  /** 1..100 characters. */
  reason: string;
}

/** The notices outbox written by the leader functions; shown as stored. */
export interface NoticeView {
  _id: string;
  [field: string]: unknown;
}

// ---- settings ----
export interface Warehouse {
  name: string;
  address?: string;
  /** [longitude, latitude] */
  location: [number, number];
}

export interface AdminSettings {
  /** Subscribe-message template ids by purpose: e.g. pickupReady, orderPaid, refund, afterSale. */
  templates: Record<string, string>;
  /** Where delivery routes start; null until set (routes then start at the points' centre). */
  warehouse: Warehouse | null;
}
export interface SettingsSaveInput {
  /** Keys [A-Za-z0-9_]{1,32}; values ≤ 128 chars ('' removes). Merged into the stored ids. */
  templates?: Record<string, string>;
  warehouse?: Warehouse;
}

// ---- supply (cut-off documents) ----
export interface SupplyRunInput {
  batchId: string;
  /** Start over even if a run finished (a finished run is otherwise recomputed too; an interrupted one resumes). */
  restart?: boolean;
}

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
    amountFen: number;
    /** Order lines behind it. */
    lineCount: number;
  }>;
  totalQty: number;
  totalAmountFen: number;
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

interface Action<I, O> {
  input: I;
  output: O;
}
type None = Record<string, never>;

export interface AdminApi {
  dashboard: Action<DashboardInput, Dashboard>;

  'suppliers.list': Action<PageInput, Paged<SupplierView>>;
  'suppliers.save': Action<SupplierSaveInput, SupplierView>;
  /** INVALID_STATE while products reference it. */
  'suppliers.remove': Action<{ id: string }, { removed: boolean }>;
  /** Makes a registered user this supplier's account (adds the role). */
  'suppliers.bindUser': Action<{ supplierId: string; openid: string }, { openid: string; supplierId: string }>;

  'categories.list': Action<None, CategoryView[]>;
  'categories.save': Action<CategorySaveInput, CategoryView>;
  'categories.remove': Action<{ id: string }, { removed: boolean }>;

  /** [supplier] */
  'products.list': Action<ProductListInput, Paged<ProductView>>;
  /** [supplier] */
  'products.get': Action<{ id: string }, ProductView>;
  /** [supplier] */
  'products.save': Action<ProductSaveInput, ProductView>;
  /** pending → active (approve) or rejected (reason shown to the supplier). */
  'products.review': Action<{ id: string; approve: boolean; reason?: string }, ProductView>;
  /** active ⇄ disabled. */
  'products.setStatus': Action<{ id: string; status: 'active' | 'disabled' }, ProductView>;

  'batches.list': Action<PageInput & { status?: BatchStatus }, Paged<BatchAdminView>>;
  'batches.get': Action<{ id: string }, BatchDetail>;
  'batches.create': Action<BatchCreateInput, BatchDetail>;
  'batches.suggest': Action<SuggestInput, StockSuggestion[]>;
  /** draft → open (items follow). Repeating on an open batch re-syncs its items. */
  'batches.open': Action<{ id: string }, BatchDetail>;
  /**
   * open → cutoff (selling stops now: cutoffAt moves to now if later), cutoff →
   * closed (done), draft → closed (discarded). Items follow.
   */
  'batches.close': Action<{ id: string }, BatchDetail>;
  'batches.items.update': Action<BatchItemUpdateInput, BatchItemAdminView>;
  /** While open: stock += add (1..100000), atomically. */
  'batches.items.topUp': Action<{ batchItemId: string; add: number }, BatchItemAdminView>;

  'orders.search': Action<OrderSearchInput, Paged<AdminOrderView>>;
  'orders.get': Action<{ id: string }, AdminOrderView>;
  'orders.refund': Action<OrderRefundInput, RefundResult>;

  'afterSales.list': Action<PageInput & { status?: AfterSaleStatus }, Paged<AfterSaleAdminView>>;
  'afterSales.review': Action<AfterSaleReviewInput, AfterSaleAdminView>;

  /** Newest first. */
  'notices.list': Action<PageInput & { status?: string }, Paged<NoticeView>>;

  'settings.get': Action<None, AdminSettings>;
  'settings.save': Action<SettingsSaveInput, AdminSettings>;

  /** Runs (or resumes) the cut-off for a batch in status cutoff/closed with no unpaid orders; INVALID_STATE otherwise. */
  'supply.run': Action<SupplyRunInput, SupplyStatus>;
  'supply.status': Action<{ batchId: string }, SupplyStatus>;
  /** [supplier] A supplier gets only their own. */
  'purchaseOrders.list': Action<{ batchId: string }, PurchaseOrderView[]>;
  /** Sorted by route sequence, then point id; lines included. pageSize ≤ 100 (a batch may have thousands of points). */
  'packingLists.list': Action<{ batchId: string } & PageInput, Paged<PackingListView>>;
  'packingLists.get': Action<{ batchId: string; pickupPointId: string }, PackingListView>;
  'routes.get': Action<{ batchId: string }, DeliveryRouteView>;
}

export type AdminAction = keyof AdminApi & string;
export type AdminInput<A extends AdminAction> = AdminApi[A]['input'];
export type AdminOutput<A extends AdminAction> = AdminApi[A]['output'];
