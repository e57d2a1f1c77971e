import * as z from 'zod/mini';
import type { MeResult, PickupPointView } from '../api';
import type { InviteView } from '../referral';
import { contract, label, type Input } from './define';
import { cloudFile, id, text } from './shapes';

/** user: the caller's profile and pickup point. */
export const user = {
  me: contract(() => z.object({})).answers<MeResult>(),
  /**
   * Called on every launch with what the share path (leaderId, and ref: a
   * neighbour's 邀请有礼 code) or 小程序码 (scene ≤ 32 characters) carried. A ref
   * that cannot be bound is ignored (the reason is recorded), never an error.
   */
  enter: contract(() =>
    z.object({
      leaderId: z.optional(label(id, '团长')),
      scene: z.optional(label(z.string().check(z.maxLength(32)), '小程序码参数')),
      ref: z.optional(label(z.string().check(z.trim(), z.maxLength(32)), '邀请码')),
    }),
  ).answers<MeResult>(),
  /** 邀请有礼: the caller's invite code and share path, the rules, and the neighbours they invited. */
  invite: contract(() => z.object({})).answers<InviteView>(),
  choosePickupPoint: contract(() => z.object({ pickupPointId: label(id, '自提点') })).answers<MeResult>(),
  pickupPoints: contract(() => z.object({})).answers<PickupPointView[]>(),
  /** 头像昵称填写: the nickname (checked by msgSecCheck) and/or the uploaded avatar's fileID. */
  updateProfile: contract(() =>
    z
      .object({
        nickname: z.optional(label(text(20), '昵称')),
        avatar: z.optional(label(cloudFile, '头像')),
      })
      .check(z.refine((p) => p.nickname !== undefined || p.avatar !== undefined, '请填写昵称或选择头像')),
  ).answers<MeResult>(),
  /** 手机号快速验证: the code from <button open-type="getPhoneNumber">, redeemed by the function. */
  bindPhone: contract(() =>
    z.object({ code: label(z.string().check(z.trim(), z.minLength(1), z.maxLength(128)), '手机号授权') }),
  ).answers<MeResult>(),
};

export type EnterInput = Input<typeof user.enter>;
