import { order } from '../../typings/contracts/order';
import { callContext, isPlatformCall } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { readMediaCheckPush } from '../core/infra/content-check';
import { applyPhotoVerdict } from '../core/usecases/review/photos';
import { orderActions } from './actions';

const handle = createHandler(order, orderActions, callContext);

/**
 * order: the resident's orders and reviews. WeChat's wxa_media_check push (the verdict on a
 * review photo, configured in 消息推送: cloudfunctions/message-push.json) also lands here; only
 * the platform's own call is read as one, anything a client sends goes through the action table.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  const push = isPlatformCall() ? readMediaCheckPush(event) : undefined;
  return push ? applyPhotoVerdict(push) : handle(event);
}
