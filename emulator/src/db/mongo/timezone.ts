import { fail } from './values';

/**
 * MongoDB's timezone argument: an Olson identifier ("Asia/Shanghai", "UTC",
 * "GMT") or a UTC offset "+/-hh:mm", "+/-hhmm", "+/-hh"
 * (https://www.mongodb.com/docs/v4.0/reference/operator/aggregation/dateToString/).
 * Olson names come from the ICU time zone data of Node's Intl; MongoDB's
 * lookup is case-sensitive, so a name must be written as the tz database
 * writes it.
 */
export interface TimeZone {
  /** Offset from UTC in minutes at the instant `ms` (UTC milliseconds). */
  offsetAt(ms: number): number;
  /** Offset in minutes for a wall-clock time `localMs` (wall clock read as if it were UTC). */
  offsetForLocal(localMs: number): number;
}

export const UTC: TimeZone = { offsetAt: () => 0, offsetForLocal: () => 0 };

const OFFSET = /^([+-])(\d{2})(?::?(\d{2}))?$/;
const zones = new Map<string, TimeZone>();

function fixed(minutes: number): TimeZone {
  return { offsetAt: () => minutes, offsetForLocal: () => minutes };
}

function olson(name: string): TimeZone | undefined {
  let fmt: Intl.DateTimeFormat;
  try {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return undefined;
  }
  const offsetAt = (ms: number) => {
    const parts: Record<string, string> = {};
    for (const p of fmt.formatToParts(new Date(Math.floor(ms / 1000) * 1000))) parts[p.type] = p.value;
    let year = Number(parts.year);
    if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
    const local = new Date(0);
    local.setUTCFullYear(year, Number(parts.month) - 1, Number(parts.day));
    local.setUTCHours(Number(parts.hour), Number(parts.minute), Number(parts.second), 0);
    return Math.round((local.getTime() - Math.floor(ms / 1000) * 1000) / 60000);
  };
  return {
    offsetAt,
    offsetForLocal: (localMs) => {
      const first = offsetAt(localMs - offsetAt(localMs) * 60000);
      return offsetAt(localMs - first * 60000);
    },
  };
}

/** Case as the tz database writes names: each part starts upper case (Etc/GMT+8, America/Port-au-Prince). */
function wellCased(name: string): boolean {
  const known = (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone');
  if (known?.includes(name)) return true;
  return name.split('/').every((part) => /^[A-Z]/.test(part));
}

/** Parse a timezone argument (already a string); unknown ones are refused as MongoDB does. */
export function parseTimeZone(id: string): TimeZone {
  const cached = zones.get(id);
  if (cached) return cached;
  let tz: TimeZone | undefined;
  const m = OFFSET.exec(id);
  if (m) {
    const hours = Number(m[2]);
    const minutes = Number(m[3] ?? 0);
    if (hours <= 23 && minutes <= 59) tz = fixed((m[1] === '-' ? -1 : 1) * (hours * 60 + minutes));
  } else if (/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(id) && wellCased(id)) {
    tz = olson(id);
  }
  if (!tz) return fail(`unrecognized time zone identifier: "${id}"`);
  zones.set(id, tz);
  return tz;
}

export interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday */
  weekday: number;
  /** 1-366 */
  dayOfYear: number;
  isoWeekYear: number;
  isoWeek: number;
  /** 1 = Monday … 7 = Sunday */
  isoDayOfWeek: number;
  /** Weeks begin on Sunday; days before the first Sunday are week 0 (strftime %U). */
  week: number;
  /** Offset from UTC in minutes. */
  offset: number;
}

const DAY = 86400000;

function utcDate(year: number, month0: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0, day);
  return d.getTime();
}

/** Monday of ISO week 1 of `year` (UTC ms of a wall-clock day). */
function isoWeekOneMonday(year: number): number {
  const jan4 = utcDate(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - dow * DAY;
}

export function partsOf(date: Date, tz: TimeZone): DateParts {
  const offset = tz.offsetAt(date.getTime());
  const local = new Date(date.getTime() + offset * 60000);
  const year = local.getUTCFullYear();
  const dayStart = utcDate(year, local.getUTCMonth(), local.getUTCDate());
  const dayOfYear = Math.round((dayStart - utcDate(year, 0, 1)) / DAY) + 1;
  const weekday = local.getUTCDay();
  const isoDayOfWeek = weekday === 0 ? 7 : weekday;
  let isoWeekYear = year;
  if (dayStart < isoWeekOneMonday(year)) isoWeekYear = year - 1;
  else if (dayStart >= isoWeekOneMonday(year + 1)) isoWeekYear = year + 1;
  const isoWeek = Math.floor((dayStart - isoWeekOneMonday(isoWeekYear)) / (7 * DAY)) + 1;
  return {
    year,
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    millisecond: local.getUTCMilliseconds(),
    weekday,
    dayOfYear,
    isoWeekYear,
    isoWeek,
    isoDayOfWeek,
    week: Math.floor((dayOfYear - 1 + 7 - weekday) / 7),
    offset,
  };
}

/** A wall-clock time in `tz` to a Date; out-of-range parts carry over (MongoDB 4.0 $dateFromParts). */
export function fromParts(
  tz: TimeZone,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const local = utcDate(year, month - 1, day) + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  return new Date(local - tz.offsetForLocal(local) * 60000);
}

/** ISO week date (isoWeekYear, isoWeek, isoDayOfWeek) in `tz` to a Date. */
export function fromIsoParts(
  tz: TimeZone,
  isoWeekYear: number,
  isoWeek: number,
  isoDayOfWeek: number,
  hour = 0,
  minute = 0,
  second = 0,
  millisecond = 0,
): Date {
  const day = isoWeekOneMonday(isoWeekYear) + ((isoWeek - 1) * 7 + (isoDayOfWeek - 1)) * DAY;
  const local = day + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
  return new Date(local - tz.offsetForLocal(local) * 60000);
}
