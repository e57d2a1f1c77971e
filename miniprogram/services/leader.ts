import { callFunction } from '../lib/transport';
import type {
  ApplyInput,
  ChecklistInput,
  ConfirmArrivalInput,
  LeaderCouponInput,
  VerifyInput,
} from '../../typings/contracts/leader';

/** The `leader` cloud function (typings/contracts/leader.ts). The server finds the caller's point; no leader id is sent. */
export const leaderService = {
  apply: (input: ApplyInput) => callFunction('leader', 'apply', input),
  myApplication: () => callFunction('leader', 'myApplication', {}),
  /** Active pickup points nearest to the resident first, with distances (any resident may ask). */
  nearbyPoints: (lat: number, lng: number) => callFunction('leader', 'nearbyPoints', { lat, lng, limit: 20 }),
  /** The batches the leader works on and the one to show by default. */
  batches: () => callFunction('leader', 'batches', {}),
  shareInfo: (batchId: string) => callFunction('leader', 'shareInfo', { batchId }),
  checklist: (input: ChecklistInput) => callFunction('leader', 'checklist', input),
  skuTotals: (batchId: string) => callFunction('leader', 'skuTotals', { batchId }),
  confirmArrival: (input: ConfirmArrivalInput) => callFunction('leader', 'confirmArrival', input),
  unnotified: (batchId: string) => callFunction('leader', 'unnotified', { batchId }),
  verify: (input: VerifyInput) => callFunction('leader', 'verify', input),
  training: (page: number, pageSize: number) => callFunction('leader', 'training', { page, pageSize }),
  /** 服务评分: residents' ratings of this leader's service. */
  reviews: (page: number, pageSize: number) => callFunction('leader', 'reviews', { page, pageSize }),
  /** 团长券: the leader's coupons and this month's budget; create one for the residents of the leader's point. */
  coupons: () => callFunction('leader', 'coupons.list', {}),
  createCoupon: (input: LeaderCouponInput) => callFunction('leader', 'coupons.create', input),
};
