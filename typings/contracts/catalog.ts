import { z } from 'zod';
import type { BatchesResult, ItemDetail, ItemsResult } from '../api';
import { contract, type Input } from './define';
import { id } from './shapes';

/** catalog: what residents browse (any caller with an OPENID). */
export const catalog = {
  /** Open batches and the ones about to open, with serverNow for countdowns. */
  batches: contract(z.object({})).answers<BatchesResult>(),
  /** A batch's items with live stock and the caller's remaining limit. */
  items: contract(z.object({ batchId: id.meta({ label: '团期' }) })).answers<ItemsResult>(),
  item: contract(z.object({ batchItemId: id.meta({ label: '商品' }) })).answers<ItemDetail>(),
};

export type ItemsInput = Input<typeof catalog.items>;
