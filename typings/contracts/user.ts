import * as z from 'zod/mini';
import type { MeResult, PickupPointView } from '../api';
import { contract, label, type Input } from './define';
import { id } from './shapes';

/** user: the caller's profile and pickup point. */
export const user = {
  me: contract(() => z.object({})).answers<MeResult>(),
  /** Called on every launch with what the share path (leaderId) or 小程序码 (scene ≤ 32 characters) carried. */
  enter: contract(() =>
    z.object({
      leaderId: z.optional(label(id, '团长')),
      scene: z.optional(label(z.string().check(z.maxLength(32)), '小程序码参数')),
    }),
  ).answers<MeResult>(),
  choosePickupPoint: contract(() => z.object({ pickupPointId: label(id, '自提点') })).answers<MeResult>(),
  pickupPoints: contract(() => z.object({})).answers<PickupPointView[]>(),
};

export type EnterInput = Input<typeof user.enter>;
