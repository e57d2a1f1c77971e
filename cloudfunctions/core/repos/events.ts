import type { EventType } from '../../../typings/contracts/events';
import { cmd, collection } from './db';

/** One stored event: what the mini-program sent, the Shanghai day it counts on, and when it arrived. */
export interface StoredEvent {
  type: EventType;
  batchId?: string;
  batchItemId?: string;
  leaderId?: string;
  at: Date;
}

/**
 * Behaviour events (collection `events`): one document per resident per minute
 * (`<openid>|<YYYYMMDDHHmm>`) holding that minute's events, so a flush is one
 * write and the per-minute cap is a guard on the same document.
 */
export interface EventBucket {
  _id: string;
  openid: string;
  /** Shanghai day 'YYYY-MM-DD' of the minute. */
  day: string;
  count: number;
  events: StoredEvent[];
  updatedAt: Date;
}

const events = () => collection('events');

/**
 * Appends `list` to the resident's bucket for this minute if it stays within
 * `cap` events: a guarded update, or the insert that starts the bucket.
 * false: the minute's cap would be passed (nothing stored).
 */
export async function appendEvents(
  bucket: Omit<EventBucket, 'count' | 'events' | 'updatedAt'>,
  list: StoredEvent[],
  cap: number,
  at: Date,
): Promise<boolean> {
  if (list.length > cap) return false;
  const push = { events: cmd.push({ each: list }), count: cmd.inc(list.length), updatedAt: at };
  const guard = { _id: bucket._id, count: cmd.lte(cap - list.length) };
  if ((await events().update(guard, push)) > 0) return true;
  const inserted = await events().creating(() =>
    events().insertOnce({ ...bucket, count: list.length, events: list, updatedAt: at }),
  );
  if (inserted) return list.length <= cap;
  // Someone started the bucket between the two calls: one more guarded try.
  return (await events().update(guard, push)) > 0;
}

/** Distinct residents per event type per day in [fromDay, toDay], optionally of one batch. */
export async function residentsPerDayAndType(
  fromDay: string,
  toDay: string,
  batchId: string | undefined,
): Promise<Array<{ day: string; type: EventType; residents: number }>> {
  const $ = cmd.aggregate;
  const match = batchId ? { 'events.batchId': batchId } : {};
  const rows = await events().orNothing(
    async () =>
      (
        (await events()
          .raw.aggregate()
          .match({ day: cmd.and(cmd.gte(fromDay), cmd.lte(toDay)) })
          .unwind('$events')
          .match(match)
          .group({ _id: { day: '$day', type: '$events.type', openid: '$openid' } })
          .group({ _id: { day: '$_id.day', type: '$_id.type' }, residents: $.sum(1) })
          .limit(10_000)
          .end()) as { list: Array<{ _id: { day: string; type: EventType }; residents: number }> }
      ).list,
    [],
  );
  return rows.map((r) => ({ day: r._id.day, type: r._id.type, residents: r.residents }));
}

/** Distinct residents who opened a share of each leader in [fromDay, toDay]. */
export async function shareOpensPerLeader(fromDay: string, toDay: string): Promise<Map<string, number>> {
  const $ = cmd.aggregate;
  const rows = await events().orNothing(
    async () =>
      (
        (await events()
          .raw.aggregate()
          .match({ day: cmd.and(cmd.gte(fromDay), cmd.lte(toDay)) })
          .unwind('$events')
          .match({ 'events.type': 'share_open' })
          .group({ _id: { leaderId: '$events.leaderId', openid: '$openid' } })
          .group({ _id: '$_id.leaderId', residents: $.sum(1) })
          .limit(10_000)
          .end()) as { list: Array<{ _id: string | null; residents: number }> }
      ).list,
    [],
  );
  return new Map(rows.filter((r) => r._id).map((r) => [r._id as string, r.residents]));
}
