import { catalog } from '../../typings/contracts/catalog';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { catalogActions } from './actions';

export const main = createHandler(catalog, catalogActions, callContext);
