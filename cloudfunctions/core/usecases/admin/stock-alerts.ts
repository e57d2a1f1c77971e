import type { Paged } from '../../../../typings/contracts/admin/common';
import type { StockAlertView } from '../../../../typings/contracts/admin/batches';
import { isLowStock } from '../../domain/low-stock';
import { markLowStockAlerted, rearmLowStock, sellingItems } from '../../repos/batch-items';
import { batchesByIds } from '../../repos/batches';
import { alertsPage, insertAlertOnce, markAlertsRead, type StockAlertDoc } from '../../repos/stock-alerts';
import { compact, iso, paged, type PageInput } from './common';

/**
 * The scheduler's low-stock pass over the items of open batches: an item under
 * the line that has not alerted for this crossing gets one alert (its _id
 * `<item>|<crossing>` makes a doubled tick insert nothing), and an item back above
 * the line (a top-up, cancelled orders) is re-armed for its next crossing.
 * Answers how many alerts were raised.
 */
export async function raiseLowStockAlerts(at: Date): Promise<number> {
  const items = await sellingItems();
  for (const i of items) if (i.lowStockAlerted && !isLowStock(i)) await rearmLowStock(i._id);
  const due = items.filter((i) => !i.lowStockAlerted && isLowStock(i));
  if (!due.length) return 0;
  const batches = await batchesByIds(due.map((i) => i.batchId));
  let raised = 0;
  for (const i of due) {
    const alert: StockAlertDoc = {
      _id: `${i._id}|${i.lowStockCrossings ?? 0}`,
      batchItemId: i._id,
      batchId: i.batchId,
      batchTitle: batches.get(i.batchId)?.title ?? i.batchId,
      title: i.title,
      stock: i.stock,
      sold: i.sold,
      createdAt: at,
    };
    if (await insertAlertOnce(alert)) raised++;
    await markLowStockAlerted(i._id);
  }
  return raised;
}

const alertView = (a: StockAlertDoc): StockAlertView =>
  compact({ ...a, createdAt: iso(a.createdAt) as string, readAt: iso(a.readAt) });

export async function listStockAlerts(input: PageInput & { unread?: boolean }): Promise<Paged<StockAlertView>> {
  return paged(await alertsPage(!!input.unread, input), input, alertView);
}

export const readStockAlerts = async (ids: string[], at: Date) => ({ read: await markAlertsRead(ids, at) });
