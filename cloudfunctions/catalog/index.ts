import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { catalogActions } from './actions';

export const main = createHandler(catalogActions, callContext);
