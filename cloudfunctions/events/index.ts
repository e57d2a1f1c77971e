import { events } from '../../typings/contracts/events';
import { callContext } from '../core/infra/cloud';
import { createHandler } from '../core/infra/handler';
import { eventsActions } from './actions';

/** events: the mini-program's behaviour events, in batches (see typings/contracts/events.ts). */
export const main = createHandler(events, eventsActions, callContext);
