import { callContext, isTimerCall } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { runDueSupply } from '../core/usecases/supply/run';
import { SUPPLY_BUDGET_MS, supplyActions } from './actions';

const handle = createHandler(supplyActions, callContext);

/**
 * supply: purchase orders, packing lists and delivery routes at cut-off. The
 * every-5-minutes timer runs batches the scheduler has cut off and settled
 * (resuming interrupted runs); admins call `run`/`status`. A timer event from
 * a caller with an OPENID is not a timer: it goes through the action table,
 * where it has no action.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (isTimerCall(event)) {
    const report = await runDueSupply(SUPPLY_BUDGET_MS);
    console.log('[supply]', JSON.stringify(report));
    return { ok: true, data: report };
  }
  return handle(event);
}
