import * as z from 'zod/mini';
import { contract, label, type Input } from './define';
import { id, instant } from './shapes';

/**
 * What residents do in the mini-program, for the funnel (viewed → carted →
 * ordered → picked up): view of an item, add to cart, checkout opened, order
 * placed, share made, share opened. An event carries no personal data; the
 * function adds the caller's openid from the cloud context.
 */
export const EVENT_TYPES = ['view', 'cart', 'checkout', 'order', 'share', 'share_open'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** At most this many events per call: the mini-program flushes every 10, or when it hides. */
export const MAX_EVENTS_PER_CALL = 50;
/** At most this many events per resident per minute; more are refused (RATE_LIMITED) and nothing is stored. */
export const MAX_EVENTS_PER_MINUTE = 200;

const event = z.object({
  type: label(z.enum(EVENT_TYPES), '事件类型'),
  batchId: z.optional(label(id, '团期')),
  batchItemId: z.optional(label(id, '商品')),
  /** The leader whose share was opened or made (share, share_open). */
  leaderId: z.optional(label(id, '团长')),
  /** When it happened on the phone (its clock; the server keeps its own receipt time too). */
  at: label(instant, '时间'),
});

export interface TrackResult {
  /** Events stored by this call. */
  stored: number;
}

/** events: one function takes the mini-program's queued events in batches. */
export const events = {
  track: contract(() =>
    z.object({
      events: label(z.array(event).check(z.minLength(1), z.maxLength(MAX_EVENTS_PER_CALL)), '事件'),
    }),
  ).answers<TrackResult>(),
};

export type TrackedEvent = Input<typeof events.track>['events'][number];
