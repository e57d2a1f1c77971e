import { z } from 'zod';
import type { MeResult, PickupPointView } from '../api';
import { contract, type Input } from './define';
import { id } from './shapes';

/** user: the caller's profile and pickup point. */
export const user = {
  me: contract(z.object({})).answers<MeResult>(),
  /** Called on every launch with what the share path (leaderId) or 小程序码 (scene ≤ 32 characters) carried. */
  enter: contract(
    z.object({
      leaderId: id.meta({ label: '团长' }).optional(),
      scene: z.string().max(32).meta({ label: '小程序码参数' }).optional(),
    }),
  ).answers<MeResult>(),
  choosePickupPoint: contract(z.object({ pickupPointId: id.meta({ label: '自提点' }) })).answers<MeResult>(),
  pickupPoints: contract(z.object({})).answers<PickupPointView[]>(),
};

export type EnterInput = Input<typeof user.enter>;
