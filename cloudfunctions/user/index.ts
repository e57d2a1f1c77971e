import { user } from '../../typings/contracts/user';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { userActions } from './actions';

export const main = createHandler(user, userActions, callContext);
