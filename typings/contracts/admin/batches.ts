import * as z from 'zod/mini';
import type { BatchItem, BatchStatus } from '../../models';
import { contract, label, type Input, type Parsed } from '../define';
import { day, fen, id, instant, requestId, text } from '../shapes';
import { page, type Paged } from './common';

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

export interface BatchDetail {
  batch: BatchAdminView;
  items: BatchItemAdminView[];
}

export interface StockSuggestion {
  productId: string;
  /** Forecast units for the day (sum over pickup points). */
  forecast: number;
  /** Stock to prepare: Σ ceil(point forecast × 1.2). 0 without history. */
  suggestedStock: number;
  /** Past batches (last 8 weeks) the product sold in. */
  observations: number;
  /**
   * How the forecast did over the last 4 weeks (rolling backtest, one day ahead):
   * mean absolute percentage error (0.12 = 12 %) of the forecast and of the naive
   * guess "same weekday last week", on the `days` both could be judged. null: no such day.
   */
  accuracy: { mape: number | null; naiveMape: number | null; days: number };
}

/** One low-stock alert to the admin: an item of an open batch crossed under the line (domain/low-stock.ts). */
export interface StockAlertView {
  /** `<batchItemId>|<crossing>`: one per item and crossing. */
  _id: string;
  batchItemId: string;
  batchId: string;
  batchTitle: string;
  title: string;
  /** Stock and sold when the alert was raised. */
  stock: number;
  sold: number;
  createdAt: string;
  readAt?: string;
}

const units = z.int().check(z.gte(0), z.lte(1_000_000));
const limitPerUser = z.int().check(z.gte(0), z.lte(999));
const batchId = { id: label(id, '团期') };

/** 拼团 terms: the group price (below 团购价), residents needed (2-50) and minutes (5-1440); checked by domain/group-deal. */
const groupDeal = label(
  z.object({
    priceFen: label(fen.check(z.gte(1)), '拼团价'),
    size: label(z.int(), '成团人数'),
    minutes: label(z.int(), '拼团时限'),
  }),
  '拼团',
);

/** The item fields an admin sets: priceFen ≤ originalPriceFen; limitPerUser 0 = no limit; minQuantity 0 = always runs. */
const itemFields = {
  priceFen: label(fen.check(z.gte(1)), '团购价'),
  originalPriceFen: label(fen.check(z.gte(1)), '原价'),
  stock: label(units, '库存'),
  limitPerUser: label(limitPerUser, '每人限购'),
  minQuantity: label(units, '起订量'),
  /** Missing at create: the product's 供货价. */
  costFen: z.optional(label(fen, '成本价')),
  /** Missing: no 拼团. */
  groupDeal: z.optional(groupDeal),
};

/** 团期: created as drafts, opened, cut off and closed by the console. */
export const batches = {
  'batches.list': contract(() =>
    z.object({ ...page, status: z.optional(label(z.enum(['draft', 'open', 'cutoff', 'closed']), '团期状态')) }),
  ).answers<Paged<BatchAdminView>>(),
  'batches.get': contract(() => z.object(batchId)).answers<BatchDetail>(),
  /**
   * Creates a 'draft' batch. Rules (else INVALID_INPUT): opensAt < cutoffAt < end
   * of pickupDate (Shanghai); products exist, are active and appear once; 1..200
   * items. `requestId` makes a retried create answer the same batch.
   */
  'batches.create': contract(() =>
    z.object({
      requestId: z.optional(label(requestId, '请求编号')),
      title: label(text(40), '团期名称'),
      opensAt: label(instant, '开团时间'),
      cutoffAt: label(instant, '截单时间'),
      pickupDate: label(day, '提货日'),
      items: label(
        z.array(z.object({ productId: label(id, '商品'), ...itemFields })).check(z.minLength(1), z.maxLength(200)),
        '团期商品',
      ),
    }),
  ).answers<BatchDetail>(),
  'batches.suggest': contract(() =>
    z.object({
      productIds: label(z.array(label(id, '商品')).check(z.minLength(1), z.maxLength(200)), '商品'),
      pickupDate: label(day, '提货日'),
    }),
  ).answers<StockSuggestion[]>(),
  /** draft → open (items follow). Repeating on an open batch re-syncs its items. */
  'batches.open': contract(() => z.object(batchId)).answers<BatchDetail>(),
  /**
   * open → cutoff (selling stops now: cutoffAt moves to now if later), cutoff →
   * closed (done), draft → closed (discarded). Items follow.
   */
  'batches.close': contract(() => z.object(batchId)).answers<BatchDetail>(),
  /**
   * Price, stock, limit, minimum and 拼团 (groupDeal; null removes it) only while draft; the cost price until the
   * batch's purchase orders are written (they are priced with it). INVALID_STATE otherwise.
   */
  'batches.items.update': contract(() =>
    z.object({
      batchItemId: label(id, '团期商品'),
      priceFen: z.optional(itemFields.priceFen),
      originalPriceFen: z.optional(itemFields.originalPriceFen),
      stock: z.optional(itemFields.stock),
      limitPerUser: z.optional(itemFields.limitPerUser),
      minQuantity: z.optional(itemFields.minQuantity),
      costFen: itemFields.costFen,
      groupDeal: z.optional(z.nullable(groupDeal)),
    }),
  ).answers<BatchItemAdminView>(),
  /** While open: stock += add, atomically. */
  'batches.items.topUp': contract(() =>
    z.object({
      batchItemId: label(id, '团期商品'),
      add: label(z.int().check(z.gte(1), z.lte(100_000)), '补充库存'),
    }),
  ).answers<BatchItemAdminView>(),
  /**
   * The admin's low-stock alerts, newest first (unread: only those not yet read).
   * The scheduler raises one per item each time its stock crosses under the line
   * (≤ 5 units or ≤ 10% of what it started with); a top-up back above it re-arms it.
   */
  'stockAlerts.list': contract(() => z.object({ ...page, unread: z.optional(label(z.boolean(), '只看未读')) })).answers<
    Paged<StockAlertView>
  >(),
  /** Marks alerts read; answers how many were unread. */
  'stockAlerts.read': contract(() =>
    z.object({ ids: label(z.array(label(id, '库存预警')).check(z.minLength(1), z.maxLength(100)), '库存预警') }),
  ).answers<{ read: number }>(),
};

export type BatchCreateInput = Parsed<(typeof batches)['batches.create']>;
export type BatchItemInput = Input<(typeof batches)['batches.create']>['items'][number];
export type BatchItemUpdateInput = Parsed<(typeof batches)['batches.items.update']>;
