import { callFunction } from '../lib/transport';

export const catalogService = {
  batches: () => callFunction('catalog', 'batches', {}),
  items: (batchId: string) => callFunction('catalog', 'items', { batchId }),
  item: (batchItemId: string) => callFunction('catalog', 'item', { batchItemId }),
  banners: () => callFunction('catalog', 'banners', {}),
  recommend: (batchId: string, pickupPointId?: string) =>
    callFunction('catalog', 'recommend', pickupPointId ? { batchId, pickupPointId } : { batchId }),
  /** 生成海报: the item page's 小程序码 for the caller's leader, and that leader's point. */
  posterCode: (batchItemId: string) => callFunction('catalog', 'posterCode', { batchItemId }),
  /** The item and leader an item poster's scanned scene stands for. */
  posterScene: (scene: string) => callFunction('catalog', 'posterScene', { scene }),
};
