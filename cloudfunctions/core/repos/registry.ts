import type { StatementView } from '../../../typings/contracts/admin/settlement';
import type { CommissionOrder } from './commission-orders';
import type { CouponBudgetDoc, CouponClaimDoc, CouponDoc } from './coupons';
import type { LeaderBalance } from './leader-balances';
import type { LedgerDoc } from './ledger';
import type { WithdrawalDoc } from './withdrawals';
import type { JobDoc } from './jobs';
import type { SettingsDoc } from './settings';
import type { RecommendationModelDoc } from './recommendations';
import type { EventBucket } from './events';
import type { StockAlertDoc } from './stock-alerts';
import type { ReviewDoc } from './reviews';
import type { PosterCodeDoc } from './poster-codes';
import type { GroupDealDoc } from './group-deals';
import type { InviteCodeDoc, ReferralDoc } from './referrals';
import type { PointsBalance, PointsEntry, PointsOrder } from '../domain/points';
import type { DeliveryRouteView, PackingListView, PurchaseOrderView } from '../../../typings/contracts/admin/supply';
import type { PaymentRecord, RefundRecord } from '../domain/pay-records';
import type {
  ArrivalRecord,
  Chargeback,
  LeaderApplication,
  NoticeRecord,
  SubscriptionRecord,
  TrainingDoc,
} from '../../../typings/leader';
import type {
  AfterSale,
  Batch,
  BatchItem,
  Category,
  Leader,
  Order,
  PickupPoint,
  Product,
  Supplier,
  User,
} from '../../../typings/models';

/** A stored document whose shape is owned by the repository that writes it. */
export interface Doc {
  _id: string;
  [field: string]: unknown;
}

/**
 * Every collection (database/collections.json lists the same names, and a test
 * keeps the two equal) and the type of its documents.
 */
export interface Docs {
  users: User;
  leaders: Leader;
  pickupPoints: PickupPoint;
  categories: Category;
  suppliers: Supplier;
  products: Product;
  batches: Batch;
  batchItems: BatchItem;
  orders: Order;
  payments: PaymentRecord;
  refunds: RefundRecord;
  afterSales: AfterSale;
  commissionLedger: LedgerDoc;
  withdrawals: WithdrawalDoc;
  subscriptions: SubscriptionRecord;
  notices: NoticeRecord;
  purchaseOrders: PurchaseOrderView;
  packingLists: PackingListView;
  deliveryRoutes: DeliveryRouteView;
  jobs: JobDoc;
  settings: SettingsDoc;
  commissionOrders: CommissionOrder;
  leaderBalances: LeaderBalance;
  leaderApplications: LeaderApplication;
  arrivals: ArrivalRecord;
  chargebacks: Chargeback;
  trainings: TrainingDoc;
  recommendations: RecommendationModelDoc;
  events: EventBucket;
  stockAlerts: StockAlertDoc;
  statements: StatementView;
  reviews: ReviewDoc;
  pointsLedger: PointsEntry;
  pointsBalances: PointsBalance;
  pointsOrders: PointsOrder;
  posterCodes: PosterCodeDoc;
  groupDeals: GroupDealDoc;
  coupons: CouponDoc;
  couponClaims: CouponClaimDoc;
  inviteCodes: InviteCodeDoc;
  referrals: ReferralDoc;
  couponBudgets: CouponBudgetDoc;
}

/** The registry at run time, checked against database/collections.json by test/unit/collections.test.ts. */
export const COLLECTION_NAMES = {
  users: true,
  leaders: true,
  pickupPoints: true,
  categories: true,
  suppliers: true,
  products: true,
  batches: true,
  batchItems: true,
  orders: true,
  payments: true,
  refunds: true,
  afterSales: true,
  commissionLedger: true,
  withdrawals: true,
  subscriptions: true,
  notices: true,
  purchaseOrders: true,
  packingLists: true,
  deliveryRoutes: true,
  jobs: true,
  settings: true,
  commissionOrders: true,
  leaderBalances: true,
  leaderApplications: true,
  arrivals: true,
  chargebacks: true,
  trainings: true,
  recommendations: true,
  events: true,
  stockAlerts: true,
  statements: true,
  reviews: true,
  posterCodes: true,
  groupDeals: true,
  coupons: true,
  couponClaims: true,
  pointsLedger: true,
  pointsBalances: true,
  pointsOrders: true,
  inviteCodes: true,
  referrals: true,
  couponBudgets: true,
} satisfies Record<keyof Docs, true>;
