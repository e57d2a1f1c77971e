import type { PackingListView } from '../../../typings/contracts/admin/supply';
import { collection } from './db';

const packingLists = () => collection('packingLists');

/** A batch's packing lists become exactly these (one per pickup point, `<batchId>_<pickupPointId>`). */
export const replacePackingLists = (batchId: string, docs: PackingListView[]) =>
  packingLists().creating(() => packingLists().replaceAll({ batchId }, docs));

/** In route order (the order the van is loaded and the lists are sorted), then by point. */
export function packingListsPage(batchId: string, page: { page: number; pageSize: number }) {
  return packingLists().orNothing(
    () =>
      packingLists().page(
        { batchId },
        {
          orderBy: [
            ['routeSequence', 'asc'],
            ['pickupPointId', 'asc'],
          ],
          ...page,
        },
      ),
    { items: [], total: 0 },
  );
}

export const packingListOf = (batchId: string, pickupPointId: string) =>
  packingLists().orNothing(() => packingLists().byId(`${batchId}_${pickupPointId}`), undefined);

/** Pickup points the batch delivers to (one packing list each). */
export const packingListCount = (batchId: string) =>
  packingLists().orNothing(() => packingLists().count({ batchId }), 0);
