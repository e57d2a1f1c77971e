import { z } from 'zod';
import type { BatchItem, BatchStatus } from '../../models';
import { contract, type Input, type Parsed } from '../define';
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
}

const units = z.number().int().min(0).max(1_000_000);
const limitPerUser = z.number().int().min(0).max(999);
const batchId = { id: id.meta({ label: '团期' }) };

/** The item fields an admin sets: priceFen ≤ originalPriceFen; limitPerUser 0 = no limit; minQuantity 0 = always runs. */
const itemFields = {
  priceFen: fen.min(1).meta({ label: '团购价' }),
  originalPriceFen: fen.min(1).meta({ label: '原价' }),
  stock: units.meta({ label: '库存' }),
  limitPerUser: limitPerUser.meta({ label: '每人限购' }),
  minQuantity: units.meta({ label: '起订量' }),
};

/** 团期: created as drafts, opened, cut off and closed by the console. */
export const batches = {
  'batches.list': contract(
    z.object({ ...page, status: z.enum(['draft', 'open', 'cutoff', 'closed']).meta({ label: '团期状态' }).optional() }),
  ).answers<Paged<BatchAdminView>>(),
  'batches.get': contract(z.object(batchId)).answers<BatchDetail>(),
  /**
   * Creates a 'draft' batch. Rules (else INVALID_INPUT): opensAt < cutoffAt < end
   * of pickupDate (Shanghai); products exist, are active and appear once; 1..200
   * items. `requestId` makes a retried create answer the same batch.
   */
  'batches.create': contract(
    z.object({
      requestId: requestId.meta({ label: '请求编号' }).optional(),
      title: text(40).meta({ label: '团期名称' }),
      opensAt: instant.meta({ label: '开团时间' }),
      cutoffAt: instant.meta({ label: '截单时间' }),
      pickupDate: day.meta({ label: '提货日' }),
      items: z
        .array(z.object({ productId: id.meta({ label: '商品' }), ...itemFields }))
        .min(1)
        .max(200)
        .meta({ label: '团期商品' }),
    }),
  ).answers<BatchDetail>(),
  'batches.suggest': contract(
    z.object({
      productIds: z
        .array(id.meta({ label: '商品' }))
        .min(1)
        .max(200)
        .meta({ label: '商品' }),
      pickupDate: day.meta({ label: '提货日' }),
    }),
  ).answers<StockSuggestion[]>(),
  /** draft → open (items follow). Repeating on an open batch re-syncs its items. */
  'batches.open': contract(z.object(batchId)).answers<BatchDetail>(),
  /**
   * open → cutoff (selling stops now: cutoffAt moves to now if later), cutoff →
   * closed (done), draft → closed (discarded). Items follow.
   */
  'batches.close': contract(z.object(batchId)).answers<BatchDetail>(),
  /** Only while draft: changes price, stock, limit, minimum; INVALID_STATE otherwise. */
  'batches.items.update': contract(
    z.object({
      batchItemId: id.meta({ label: '团期商品' }),
      priceFen: itemFields.priceFen.optional(),
      originalPriceFen: itemFields.originalPriceFen.optional(),
      stock: itemFields.stock.optional(),
      limitPerUser: itemFields.limitPerUser.optional(),
      minQuantity: itemFields.minQuantity.optional(),
    }),
  ).answers<BatchItemAdminView>(),
  /** While open: stock += add, atomically. */
  'batches.items.topUp': contract(
    z.object({
      batchItemId: id.meta({ label: '团期商品' }),
      add: z.number().int().min(1).max(100_000).meta({ label: '补充库存' }),
    }),
  ).answers<BatchItemAdminView>(),
};

export type BatchCreateInput = Parsed<(typeof batches)['batches.create']>;
export type BatchItemInput = Input<(typeof batches)['batches.create']>['items'][number];
export type BatchItemUpdateInput = Parsed<(typeof batches)['batches.items.update']>;
