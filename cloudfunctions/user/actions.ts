import type { user } from '../../typings/contracts/user';
import { requireOpenid } from '../core/infra/auth';
import { now } from '../core/infra/clock';
import type { ActionTable } from '../core/infra/handler';
import { checkText } from '../core/infra/content-check';
import { phoneNumberByCode } from '../core/infra/wechat';
import { myInvite } from '../core/usecases/referral/invite';
import { choosePickupPoint, enter, listPickupPoints, me, saveProfile } from '../core/usecases/user/profile';

export const userActions: ActionTable<typeof user> = {
  me: async (_input, ctx) => me(requireOpenid(ctx)),
  enter: async (input, ctx) => enter(requireOpenid(ctx), input, now()),
  invite: async (_input, ctx) => myInvite(requireOpenid(ctx), now()),
  choosePickupPoint: async ({ pickupPointId }, ctx) => choosePickupPoint(requireOpenid(ctx), pickupPointId, now()),
  pickupPoints: async (_input, ctx) => {
    requireOpenid(ctx);
    return listPickupPoints(now());
  },
  updateProfile: async ({ nickname, avatar }, ctx) => {
    const openid = requireOpenid(ctx);
    if (nickname) await checkText(openid, nickname);
    return saveProfile(openid, { ...(nickname ? { nickname } : {}), ...(avatar ? { avatar } : {}) }, now());
  },
  bindPhone: async ({ code }, ctx) => {
    const openid = requireOpenid(ctx);
    return saveProfile(openid, { phone: await phoneNumberByCode(code, openid) }, now());
  },
};
