import type { MediaCheckVerdict } from '../../infra/content-check';
import { settlePhotoCheck } from '../../repos/reviews';

/**
 * WeChat's wxa_media_check push: the review photo behind that trace is shown (pass) or never
 * (anything else). A repeated or unknown push changes nothing. The answer tells 消息推送 it
 * arrived ('success'), so it is not sent again.
 */
export async function applyPhotoVerdict(verdict: MediaCheckVerdict): Promise<string> {
  await settlePhotoCheck(verdict.traceId, verdict.pass);
  return 'success';
}
