import { leader } from '../../typings/contracts/leader';
import { callContext, isTimerCall } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { runNoShow } from '../core/usecases/leader/noshow';
import { leaderActions } from './actions';

const handle = createHandler(leader, leaderActions, callContext);

/**
 * leader: the leader tab (checklist, arrival, verification, sharing), the
 * application and nearby points for residents, and the no-show timer
 * (config.json). Only the timer runs the no-show job: a mini-program call has
 * an OPENID and a wx_client source, and is handled as an action.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimerCall(event)) {
    const report = await runNoShow();
    console.log('[leader/noShow]', JSON.stringify(report));
    return { ok: true, data: report };
  }
  return handle(event);
}
