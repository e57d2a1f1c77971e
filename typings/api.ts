/**
 * What the resident-facing functions answer (inside the envelope's data).
 * Times are ISO strings on the wire; money is integer fen.
 */
import type { AfterSaleStatus, GroupDealTerms, OrderStatus, ProductStorage, Role } from './models';
import type { ItemReviews } from './reviews';

// ---- catalog ----
export type BatchPhase = 'upcoming' | 'open' | 'closed';

export interface BatchView {
  _id: string;
  title: string;
  phase: BatchPhase;
  opensAt: string;
  /** Count down against serverNow, not the phone's clock. */
  cutoffAt: string;
  pickupDate: string;
}

export interface BatchesResult {
  serverNow: string;
  open: BatchView[];
  upcoming: BatchView[];
}

export interface BatchItemView {
  _id: string;
  batchId: string;
  productId: string;
  title: string;
  image?: string;
  unit: string;
  categoryId: string;
  priceFen: number;
  originalPriceFen: number;
  stock: number;
  sold: number;
  limitPerUser: number;
  /** How many more the caller may buy; null = no limit. */
  remainingLimit: number | null;
  minQuantity: number;
  /** 成团, only on an item with a minimum (minQuantity > 0). */
  minimum?: MinimumView;
  soldOut: boolean;
  /** 拼团: open a group at this price for `size` residents within `minutes` (order.create groupDeal). */
  groupDeal?: GroupDealTerms;
  /** Residents who bought it in this batch (paid, not refunded in full), each once: N 位邻居已买. */
  neighbours: number;
}

/** An item's progress toward its minimum, counted as the scheduler counts it at cut-off. */
export interface MinimumView {
  /** Paid units so far (unpaid reservations do not count); after the decision, the quantity it read. */
  paidQty: number;
  /** The scheduler's decision after cut-off; absent until it is made. */
  outcome?: 'ran' | 'not_running';
  /** Not running: every buyer's refund has been asked for. */
  refunded?: boolean;
}

/** A category tab on home: one that has items in the batch. */
export interface CategoryTab {
  _id: string;
  name: string;
}

export interface ItemsResult {
  serverNow: string;
  batch: BatchView;
  items: BatchItemView[];
  /** The categories of these items, in the console's order (home's tabs filter by them). */
  categories: CategoryTab[];
}

/** 猜你喜欢: items of one open batch for the caller, best first. */
export interface Recommendations {
  /** At most 10, all on sale and in stock now. */
  batchItemIds: string[];
  /** history: from the caller's own orders; popular: their point's best sellers; batch: no model yet. */
  basis: 'history' | 'popular' | 'batch';
  /** When the daily model was built (absent before the first one). */
  builtAt?: string;
}

export interface ItemDetail extends BatchItemView {
  images: string[];
  description?: string;
  batch: BatchView;
  // 商品信息 (typings/product-info.ts): each absent when the product never had it.
  origin?: string;
  shelfLife?: string;
  storage?: ProductStorage;
  /** 资质/检测报告 fileIDs (empty when none), for wx.previewImage. */
  certImages: string[];
  /** 坏品包赔: the platform's promise in words, present when the product carries it. */
  badGoodsPromise?: string;
  /** 评价: the product's average, count and newest visible reviews. */
  reviews: ItemReviews;
}

// ---- user ----
export interface PickupPointView {
  _id: string;
  name: string;
  address: string;
  /** [longitude, latitude] */
  location: [number, number];
  hours: string;
  leaderId: string;
}

export interface MeResult {
  openid: string;
  nickname?: string;
  /** Avatar fileID (cloud://…), usable as an <image> src. */
  avatar?: string;
  /** Last 4 digits of the bound phone; the full number never leaves the function. */
  phoneTail?: string;
  roles: Role[];
  /** False until the first `enter` created the user. */
  registered: boolean;
  pickupPoint: PickupPointView | null;
  /** The leader who runs that point (home's header): name, and avatar once they set one. */
  pickupLeader?: { name: string; avatar?: string };
  referrerLeaderId?: string;
  /** Set for leaders: their leader record. */
  leader?: { _id: string; name: string; status: string; pickupPointId: string };
}

// ---- order ----
export interface OrderLineView {
  batchItemId: string;
  title: string;
  image?: string;
  unit: string;
  priceFen: number;
  qty: number;
  /** Paid for the line: priceFen × qty − discountFen. */
  amountFen: number;
  /** The coupon's share of the line (missing without one). */
  discountFen?: number;
  refundedQty: number;
  refundedFen: number;
  pickedQty: number;
  /**
   * Only in `detail`, only on a line whose item did not reach its minimum (未成团): its
   * automatic refund is refunding (asked, WeChat Pay still processing) or refunded (money back).
   */
  notRunning?: 'refunding' | 'refunded';
}

export interface OrderView {
  _id: string;
  orderNo: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  status: OrderStatus;
  lines: OrderLineView[];
  /** What the resident pays: the lines' list amounts − the coupon's discount − the points' fen. */
  totalFen: number;
  /** The coupon used (its discount is spread over the lines); given back if the order is cancelled. */
  coupon?: { claimId: string; title: string; discountFen: number };
  /** The points spent (their fen are spread over the lines); given back if cancelled, their share on a refund. */
  points?: { used: number; fen: number };
  /** The 团长券 used (its discount is spread over the lines too). */
  leaderCoupon?: { claimId: string; title: string; discountFen: number };
  paidFen: number;
  refundedFen: number;
  createdAt: string;
  payDeadline: string;
  paidAt?: string;
  cancelledAt?: string;
  /** 拼团: the group this order is a member of (order.group answers its progress). */
  groupId?: string;
  /** Only in `detail`, only to the owner, only once paid. */
  pickupCode?: string;
  /** Only in `detail`: a paid order whose batch has not cut off yet may be cancelled for a full refund. */
  cancellable?: boolean;
  history?: Array<{ status: OrderStatus; at: string; note?: string }>;
}

/** order.group: a 拼团's progress, for its share card and page (any resident with the share may read it). */
export interface GroupView {
  _id: string;
  batchId: string;
  batchItemId: string;
  title: string;
  image?: string;
  /** The group price and the item's price when the group was opened. */
  priceFen: number;
  listPriceFen: number;
  size: number;
  /** opening: the opener has not paid yet; open: joinable until expiresAt; filled: 已成团; failed: 未成团, refunded. */
  status: 'opening' | 'open' | 'filled' | 'failed';
  paidMembers: number;
  /** 还差 N 人. */
  missing: number;
  expiresAt?: string;
  /** Members holding a seat, opener first: the nickname masked (张**), the avatar fileID. */
  members: Array<{ name: string; avatar?: string; opener: boolean; paid: boolean }>;
  /** The caller holds a seat (their order: myOrderId). */
  joined: boolean;
  myOrderId?: string;
}

/** order.afterSales: one of the resident's after-sale requests as they follow it. */
export interface MyAfterSaleView {
  _id: string;
  orderId: string;
  orderNo: string;
  status: AfterSaleStatus;
  reason: string;
  lines: Array<{ batchItemId: string; title: string; qty: number; refundFen: number }>;
  refundFen: number;
  /** The admin's reason, once reviewed (why it was rejected, or a note on the approval). */
  reviewReason?: string;
  createdAt: string;
  reviewedAt?: string;
}

export interface OrderListResult {
  items: OrderView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface CancelResult {
  /** False when the order was already cancelled (a repeated cancel is harmless). */
  cancelled: boolean;
  order: OrderView;
}

export interface AfterSaleView {
  _id: string;
  orderId: string;
  status: AfterSaleStatus;
  refundFen: number;
  lines: Array<{ batchItemId: string; title: string; qty: number; refundFen: number }>;
  createdAt: string;
}
