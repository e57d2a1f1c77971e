import { z } from 'zod';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import { action } from '../core/infra/handler';
import { id } from '../core/infra/schemas';
import { choosePickupPoint, enter, listPickupPoints, me } from '../core/usecases/user/profile';

export const userActions = {
  me: action(z.object({}), async (_input, ctx) => me(requireOpenid(ctx))),
  /** Called on every launch with what the share path or 小程序码 carried (scene ≤ 32 chars). */
  enter: action(z.object({ leaderId: id.optional(), scene: z.string().max(32).optional() }), async (input, ctx) =>
    enter(requireOpenid(ctx), input, now()),
  ),
  choosePickupPoint: action(z.object({ pickupPointId: id }), async ({ pickupPointId }, ctx) =>
    choosePickupPoint(requireOpenid(ctx), pickupPointId, now()),
  ),
  pickupPoints: action(z.object({}), async (_input, ctx) => {
    requireOpenid(ctx);
    return listPickupPoints(now());
  }),
};
