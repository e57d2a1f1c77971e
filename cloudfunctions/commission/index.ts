import { commission } from '../../typings/contracts/commission';
import { callContext, isTimerCall } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { reconcileCommissions } from '../core/usecases/commission/reconcile';
import { commissionActions } from './actions';

/** Leaves a margin under the 60 s timeout (config.json) for the order in flight. */
const BUDGET_MS = 45_000;

const handle = createHandler(commission, commissionActions, callContext);

/**
 * commission: the leader's money (summary, ledger, withdrawals, stats) and, on the
 * timer, the reconciliation that makes the ledger match the orders. A timer event
 * from the mini-program (it carries an OPENID) is treated as an action call and
 * answered UNKNOWN_ACTION, so residents cannot drive the job.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimerCall(event)) {
    const report = await reconcileCommissions(BUDGET_MS);
    console.log('[commission]', JSON.stringify(report));
    return { ok: true, data: report };
  }
  return handle(event);
}
