import { callFunction } from '../lib/transport';

export const userService = {
  me: () => callFunction('user', 'me', {}),
  /** Attribution: leaderId from a share path or the 小程序码 scene (the server parses it). */
  enter: (input: { leaderId?: string; scene?: string }) => callFunction('user', 'enter', input),
  choosePickupPoint: (pickupPointId: string) => callFunction('user', 'choosePickupPoint', { pickupPointId }),
  pickupPoints: () => callFunction('user', 'pickupPoints', {}),
};
