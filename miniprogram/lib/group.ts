/**
 * 成团 (an item's minimum to run), as a resident reads it. Pure: the server
 * sends the counts and the scheduler's decision, this turns them into the bar
 * and the sentence. Below the minimum at cut-off the item does not run and
 * every buyer is refunded (cloudfunctions/core/usecases/scheduler/minimums.ts).
 */
import type { BatchItemView } from '../../typings/api';

export interface MinimumInput {
  /** Units the item needs to run; 0 = no minimum. */
  minQuantity: number;
  /** Units counted toward it so far (after the decision: the paid quantity the scheduler read). */
  countedQty: number;
  /** The scheduler's decision after cut-off; absent while it is still open. */
  outcome?: 'ran' | 'not_running';
  /** For an item that did not run: every buyer's refund has been asked for. */
  refunded?: boolean;
  /** The item's unit (件, 斤, 份); 件 when missing. */
  unit?: string;
}

export type MinimumTone = 'gathering' | 'reached' | 'failed';

export interface MinimumProgress {
  /** How full the bar is, 0-100. */
  percent: number;
  label: string;
  tone: MinimumTone;
}

const whole = (n: number): number => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0);

/** The bar and sentence for an item with a minimum; null for an item without one (nothing to show). */
export function minimumProgress(input: MinimumInput): MinimumProgress | null {
  const min = whole(input.minQuantity);
  if (min === 0) return null;
  const counted = whole(input.countedQty);
  const percent = Math.min(100, Math.floor((counted / min) * 100));
  if (input.outcome === 'not_running') return { percent, tone: 'failed', label: notRunningLabel(!!input.refunded) };
  if (input.outcome === 'ran' || counted >= min) return { percent: 100, tone: 'reached', label: '已成团' };
  return { percent, tone: 'gathering', label: `已拼 ${counted}/${min} ${input.unit || '件'} · 未成团自动退款` };
}

/** An item (or an order's line) that did not run, as its refund stands. */
export const notRunningLabel = (refunded: boolean): string => (refunded ? '未成团，已退款' : '未成团，退款中');

/** The bar's colour per tone (van-progress takes it as a prop). */
export const MINIMUM_COLOR: Record<MinimumTone, string> = {
  gathering: '#ff976a',
  reached: '#07c160',
  failed: '#c8c9cc',
};

/** A catalog item's bar, sentence and colour (catalog.items / catalog.item); null without a minimum. */
export function itemMinimum(
  i: Pick<BatchItemView, 'minQuantity' | 'minimum' | 'unit'>,
): (MinimumProgress & { color: string }) | null {
  const m = i.minimum;
  const bar =
    m &&
    minimumProgress({
      minQuantity: i.minQuantity,
      countedQty: m.paidQty,
      outcome: m.outcome,
      refunded: m.refunded,
      unit: i.unit,
    });
  return bar ? { ...bar, color: MINIMUM_COLOR[bar.tone] } : null;
}
