import type { OrderLine } from '../../../../typings/models';
import { orderDeps, type OrderDeps } from './deps';

/**
 * Gives back stock and limit counters of lines (cancel, failed create). A
 * failed give-back leaves stock unsold, never oversold, so it is logged and
 * the rest continues.
 */
export async function releaseLines(
  openid: string,
  lines: Pick<OrderLine, 'batchItemId' | 'qty' | 'countedInLimit'>[],
  now: Date,
  deps: Pick<OrderDeps, 'batchItems' | 'purchases'> = orderDeps,
): Promise<void> {
  await Promise.all(
    lines.map(async (line) => {
      try {
        const steps: Promise<boolean>[] = [deps.batchItems.returnStock(line.batchItemId, line.qty)];
        if (line.countedInLimit) steps.push(deps.purchases.uncountPurchase(openid, line.batchItemId, line.qty, now));
        const done = await Promise.all(steps);
        if (done.includes(false)) console.error('[release] guard refused', openid, line.batchItemId, line.qty, done);
      } catch (err) {
        console.error('[release] failed, stock left reserved', openid, line.batchItemId, line.qty, err);
      }
    }),
  );
}
