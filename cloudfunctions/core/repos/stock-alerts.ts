import type { StockAlertView } from '../../../typings/contracts/admin/batches';
import { cmd, collection } from './db';

/** collection `stockAlerts`, _id `<batchItemId>|<crossing>`: inserting it is the one alert of that crossing. */
export type StockAlertDoc = Omit<StockAlertView, 'createdAt' | 'readAt'> & { createdAt: Date; readAt?: Date };

const alerts = () => collection('stockAlerts');

/** False when this crossing's alert exists already (a tick that ran twice). */
export const insertAlertOnce = (doc: StockAlertDoc) => alerts().creating(() => alerts().insertOnce(doc));

/** Newest first; unread: only those nobody has read. A fresh environment has none. */
export const alertsPage = (unread: boolean, page: { page: number; pageSize: number }) =>
  alerts().orNothing(
    () =>
      alerts().page(unread ? { readAt: cmd.exists(false) } : {}, {
        orderBy: [
          ['createdAt', 'desc'],
          ['_id', 'asc'],
        ],
        ...page,
      }),
    { items: [], total: 0 },
  );

export const markAlertsRead = (ids: string[], at: Date) =>
  alerts().orNothing(() => alerts().update({ _id: cmd.in(ids), readAt: cmd.exists(false) }, { readAt: at }), 0);
