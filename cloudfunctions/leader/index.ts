import { leader } from '../../typings/contracts/leader';
import { callContext, isTimerCall } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { runNoShow } from '../core/usecases/leader/noshow';
import { retryShipping } from '../core/usecases/leader/shipping';
import { leaderActions } from './actions';

const handle = createHandler(leader, leaderActions, callContext);

/**
 * leader: the leader tab (checklist, arrival, verification, sharing), the
 * application and nearby points for residents, and the no-show timer
 * (config.json), which also uploads shipping info that is pending or failed. Only the timer runs the no-show job: a mini-program call has
 * an OPENID and a wx_client source, and is handled as an action.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimerCall(event)) {
    // No-shows first: the orders they close get their shipping info uploaded in the same run.
    const report = { ...(await runNoShow()), shipping: await retryShipping() };
    console.log('[leader/noShow]', JSON.stringify(report));
    return { ok: true, data: report };
  }
  return handle(event);
}
