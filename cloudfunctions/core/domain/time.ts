import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

/**
 * Cloud functions run in UTC, but residents live in Asia/Shanghai: business
 * days, cut-offs (23:00) and pickup dates are Shanghai wall-clock. The current
 * instant is always a parameter so tests can pin it.
 */
export const BUSINESS_TZ = 'Asia/Shanghai';
export const DEFAULT_CUTOFF = '23:00';

/** The Shanghai calendar date 'YYYY-MM-DD' of an instant (16:30Z is already tomorrow in Shanghai). */
export function businessDate(at: Date): string {
  return dayjs(at).tz(BUSINESS_TZ).format('YYYY-MM-DD');
}

/** The Shanghai minute of an instant as 'YYYYMMDDHHmm' (a key for per-minute buckets). */
export function businessMinute(at: Date): string {
  return dayjs(at).tz(BUSINESS_TZ).format('YYYYMMDDHHmm');
}

/** The Shanghai wall-clock time of an instant as 'YYYY-MM-DD HH:mm' (what a resident reads). */
export function businessDateTime(at: Date): string {
  return dayjs(at).tz(BUSINESS_TZ).format('YYYY-MM-DD HH:mm');
}

/** The instant of a Shanghai wall-clock time ('HH:mm') on a business date. */
export function businessInstant(date: string, time = DEFAULT_CUTOFF): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time))
    throw new RangeError(`bad date/time ${date} ${time}`);
  return dayjs.tz(`${date} ${time}`, BUSINESS_TZ).toDate();
}

/** Adds days to a business date (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

/** Monday of the (ISO, Monday-first) week of a business date. */
export function mondayOf(date: string): string {
  const weekday = dayjs.utc(date).day(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** Every business date from `from` to `to` inclusive, stopping once there are more than `max`. */
export function datesBetween(from: string, to: string, max: number): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to && dates.length <= max; d = addDays(d, 1)) dates.push(d);
  return dates;
}

/** Goods ordered before a cut-off are picked up the next Shanghai day. */
export function pickupDateFor(cutoffAt: Date): string {
  return addDays(businessDate(cutoffAt), 1);
}

export interface SellingWindow {
  status: string;
  opensAt: Date;
  cutoffAt: Date;
}

export type BatchPhase = 'draft' | 'upcoming' | 'open' | 'closed';

/**
 * Where a batch stands at instant `at`. Only a published ('open') batch sells,
 * from opensAt (inclusive) to cutoffAt (exclusive): at 23:00:00 sharp it is
 * closed. Instants are compared, so the server's UTC clock cannot shift it.
 */
export function batchPhase(batch: SellingWindow, at: Date): BatchPhase {
  if (batch.status === 'draft') return 'draft';
  if (batch.status !== 'open') return 'closed';
  const t = at.getTime();
  if (t < new Date(batch.opensAt).getTime()) return 'upcoming';
  if (t >= new Date(batch.cutoffAt).getTime()) return 'closed';
  return 'open';
}

export function isBatchOpen(batch: SellingWindow, at: Date): boolean {
  return batchPhase(batch, at) === 'open';
}

export function addMinutes(at: Date, minutes: number): Date {
  return new Date(at.getTime() + minutes * 60_000);
}

/** Unpaid orders are cancelled (stock released) after this long. */
export const PAY_WINDOW_MINUTES = 15;
