import { callFunction } from '../lib/transport';
import type { EnterInput } from '../../typings/contracts/user';

export const userService = {
  me: () => callFunction('user', 'me', {}),
  /** Attribution: leaderId from a share path or the 小程序码 scene (the server parses it). */
  enter: (input: EnterInput) => callFunction('user', 'enter', input),
  choosePickupPoint: (pickupPointId: string) => callFunction('user', 'choosePickupPoint', { pickupPointId }),
  pickupPoints: () => callFunction('user', 'pickupPoints', {}),
};
