import { supply } from '../../typings/contracts/supply';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { supplyActions } from './actions';

/**
 * supply: purchase orders, packing lists and delivery routes for scripts acting
 * as an admin (`run`, `status`), with knobs to cut a run short. It has no timer:
 * the scheduler's every-minute tick drives each batch's cut-off pipeline, the
 * supply stages included (core/usecases/scheduler/pipeline.ts).
 */
export const main = createHandler(supply, supplyActions, callContext);
