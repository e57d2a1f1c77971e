import { notify } from '../../typings/contracts/notify';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { notifyActions } from './actions';

export const main = createHandler(notify, notifyActions, callContext);
