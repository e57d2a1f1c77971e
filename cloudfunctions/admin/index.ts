import { admin } from '../../typings/contracts/admin';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { adminActions } from './actions';

/** The console's function: every action checks the admin (or supplier) role on the server. */
export const main = createHandler(admin, adminActions, callContext);
