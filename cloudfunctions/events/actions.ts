import type { events } from '../../typings/contracts/events';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { track } from '../core/usecases/events/track';

export const eventsActions: ActionTable<typeof events> = {
  track: async (input, ctx) => track(requireOpenid(ctx), input.events, now()),
};
