import { config } from '../config';
import { AppError } from '../lib/errors';
import { callFunction } from '../lib/transport';
import type { EnterInput } from '../../typings/contracts/user';

export const userService = {
  me: () => callFunction('user', 'me', {}),
  /** Attribution: leaderId from a share path or the 小程序码 scene (the server parses it), and a neighbour's ref. */
  enter: (input: EnterInput) => callFunction('user', 'enter', input),
  /** 邀请有礼: the caller's invite code, share path, rules and invited neighbours. */
  invite: () => callFunction('user', 'invite', {}),
  choosePickupPoint: (pickupPointId: string) => callFunction('user', 'choosePickupPoint', { pickupPointId }),
  pickupPoints: () => callFunction('user', 'pickupPoints', {}),
  updateProfile: (fields: { nickname?: string; avatar?: string }) => callFunction('user', 'updateProfile', fields),
  bindPhone: (code: string) => callFunction('user', 'bindPhone', { code }),
};

/**
 * Local mode has no WeChat to hand out 手机号快速验证 codes the local cloud can
 * redeem, so the local cloud's gateway plays that part (POST /client/phonenumber).
 */
export function localPhoneCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${config.gatewayUrl}/client/phonenumber?env=${encodeURIComponent(config.env || 'local-env')}`,
      method: 'POST',
      header: { 'content-type': 'application/json', 'X-WX-OPENID': config.localOpenid },
      data: {},
      success: (res) => {
        const code = (res.data as { code?: unknown })?.code;
        if (res.statusCode === 200 && typeof code === 'string') resolve(code);
        else reject(new AppError('NETWORK', `HTTP ${res.statusCode}`));
      },
      fail: (err) => reject(new AppError('NETWORK', err.errMsg)),
    });
  });
}
