import type { SupplyStatus } from '../../../../typings/contracts/admin/supply';
import { fail } from '../../domain/errors';
import { reached, type CutoffStage } from '../../domain/supply/pipeline';
import { now } from '../../infra/clock';
import { pipelineOf, startPipeline, supplyJobOf } from '../../repos/jobs';
import { unpaidCountOf } from '../../repos/orders';
import { SchedulerBudget } from '../scheduler/budget';
import { emptyPipelineReport, runPipeline } from '../scheduler/pipeline';
import { statusOf } from './job';
import { aggregateOrders, batchOrFail, writeDocuments, type SupplyCall } from './run';

export interface SupplyRunOptions extends Omit<SupplyCall, 'rerun' | 'job'> {
  /** Stop between pages once this many ms have passed (leave a margin under the function timeout). */
  budgetMs: number;
}

async function notYet(batchId: string, stage: CutoffStage): Promise<never> {
  if (stage === 'minimums')
    throw fail.state('未达起订量商品的退款还未全部发起，起订量结算完成后才能生成采购单，请稍后再试');
  const unpaid = await unpaidCountOf(batchId);
  throw fail.state(
    unpaid
      ? `还有 ${unpaid} 个未支付订单，待其支付或超时取消后再汇总`
      : '截单流程还在进行，起订量结算完成后才能生成采购单，请稍后再试',
  );
}

/**
 * 生成采购单 by hand (the console's supply.run; the supply function's run for
 * scripts): the batch's cut-off pipeline, run now instead of at the next
 * scheduler tick, so the documents come in the same order and from the same
 * settled quantities as the scheduler's. It refuses (INVALID_STATE) while a
 * stage before the aggregate cannot finish yet: unpaid orders still in their
 * payment window, minimum refunds not all requested. Once the pipeline is done,
 * a run writes the documents again from the orders as they are now (after
 * refunds, a rerun drops what is no longer bought); `restart` starts the
 * aggregate over; a run cut short by its budget or page cap resumes.
 */
export async function runSupply(batchId: string, opts: SupplyRunOptions): Promise<SupplyStatus> {
  const batch = await batchOrFail(batchId);
  if (batch.status !== 'cutoff' && batch.status !== 'closed') throw fail.state('团期未截单，不能生成采购单');
  const { budgetMs, ...call } = opts;
  const budget = new SchedulerBudget(budgetMs);
  // A batch cut off before it had a pipeline gets one now; its cut-off stage finds it cut off already.
  await startPipeline(batchId, now());
  const before = (await pipelineOf(batchId))?.stage ?? 'cutoff';
  const supply: SupplyCall = { ...call, rerun: before === 'done' };
  const stage = await runPipeline(batchId, budget, emptyPipelineReport(), { supply });
  if (!reached(stage, 'aggregate')) return notYet(batchId, stage);
  if (before === 'done' && (await aggregateOrders(batchId, supply, budget)).phase === 'writing')
    await writeDocuments(batchId, supply);
  return statusOf(batchId, supply.job ?? (await supplyJobOf(batchId)));
}
