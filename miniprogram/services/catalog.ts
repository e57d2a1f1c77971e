import { callFunction } from '../lib/transport';

export const catalogService = {
  batches: () => callFunction('catalog', 'batches', {}),
  items: (batchId: string) => callFunction('catalog', 'items', { batchId }),
  item: (batchItemId: string) => callFunction('catalog', 'item', { batchItemId }),
  recommend: (batchId: string, pickupPointId?: string) =>
    callFunction('catalog', 'recommend', pickupPointId ? { batchId, pickupPointId } : { batchId }),
};
