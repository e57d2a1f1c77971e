/**
 * The leader area (团长): applications, pickup points, sharing, the leader tab
 * (checklist, SKU totals, arrival, verification), pickup notices, no-shows and
 * training: the stored documents and what the actions answer. The actions and
 * their inputs are in typings/contracts/leader.ts, notify.ts and admin/leaders.ts.
 * Times are ISO strings on the wire, money integer fen. Import type only.
 */
import type { GeoPoint, OrderStatus } from './models';

// ───────────────────────── stored documents ─────────────────────────

export type ApplicationStatus = 'pending' | 'approved' | 'rejected';

/**
 * collection `leaderApplications`. _id = `<openid>#<n>`, n = how many earlier
 * applications the user made, so two parallel applies collide on the _id and a
 * user never has two pending applications.
 */
export interface LeaderApplication {
  _id: string;
  openid: string;
  name: string;
  phone: string;
  address: string;
  /** Shown to residents as the pickup point's name. */
  pointName: string;
  location: GeoPoint;
  hours: string;
  /** cloud:// fileID of the storefront photo. */
  photo: string;
  status: ApplicationStatus;
  /** Why it was rejected (required when rejecting). */
  reason?: string;
  createdAt: Date;
  reviewedAt?: Date;
  reviewedBy?: string;
  /** Set on approval. */
  leaderId?: string;
  pickupPointId?: string;
}

/** Fields this area adds to a `leaders` document. */
export interface LeaderExtras {
  /** The cached share poster (小程序码), one per leader. */
  poster?: { fileID: string; scene: string; createdAt: Date };
  applicationId?: string;
}

/**
 * collection `arrivals`, _id = `<batchId>|<pickupPointId>`: one confirmation per
 * batch and point. The shortage plan is written before any refund, so a run cut
 * short is finished by the next call from the stored plan (never re-planned).
 */
export interface ArrivalRecord {
  _id: string;
  batchId: string;
  pickupPointId: string;
  leaderId: string;
  lines: Array<{
    batchItemId: string;
    orderedQty: number;
    receivedQty: number;
    damagedQty: number;
    /** The leader's photos of the shortage or damage (cloud fileIDs). */
    photos?: string[];
  }>;
  refunds: ShortageRefund[];
  /** planned: refunds/notices in progress; done: finished. */
  status: 'planned' | 'done';
  createdAt: Date;
  doneAt?: Date;
  arrivedOrders?: number;
  noticesSent?: number;
  noticesFailed?: number;
}

export interface ShortageRefund {
  orderId: string;
  orderNo: string;
  openid: string;
  batchItemId: string;
  qty: number;
  fen: number;
  /** Deterministic per order + item + arrival (core/domain/leader-shortage.ts arrivalRefundNo). */
  outRefundNo: string;
  /** requested → the refund use case accepted it; failed → WeChat Pay refused (see error). */
  state?: 'requested' | 'failed';
  error?: string;
}

export type ChargebackReason = 'shortage' | 'damage';

/**
 * A chargeback's life: open (counts against the supplier) → disputed by the
 * supplier → upheld (counts again) or waived (never counts) by the admin.
 * Missing = open (chargebacks from before disputes existed).
 */
export type ChargebackStatus = 'open' | 'disputed' | 'upheld' | 'waived';

/**
 * collection `chargebacks`: what a supplier owes for units residents were refunded.
 * _id = `<batchId>|<pickupPointId>|<batchItemId>|<reason>`. amountFen = qty × the
 * item's cost price (unitCostFen; null and 0 when the item has none yet).
 */
export interface Chargeback {
  _id: string;
  supplierId: string;
  batchId: string;
  batchItemId: string;
  pickupPointId: string;
  leaderId: string;
  title: string;
  qty: number;
  unitCostFen?: number | null;
  amountFen: number;
  reason: ChargebackReason;
  /** The leader's photos of the item at arrival (fileIDs), shown to the supplier. */
  photos?: string[];
  createdAt: Date;
  status?: ChargebackStatus;
  /** The supplier's side, when it disputes. */
  disputeReason?: string;
  disputedAt?: Date;
  /** The admin's decision on a dispute; an upheld chargeback counts from decidedAt on. */
  decidedAt?: Date;
  decisionReason?: string;
}

/** Which subscribe message a notice is (the one list: typings/notices.ts MESSAGE_TEMPLATES). */
export type { NoticeKind } from './notices';
import type { NoticeKind } from './notices';
export type NoticeStatus = 'pending' | 'sent' | 'failed';

/**
 * collection `notices` (outbox). _id = `<kind>|<orderId>` for pickup notices and
 * reminders, `refund|<outRefundNo>` for refund notices: inserting it is the
 * claim to send, so one notice per order and kind (per refund) is ever sent.
 */
export interface NoticeRecord {
  _id: string;
  kind: NoticeKind;
  orderId: string;
  orderNo: string;
  /** Refund notices: the refund (out_refund_no) it tells of. */
  refundNo?: string;
  openid: string;
  batchId: string;
  pickupPointId: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: NoticeStatus;
  /** no_consent: no remaining consent recorded, nothing was sent; refused: WeChat answered 43101; error: other errcode. */
  reason?: 'no_consent' | 'refused' | 'error';
  errCode?: number;
  createdAt: Date;
  sentAt?: Date;
}

/** collection `subscriptions`, _id = `<openid>|<templateId>`: one-time consents left. */
export interface SubscriptionRecord {
  _id: string;
  openid: string;
  templateId: string;
  remaining: number;
  updatedAt: Date;
}

export type NoShowAction = 'keep' | 'restock' | 'refund';

/**
 * collection `settings`, _id 'noShow'. The pickup deadline is the end of the
 * batch's pickupDate (24:00 Asia/Shanghai). `remindHoursBefore` before it, residents
 * with goods still waiting get one reminder; `graceHours` after it, the rule is
 * applied once per order:
 * - keep: nothing changes but the order is marked as a no-show (goods wait);
 * - restock: the unpicked units go back (batchItems.restockedQty += units), no refund;
 * - refund: the unpicked units are refunded through the refund use case
 *   (outRefundNo `<orderNo>-ns-<hash(batchItemId)>`).
 * Default when no document: {action: 'keep', graceHours: 24, remindHoursBefore: 4}.
 */
export interface NoShowSettings {
  _id: 'noShow';
  action: NoShowAction;
  graceHours: number;
  remindHoursBefore: number;
  updatedAt?: Date;
  updatedBy?: string;
}

/**
 * collection `settings`, _id 'messageTemplates' (kept by the console: admin
 * settings.save {templates}): the subscribe-message template ids by purpose,
 * keyed as typings/notices.ts MESSAGE_TEMPLATES (pickupReady, pickupReminder,
 * refundDone); without one, its env var (PICKUP_TEMPLATE_ID, REMINDER_TEMPLATE_ID,
 * REFUND_TEMPLATE_ID; the local cloud sets the TPL_* development ids). Neither:
 * arrival and reminders refuse with MISCONFIGURED, a refund is not told. The
 * pickup templates use the keywords thing1 商品 (≤ 20 chars), thing2 自提点 (≤ 20),
 * character_string3 订单号 (≤ 32 ASCII), thing4 温馨提示 (≤ 20); the refund
 * template character_string1 订单号, amount2 退款金额 (¥12.34), thing3 退款原因,
 * time4 退款时间; values are cut to the keyword's limit ('…' marks a cut).
 */
export interface NotifySettings {
  _id: 'messageTemplates';
  templates?: {
    pickupReady?: string;
    pickupReminder?: string;
    refundDone?: string;
    [purpose: string]: string | undefined;
  };
}

/** collection `trainings`. */
export interface TrainingDoc {
  _id: string;
  title: string;
  body: string;
  url?: string;
  publishedAt: Date;
  publishedBy: string;
}

// ───────────────────────── leader function (residents + leaders) ─────────────────────────

export interface ApplicationView {
  _id: string;
  name: string;
  /** The full phone only to its owner and admins. */
  phone: string;
  address: string;
  pointName: string;
  location: { lat: number; lng: number };
  hours: string;
  photo: string;
  /** Admin view only: a temporary URL of the photo. */
  photoUrl?: string;
  status: ApplicationStatus;
  reason?: string;
  createdAt: string;
  reviewedAt?: string;
  leaderId?: string;
  pickupPointId?: string;
  openid?: string;
}

/** leader.nearbyPoints: nearest active points first. */
export interface NearbyPoint {
  _id: string;
  name: string;
  address: string;
  hours: string;
  leaderId: string;
  /** [longitude, latitude] */
  location: [number, number];
  /** Meters, rounded. */
  distanceM: number;
}

/** leader.shareInfo */
export interface ShareInfo {
  leaderId: string;
  /** Who and where, for the day poster's foot. */
  leaderName: string;
  pointName: string;
  pointAddress: string;
  /** '/pages/home/index?leaderId=<id>&batchId=<id>' for onShareAppMessage. */
  path: string;
  title: string;
  /** 'l=<leaderId>' (≤ 32 chars), what user.enter reads from the 小程序码. */
  scene: string;
  /** The poster's cloud fileID; the same on every call (cached per leader). */
  posterFileID: string;
  posterUrl?: string;
}

/**
 * leader.batches: the batches a leader works on: status open, cutoff or closed
 * with a pickupDate from 7 days ago (Asia/Shanghai) on, newest pickupDate first,
 * at most 10. An 'open' batch whose cut-off has passed (the scheduler has not run
 * yet) is answered as 'cutoff'.
 */
export interface LeaderBatch {
  _id: string;
  title: string;
  status: 'open' | 'cutoff' | 'closed';
  opensAt: string;
  cutoffAt: string;
  /** Asia/Shanghai 'YYYY-MM-DD'. */
  pickupDate: string;
  /** Orders to hand out at the caller's point: paid, arrived or picked up. */
  orderCount: number;
  /** The caller's point confirmed the arrival of this batch. */
  arrivalConfirmed: boolean;
}

export interface LeaderBatchesResult {
  serverNow: string;
  batches: LeaderBatch[];
  /**
   * The batch to show by default ('' when none): the cut-off/closed batch picked
   * up today (Shanghai) or on the nearest pickup day to come, else the latest one
   * picked up in the last 7 days, else the open batch that cuts off first (else
   * the next to open).
   */
  workingBatchId: string;
}

/**
 * leader.checklist.
 * Compact on purpose (a 500-order checklist stays well under 100 KB): residents are
 * paged (oldest first order first); items are listed once per page and lines point
 * at them by index.
 */
export interface ChecklistResult {
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** Items referenced by the lines: [batchItemId, title, unit]. */
  it: Array<[string, string, string]>;
  r: ChecklistResident[];
}

export interface ChecklistResident {
  /** Nickname ('' when unknown). */
  n: string;
  /** Last 4 digits of the phone, '' when unknown. Never the full phone. */
  t: string;
  /** 1 when every order of the resident is picked up. */
  d: 0 | 1;
  o: ChecklistOrder[];
}

export interface ChecklistOrder {
  /** Order _id */
  id: string;
  /** orderNo */
  no: string;
  s: OrderStatus;
  /** [item index in `it`, qty, picked, refunded] */
  l: Array<[number, number, number, number]>;
}

/** leader.skuTotals: units to receive per item at the caller's point. */
export interface SkuTotalsResult {
  batchId: string;
  arrivalConfirmed: boolean;
  items: Array<{
    batchItemId: string;
    title: string;
    unit: string;
    /** Units ordered and paid, net of refunds. */
    qty: number;
    picked: number;
    orders: number;
  }>;
}

/**
 * Shortage rule (core/domain/leader-shortage.ts): per item, shortfall =
 * ordered − (received − damaged), when positive. It is taken from the LATEST
 * orders first (createdAt desc, then _id desc), whole units, each order giving
 * up to all it holds of the item, until the shortfall is covered. Each order +
 * item gets one refund through core/usecases/refund/lines.ts with outRefundNo
 * `<orderNo>-ar-<sha256(batchItemId)[0..12]>`. The supplier is charged back per
 * item: the part of the shortfall the delivery missed (ordered − received) as
 * 'shortage', the rest as 'damage', at the selling price. Items not listed count as
 * received in full.
 */
export interface ConfirmArrivalResult {
  /** False when the arrival was confirmed before: nothing new was refunded or sent. */
  confirmed: boolean;
  arrivedOrders: number;
  refunds: Array<{ orderNo: string; batchItemId: string; qty: number; fen: number; state: string }>;
  /** What goes back to the supplier, in units (the amounts are at cost: the supplier's and the platform's business). */
  chargebacks: Array<{
    batchItemId: string;
    supplierId: string;
    qty: number;
    reason: ChargebackReason;
  }>;
  noticesSent: number;
  noticesFailed: number;
}

/** leader.unnotified: residents the pickup notice did not reach (remind them in the group). */
export interface UnnotifiedResult {
  items: Array<{ nickname: string; phoneTail: string; orderNo: string; reason: string; kind: NoticeKind }>;
}

/** leader.verify: a whole or partial pickup. */
export interface VerifyResult {
  orderId: string;
  orderNo: string;
  status: OrderStatus;
  nickname: string;
  /** Units marked picked by THIS call (0 when it was all picked before). */
  pickedNow: number;
  alreadyPicked: boolean;
  lines: Array<{ batchItemId: string; title: string; qty: number; picked: number; refunded: number }>;
  /** Shipping info (self-pickup) upload, once the order is picked up. */
  shipping?: { status: 'uploaded' | 'failed'; errCode?: number };
}

/** leader.training */
export interface TrainingView {
  _id: string;
  title: string;
  body: string;
  url?: string;
  publishedAt: string;
}

// ───────────────────────── notify function (residents) ─────────────────────────

/**
 * notify.recordSubscriptions: the consents left per template once what
 * wx.requestSubscribeMessage answered is recorded (each 'accept' adds one).
 */
export interface RecordSubscriptionsResult {
  remaining: Record<string, number>;
}

// ───────────────────────── admin (console) ─────────────────────────

/** admin leaders.list: a leader, their point and their sales. */
export interface LeaderSummary {
  _id: string;
  name: string;
  /** Full phone (admins only). */
  phone?: string;
  status: string;
  pickupPointId: string;
  pointName: string;
  pointActive: boolean;
  /** Over all batches, or the given batch. */
  orders: number;
  pickedUp: number;
  salesFen: number;
  refundedFen: number;
}
