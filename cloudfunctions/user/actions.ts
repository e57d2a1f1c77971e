import type { user } from '../../typings/contracts/user';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { choosePickupPoint, enter, listPickupPoints, me } from '../core/usecases/user/profile';

export const userActions: ActionTable<typeof user> = {
  me: async (_input, ctx) => me(requireOpenid(ctx)),
  enter: async (input, ctx) => enter(requireOpenid(ctx), input, now()),
  choosePickupPoint: async ({ pickupPointId }, ctx) => choosePickupPoint(requireOpenid(ctx), pickupPointId, now()),
  pickupPoints: async (_input, ctx) => {
    requireOpenid(ctx);
    return listPickupPoints(now());
  },
};
