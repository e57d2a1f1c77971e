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

/**
 * Distinct residents per group over the events of [fromDay, toDay] that match
 * `match`: each resident counts once per group, however many events they sent.
 * Before the first event the collection does not exist: nothing.
 */
async function residentsPer<K>(
  fromDay: string,
  toDay: string,
  match: object,
  group: Record<string, string>,
): Promise<Array<{ _id: K; residents: number }>> {
  const $ = cmd.aggregate;
  const groupBack = Object.fromEntries(Object.keys(group).map((k) => [k, `$_id.${k}`]));
  return events().orNothing(
    async () =>
      (
        (await events()
          .raw.aggregate()
          .match({ day: cmd.and(cmd.gte(fromDay), cmd.lte(toDay)) })
          .unwind('$events')
          .match(match)
          .group({ _id: { ...group, openid: '$openid' } })
          .group({ _id: groupBack, residents: $.sum(1) })
          .limit(10_000)
          .end()) as { list: Array<{ _id: K; residents: number }> }
      ).list,
    [],
  );
}

/** Distinct residents per event type per day in [fromDay, toDay], optionally of one batch. */
export async function residentsPerDayAndType(
  fromDay: string,
  toDay: string,
  batchId: string | undefined,
): Promise<Array<{ day: string; type: EventType; residents: number }>> {
  const rows = await residentsPer<{ day: string; type: EventType }>(
    fromDay,
    toDay,
    batchId ? { 'events.batchId': batchId } : {},
    { day: '$day', type: '$events.type' },
  );
  return rows.map((r) => ({ day: r._id.day, type: r._id.type, residents: r.residents }));
}

/** Distinct residents who opened a share of each leader in [fromDay, toDay]. */
export async function shareOpensPerLeader(fromDay: string, toDay: string): Promise<Map<string, number>> {
  const rows = await residentsPer<{ leaderId?: string | null }>(
    fromDay,
    toDay,
    { 'events.type': 'share_open' },
    { leaderId: '$events.leaderId' },
  );
  return new Map(rows.filter((r) => r._id.leaderId).map((r) => [r._id.leaderId as string, r.residents]));
}
