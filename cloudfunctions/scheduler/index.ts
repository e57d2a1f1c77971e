import { isTimerCall } from '../core/infra/cloud';
import { runScheduler } from '../core/usecases/scheduler/run';

/** Leaves a margin under the 60 s timeout (config.json) for the last page in flight. */
const BUDGET_MS = 45_000;

/**
 * scheduler: the every-minute timer and the one driver of the day's jobs:
 * unpaid orders are cancelled, and each batch past its cut-off goes through its
 * pipeline (cut-off → unpaid → minimums → aggregate → documents). Only the timer
 * may run it: a call from the mini-program carries an OPENID and is refused, so
 * residents cannot drive it.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  if (!isTimerCall(event)) return { ok: false, code: 'FORBIDDEN', message: '仅供定时触发器调用' };
  const report = await runScheduler(BUDGET_MS);
  console.log('[scheduler]', JSON.stringify(report));
  return { ok: true, data: report };
}
