/**
 * Every resident-facing action's input and answer (the envelope's data), as one map
 * the mini-program's transport is typed with. Answers come from api.ts; inputs
 * mirror the functions' zod schemas (cloudfunctions/<fn>/actions.ts). Import type only.
 */
import type {
  AfterSaleView,
  BatchesResult,
  CancelResult,
  ItemDetail,
  ItemsResult,
  MeResult,
  OrderListResult,
  OrderView,
  PickupPointView,
} from './api';
import type { OrderStatus } from './models';
import type {
  ApplicationView,
  ApplyInput,
  ChecklistResult,
  ConfirmArrivalInput,
  ConfirmArrivalResult,
  LeaderBatchesResult,
  NearbyPoint,
  RecordSubscriptionsResult,
  ShareInfo,
  SkuTotalsResult,
  TrainingView,
  UnnotifiedResult,
  VerifyResult,
} from './leader';
import type { CommissionApi } from './commission';

export interface RequestedLineInput {
  batchItemId: string;
  qty: number;
}

export interface OrderCreateInput {
  /** 8..64 of [A-Za-z0-9_-], one per checkout attempt: a retried create answers the same order. */
  clientRequestId: string;
  batchId: string;
  /** Defaults to the caller's chosen pickup point. */
  pickupPointId?: string;
  lines: RequestedLineInput[];
}

export interface OrderListInput {
  status?: OrderStatus;
  /** 1-based; pageSize ≤ 20. */
  page: number;
  pageSize: number;
}

export interface AfterSaleInput {
  orderId: string;
  lines: RequestedLineInput[];
  /** ≤ 30 characters, shown to the reviewing admin as is. */
  reason: string;
  description: string;
  /** cloud:// fileIDs, at most 6. */
  photos: string[];
}

/** Exactly what wx.requestPayment takes (cloudfunctions/core/infra/pay-gateway.ts RequestPaymentParams). */
export interface PaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

/** pay.prepare (cloudfunctions/core/usecases/pay/prepare.ts). */
export interface PayPrepareResult {
  orderNo: string;
  totalFen: number;
  payment: PaymentParams;
}

interface Action<I, O> {
  input: I;
  output: O;
}
type None = Record<string, never>;

/** leader.checklist (typings/leader.ts ChecklistResult). */
export interface ChecklistInput {
  batchId: string;
  /** 1-based; pageSize ≤ 50. */
  page: number;
  pageSize: number;
  /** A 6-digit pickup code or a 4-digit phone tail. */
  search?: string;
}

/** leader.verify: without lines everything left is picked up; with lines only those units. */
export interface VerifyInput {
  batchId: string;
  /** The resident's 6-digit pickup code. */
  code: string;
  lines?: RequestedLineInput[];
}

export interface TrainingPage {
  items: TrainingView[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface Api {
  catalog: {
    batches: Action<None, BatchesResult>;
    items: Action<{ batchId: string }, ItemsResult>;
    item: Action<{ batchItemId: string }, ItemDetail>;
  };
  user: {
    me: Action<None, MeResult>;
    /** leaderId from a share path, scene from a 小程序码 (≤ 32 characters). */
    enter: Action<{ leaderId?: string; scene?: string }, MeResult>;
    choosePickupPoint: Action<{ pickupPointId: string }, MeResult>;
    pickupPoints: Action<None, PickupPointView[]>;
  };
  order: {
    create: Action<OrderCreateInput, OrderView>;
    list: Action<OrderListInput, OrderListResult>;
    detail: Action<{ orderId: string }, OrderView>;
    cancel: Action<{ orderId: string }, CancelResult>;
    afterSale: Action<AfterSaleInput, AfterSaleView>;
  };
  pay: {
    prepare: Action<{ orderId: string }, PayPrepareResult>;
  };
  /** typings/leader.ts: the leader area (apply is open to residents, the rest needs an active leader). */
  leader: {
    apply: Action<ApplyInput, ApplicationView>;
    /** The caller's latest application, null when none. */
    myApplication: Action<None, ApplicationView | null>;
    nearbyPoints: Action<{ lat: number; lng: number; limit?: number }, NearbyPoint[]>;
    /** The batches the leader works on (open, cut off, picked up in the last 7 days) and the default one. */
    batches: Action<None, LeaderBatchesResult>;
    shareInfo: Action<{ batchId: string }, ShareInfo>;
    checklist: Action<ChecklistInput, ChecklistResult>;
    skuTotals: Action<{ batchId: string }, SkuTotalsResult>;
    confirmArrival: Action<ConfirmArrivalInput, ConfirmArrivalResult>;
    unnotified: Action<{ batchId: string }, UnnotifiedResult>;
    verify: Action<VerifyInput, VerifyResult>;
    training: Action<{ page: number; pageSize: number }, TrainingPage>;
  };
  /** What wx.requestSubscribeMessage answered, so pickup notices know who consented (typings/leader.ts). */
  notify: {
    templates: Action<None, { templates: Record<'pickup' | 'reminder', string>; remaining: Record<string, number> }>;
    recordSubscriptions: Action<
      { results: Record<string, 'accept' | 'reject' | 'ban' | 'filter'> },
      RecordSubscriptionsResult
    >;
  };
  /** typings/commission.ts: the leader's commission. */
  commission: CommissionApi['commission'];
}

export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> =
  Api[F][A] extends Action<infer I, unknown> ? I : never;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> =
  Api[F][A] extends Action<unknown, infer O> ? O : never;
