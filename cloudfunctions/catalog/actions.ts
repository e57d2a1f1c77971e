import { z } from 'zod';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import { id } from '../core/infra/schemas';
import { itemDetail, listBatches, listItems } from '../core/usecases/catalog/browse';

export const catalogActions = {
  /** Open batches and the ones about to open, with serverNow for countdowns. */
  batches: action(z.object({}), async (_input, ctx) => {
    requireOpenid(ctx);
    return listBatches(now());
  }),
  /** A batch's items with live stock and the caller's remaining limit. */
  items: action(z.object({ batchId: id }), async ({ batchId }, ctx) => listItems(requireOpenid(ctx), batchId, now())),
  item: action(z.object({ batchItemId: id }), async ({ batchItemId }, ctx) =>
    itemDetail(requireOpenid(ctx), batchItemId, now()),
  ),
};
