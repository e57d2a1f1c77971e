import { pointsSettings } from '../../repos/settings';
import { creditPoints } from './ledger';

/**
 * 评价奖励: reviewPoints for the first review of an order (a second submit, a
 * doubled one, or reviewing the other lines later earns nothing more). Best
 * effort: the review is stored whatever happens here.
 */
export async function rewardReview(openid: string, orderId: string, at: Date): Promise<number> {
  try {
    const s = await pointsSettings();
    if (!s.enabled) return 0;
    return await creditPoints(openid, `review:${orderId}`, 'review', s.reviewPoints, at);
  } catch (err) {
    console.error('[points] review reward failed', orderId, err);
    return 0;
  }
}
