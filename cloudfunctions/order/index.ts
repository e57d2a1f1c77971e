import { order } from '../../typings/contracts/order';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { orderActions } from './actions';

export const main = createHandler(order, orderActions, callContext);
