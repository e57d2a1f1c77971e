import * as z from 'zod/mini';
import { contract, label } from '../define';
import { fen, id } from '../shapes';
import type { BatchItemAdminView } from './batches';

/** One item of an open batch with what pricing suggests for it (never applied by itself). */
export interface PricingSuggestion {
  batchItemId: string;
  productId: string;
  title: string;
  priceFen: number;
  sold: number;
  stock: number;
  /** Share of the selling window gone, 0..1. */
  elapsed: number;
  /** From the product's past batches (batches: how many; 0 = a default of −1.5, r2: fit). */
  elasticity: { value: number; batches: number; r2: number | null };
  /** Units expected sold by cut-off at today's price, and left over. */
  projectedSold: number;
  projectedLeftover: number;
  /** A markdown when the item will not sell out; null otherwise. */
  markdown: { priceFen: number; expectedSold: number } | null;
}

export const pricing = {
  /** Every item of an open batch, with a markdown suggested for those that will not sell out by cut-off. */
  'pricing.suggestions': contract(() => z.object({ batchId: label(id, '团期') })).answers<PricingSuggestion[]>(),
  /** Accepts a markdown: a lower price for the rest of the selling window (orders made keep their price). */
  'pricing.markdown': contract(() =>
    z.object({ batchItemId: label(id, '团期商品'), priceFen: label(fen.check(z.gte(1)), '新团购价') }),
  ).answers<BatchItemAdminView>(),
};
