/**
 * Documents as stored in the cloud database. Money is integer fen; times are
 * Date objects (UTC instants); business days are Asia/Shanghai dates 'YYYY-MM-DD'.
 */
export type Role = 'resident' | 'leader' | 'admin' | 'supplier';

export interface User {
  _id: string; // = openid
  nickname?: string;
  /** Avatar: a cloud storage fileID (chooseAvatar's file, uploaded by the mini-program). */
  avatar?: string;
  /** Mainland number without country code, from phonenumber.getPhoneNumber (never from input). */
  phone?: string;
  roles: Role[];
  /** CloudBase uid of the web console account bound to this user (admins, suppliers). */
  consoleUid?: string;
  /** The pickup point the resident collects at; set from the first leader share, changeable. */
  pickupPointId?: string;
  /** The leader whose share brought the resident in (attribution, first visit only). */
  referrerLeaderId?: string;
  /** For role 'supplier': the supplier this account acts for (set by an admin, never from input). */
  supplierId?: string;
  createdAt: Date;
  updatedAt?: Date;
}

export type LeaderStatus = 'pending' | 'active' | 'disabled';

/** 团长: runs one pickup point; shares carry the leader's _id, never the openid. */
export interface Leader {
  _id: string;
  openid: string;
  name: string;
  phone?: string;
  pickupPointId: string;
  status: LeaderStatus;
  createdAt: Date;
}

/** GeoJSON point, [longitude, latitude] (what db.Geo.Point stores). */
export interface GeoPoint {
  type: 'Point';
  coordinates: [number, number];
}

/** 自提点: where residents collect; only active points take orders. */
export interface PickupPoint {
  _id: string;
  name: string;
  address: string;
  location: GeoPoint;
  /** Opening hours as shown, e.g. '08:00-21:00'. */
  hours: string;
  leaderId: string;
  active: boolean;
}

export interface Category {
  _id: string;
  name: string;
  /** Leader commission in basis points of the paid line amount (1000 = 10%). */
  commissionBps: number;
  sort: number;
}

export interface Supplier {
  _id: string;
  name: string;
  contact?: string;
  phone?: string;
}

export interface Product {
  _id: string;
  title: string;
  categoryId: string;
  supplierId: string;
  unit: string; // 份, 斤, 袋 ...
  images: string[];
  description?: string;
  /**
   * 供货价: what the supplier asks per unit, in fen (the supplier's submission or the admin
   * sets it). A new batch item starts from it; residents never see it.
   */
  costFen?: number;
  /** Missing = 'active' (demo data). A supplier's create/edit goes to 'pending' until an admin reviews it. */
  status?: 'active' | 'pending' | 'rejected' | 'disabled';
  reviewReason?: string;
  /** 产地, e.g. 山东寿光 (typings/product-info.ts has the limits). */
  origin?: string;
  /** 资质/检测报告 pictures: at most 6 fileIDs. */
  certImages?: string[];
  /** 保质期 as a resident reads it: '7天', '冷藏 21 天', '12个月'. */
  shelfLife?: string;
  /** 储存方式. */
  storage?: ProductStorage;
  /** 坏品包赔: the platform's promise (BAD_GOODS_PROMISE) applies to this product. */
  badGoodsCover?: boolean;
  updatedAt?: Date;
}

/** 储存方式: 常温 / 冷藏 / 冷冻. */
export type StorageMode = 'ambient' | 'chilled' | 'frozen';
export interface ProductStorage {
  mode: StorageMode;
  /** e.g. '0-4℃，开封后尽快食用'. */
  note?: string;
}

export type BatchStatus = 'draft' | 'open' | 'cutoff' | 'closed';

/** 团期: one selling window with a pickup day. */
export interface Batch {
  _id: string;
  title: string;
  status: BatchStatus;
  opensAt: Date;
  cutoffAt: Date;
  /** Asia/Shanghai date the goods are picked up. */
  pickupDate: string;
  /** Set by the scheduler once minimum-quantity refunds are settled after cut-off. */
  minimumsSettledAt?: Date;
  /** Set when the supply run (purchase orders, packing lists, route) finished. */
  supplyDoneAt?: Date;
  createdAt?: Date;
}

export interface BatchItem {
  _id: string;
  batchId: string;
  productId: string;
  title: string;
  image?: string;
  unit: string;
  categoryId: string;
  supplierId: string;
  priceFen: number;
  originalPriceFen: number;
  /**
   * 成本价: what the platform pays the supplier per unit (from the product's costFen
   * or set by the admin); purchase orders are priced with it. Missing on items made
   * before cost prices existed: their purchase-order lines say 成本待定. Never shown to residents.
   */
  costFen?: number;
  /** Units still available; only ever changed by a guarded $inc. */
  stock: number;
  /** Units sold (paid or reserved by unpaid orders): always the sum of `held`. */
  sold: number;
  /**
   * Units ever put on sale: the opening stock plus top-ups. Every write keeps
   * stock + sold = initialStock; the reconciliation timer checks it.
   */
  initialStock?: number;
  /**
   * Live reservations by reservation id (Order.reservationId): what each order
   * took, written by the same guarded update that takes the stock and removed by
   * the one that gives it back, so a release happens once and a reservation whose
   * release failed can be found and given back later (scheduler reconcile).
   */
  held?: Record<string, StockHold>;
  /** Units each resident holds of a limited item (openid → qty), moved with the stock: "每人限购". */
  heldBy?: Record<string, number>;
  /** Per-resident limit for this item in this batch; 0 = no limit. */
  limitPerUser: number;
  /** Minimum total quantity for the item to run; below it at cut-off, buyers are refunded. */
  minQuantity: number;
  sort: number;
  /**
   * The batch's status and selling window, copied onto each item so that
   * ordering needs no read of the batch (one round trip less) and the stock
   * update can guard on them. Whoever changes a batch updates its items too.
   */
  batchStatus: BatchStatus;
  opensAt: Date;
  cutoffAt: Date;
  /** When the admin last accepted a markdown (a lower price while selling; orders made keep theirs). */
  markedDownAt?: Date;
  /** Set by the scheduler after cut-off: below minQuantity, the item does not run and buyers are refunded. */
  notRunning?: boolean;
  /** The paid quantity the minimum check read (set with notRunning). */
  paidQtyAtCutoff?: number;
  /** Set once every buyer of an item that did not run has had a refund requested. */
  minimumRefundedAt?: Date;
  /** Times a top-up lifted it back above the low-stock line (each crossing under it alerts once). */
  lowStockCrossings?: number;
  /** The admin was alerted (stockAlerts) for the current crossing. */
  lowStockAlerted?: boolean;
  /** 拼团: a group price for `size` residents within `minutes` (set while the batch is a draft). */
  groupDeal?: GroupDealTerms;
}

/** 拼团 terms of a batch item (rules: cloudfunctions/core/domain/group-deal.ts). */
export interface GroupDealTerms {
  /** What each member pays per unit, integer fen, below the item's price. */
  priceFen: number;
  /** Residents needed, opener included. */
  size: number;
  /** How long the group stays open after the opener paid. */
  minutes: number;
}

/** One order's units of one item, kept on the item until they are given back. */
export interface StockHold {
  qty: number;
  openid: string;
  /** The units count against the resident's limit (heldBy). */
  limited: boolean;
  at: Date;
}

export type OrderStatus = 'pending_payment' | 'paid' | 'cancelled' | 'arrived' | 'picked_up' | 'refunding' | 'refunded';

export interface OrderLine {
  batchItemId: string;
  productId: string;
  title: string;
  image?: string;
  unit: string;
  categoryId: string;
  supplierId: string;
  priceFen: number;
  qty: number;
  /** What the resident pays for the line: priceFen × qty − discountFen. Refunds and commission are shares of it. */
  amountFen: number;
  /** The order's coupons' and points' share of this line (missing = 0): amountFen + discountFen = priceFen × qty. */
  discountFen?: number;
  /** Of discountFen, what points paid (missing = 0); a refund of the line gives back its share of them. */
  pointsFen?: number;
  /** Quantity refunded so far (shortage, damage, after-sales, minimum not reached). */
  refundedQty: number;
  refundedFen: number;
  /** Units under after-sale requests still pending or approved (missing on older orders = 0). */
  claimedQty?: number;
  pickedQty: number;
  /** This line raised the resident's counter on the item (it had a limit), so a cancel lowers it. */
  countedInLimit: boolean;
}

/**
 * 发货信息录入 of an order that has ended (picked up, or closed by the no-show
 * rule): pending (to upload), uploading (claimed by one caller), uploaded,
 * failed (the timer retries), none (nothing was handed over: no upload).
 */
export interface OrderShipping {
  status: 'pending' | 'uploading' | 'uploaded' | 'failed' | 'none';
  at: Date;
  /** The goods the upload names (item_desc), fixed when the order ended. */
  itemDesc?: string;
  errCode?: number;
  attempts?: number;
}

export interface StatusChange {
  status: OrderStatus;
  at: Date;
  note?: string;
}

export interface Order {
  _id: string;
  /** Stable short number shown to people and used as WeChat Pay out_trade_no. */
  orderNo: string;
  openid: string;
  /** The client's idempotency key: a retried create returns the same order. */
  clientRequestId: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  lines: OrderLine[];
  totalFen: number;
  paidFen: number;
  refundedFen: number;
  status: OrderStatus;
  history: StatusChange[];
  /** The key of this order's holds on its items (BatchItem.held), drawn per create attempt. */
  reservationId?: string;
  /**
   * sha256 of batchId|pickupPointId|code, unique per batch and point, so a leader's
   * typed code finds the order. The code itself is kept only encrypted
   * (pickupCodeCipher) and shown to nobody but the order's owner.
   */
  pickupKey?: string;
  pickupCodeCipher?: string;
  payDeadline: Date;
  createdAt: Date;
  paidAt?: Date;
  transactionId?: string;
  cancelledAt?: Date;
  cancelReason?: string;
  shipping?: OrderShipping;
  /** A paid order the resident cancelled before cut-off: claimed once, then stock given back and all refunded. */
  cancelClaimedAt?: Date;
  /** 拼团: the group (groupDeals) this order is a member of; its one line is priced at the group price. */
  groupId?: string;
  /** The claimed coupon this order used (given back if the order is cancelled); its discount is spread on the lines. */
  coupon?: OrderCoupon;
  /** The 团长券 this order used (alone, or with `coupon` when the admin allows stacking): charged to its leader once paid. */
  leaderCoupon?: OrderCoupon;
  /** Points spent on this order (their fen spread on the lines as pointsFen), at the rate of the moment. */
  points?: OrderPoints;
}

export interface OrderPoints {
  used: number;
  fen: number;
}

export interface OrderCoupon {
  /** The resident's claimed copy (couponClaims _id). */
  claimId: string;
  couponId: string;
  title: string;
  discountFen: number;
  /** 团长券: the leader who funds the discount. */
  leaderId?: string;
}

export type AfterSaleStatus = 'pending' | 'approved' | 'rejected' | 'refunded';

export interface AfterSaleLine {
  batchItemId: string;
  title: string;
  qty: number;
  /** Refund this line asks for: price × qty, capped by what the line can still refund. */
  refundFen: number;
}

/** 售后申请: a resident's request, reviewed by an admin (admin side comes later). */
export interface AfterSale {
  _id: string;
  orderId: string;
  orderNo: string;
  openid: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  lines: AfterSaleLine[];
  refundFen: number;
  reason: string;
  description: string;
  /** cloud:// fileIDs uploaded by the resident. */
  photos: string[];
  status: AfterSaleStatus;
  createdAt: Date;
  reviewedAt?: Date;
  reviewedBy?: string;
  reviewReason?: string;
  /** The refund's out_refund_no once approved. */
  outRefundNo?: string;
}
