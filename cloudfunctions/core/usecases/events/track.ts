import { MAX_EVENTS_PER_MINUTE, type TrackedEvent, type TrackResult } from '../../../../typings/contracts/events';
import { fail } from '../../domain/errors';
import { businessDate, businessMinute } from '../../domain/time';
import { appendEvents, type StoredEvent } from '../../repos/events';

/** A phone's clock is believed within this window before receipt (a late flush) and after (skew). */
const PAST_MS = 24 * 3600_000;
const FUTURE_MS = 5 * 60_000;

/**
 * Stores a flush of the caller's events in one write: the bucket of this
 * minute (repos/events.ts), refused whole with RATE_LIMITED when the minute
 * would hold more than MAX_EVENTS_PER_MINUTE. An event's time is the phone's
 * when it is plausible, else the receipt time.
 */
export async function track(openid: string, events: TrackedEvent[], receivedAt: Date): Promise<TrackResult> {
  const list: StoredEvent[] = events.map((e) => {
    const phone = new Date(e.at);
    const delta = phone.getTime() - receivedAt.getTime();
    return {
      type: e.type,
      ...(e.batchId ? { batchId: e.batchId } : {}),
      ...(e.batchItemId ? { batchItemId: e.batchItemId } : {}),
      ...(e.leaderId ? { leaderId: e.leaderId } : {}),
      at: delta >= -PAST_MS && delta <= FUTURE_MS ? phone : receivedAt,
    };
  });
  const bucket = { _id: `${openid}|${businessMinute(receivedAt)}`, openid, day: businessDate(receivedAt) };
  if (!(await appendEvents(bucket, list, MAX_EVENTS_PER_MINUTE, receivedAt)))
    throw fail.rateLimited(`行为记录太频繁：每分钟最多 ${MAX_EVENTS_PER_MINUTE} 条`);
  return { stored: list.length };
}
