import { evalExpr } from 'mingo/core';
import { fromIsoParts, fromParts, parseTimeZone, partsOf, UTC, type DateParts, type TimeZone } from './timezone';
import { coerceToDate, fail, isIntegral, isPlainObject, nullish, show, toNumber, typeName } from './values';

/**
 * MongoDB 4.0 date expression operators, with MongoDB's argument rules:
 * https://www.mongodb.com/docs/v4.0/reference/operator/aggregation-date/
 * (source: mongo src/mongo/db/pipeline/expression.cpp). Dates are BSON dates,
 * ObjectIds or timestamps; null or missing gives null; a timezone is an
 * Olson name or a UTC offset, and an unknown one is an error.
 */
type Op = (obj: unknown, expr: any, options: any) => unknown;

const ev = (obj: unknown, expr: unknown, options: unknown) => evalExpr(obj, expr, options as never);

/** The timezone argument: undefined → UTC, null result → null (the operator answers null). */
function zoneOf(obj: unknown, expr: unknown, options: unknown): TimeZone | null {
  if (expr === undefined) return UTC;
  const id = ev(obj, expr, options);
  if (nullish(id)) return null;
  if (typeof id !== 'string') return fail(`timezone must evaluate to a string, found ${typeName(id)}`);
  return parseTimeZone(id);
}

function checkKeys(op: string, spec: Record<string, unknown>, allowed: string[], what: string): void {
  for (const key of Object.keys(spec)) {
    if (!allowed.includes(key)) fail(`Unrecognized argument to ${op}: ${key}${what}`);
  }
}

/** $year, $month, …: `<date>`, `[<date>]` or `{date, timezone}`. */
function datePart(op: string, pick: (p: DateParts) => number): Op {
  return (obj, expr, options) => {
    let dateExpr: unknown = expr;
    let tzExpr: unknown;
    if (Array.isArray(expr)) {
      if (expr.length !== 1) fail(`${op} accepts exactly one argument if given an array, but was given ${expr.length}`);
      dateExpr = expr[0];
    } else if (isPlainObject(expr) && !Object.keys(expr)[0]?.startsWith('$')) {
      for (const key of Object.keys(expr)) {
        if (key !== 'date' && key !== 'timezone') fail(`unrecognized option to ${op}: "${key}"`);
      }
      if (!('date' in expr)) fail(`missing 'date' argument to ${op}, provided: ${show(expr)}`);
      dateExpr = expr.date;
      tzExpr = expr.timezone;
    }
    const date = ev(obj, dateExpr, options);
    if (nullish(date)) return null;
    const tz = zoneOf(obj, tzExpr, options);
    if (!tz) return null;
    return pick(partsOf(coerceToDate(date, op), tz));
  };
}

const pad = (n: number, width: number) => (n < 0 ? '-' : '') + String(Math.abs(n)).padStart(width, '0');

/** %-specifiers of $dateToString (MongoDB 4.0). */
const TO_STRING: Record<string, (p: DateParts) => string> = {
  d: (p) => pad(p.day, 2),
  G: (p) => pad(p.isoWeekYear, 4),
  H: (p) => pad(p.hour, 2),
  j: (p) => pad(p.dayOfYear, 3),
  L: (p) => pad(p.millisecond, 3),
  m: (p) => pad(p.month, 2),
  M: (p) => pad(p.minute, 2),
  S: (p) => pad(p.second, 2),
  w: (p) => String(p.weekday + 1),
  u: (p) => String(p.isoDayOfWeek),
  U: (p) => pad(p.week, 2),
  V: (p) => pad(p.isoWeek, 2),
  Y: (p) => pad(p.year, 4),
  z: (p) => (p.offset < 0 ? '-' : '+') + pad(Math.floor(Math.abs(p.offset) / 60), 2) + pad(Math.abs(p.offset) % 60, 2),
  Z: (p) => (p.offset < 0 ? '-' : '+') + String(Math.abs(p.offset)),
  '%': () => '%',
};

function validateFormat(op: string, format: string, allowed: string): void {
  for (let i = 0; i < format.length; i++) {
    if (format[i] !== '%') continue;
    if (i === format.length - 1) fail(`Unmatched '%' at end of ${op} format string`);
    if (!allowed.includes(format[i + 1])) fail(`Invalid format character '%${format[i + 1]}' in format string`);
    i++;
  }
}

const ISO_FORMAT = '%Y-%m-%dT%H:%M:%S.%LZ';

const $dateToString: Op = (obj, expr, options) => {
  const op = '$dateToString';
  if (!isPlainObject(expr)) fail(`${op} only supports an object as its argument`);
  checkKeys(op, expr, ['format', 'date', 'timezone', 'onNull'], '');
  if (!('date' in expr)) fail(`Missing 'date' parameter to ${op}`);
  const date = ev(obj, expr.date, options);
  let format: unknown;
  if ('format' in expr) {
    format = ev(obj, expr.format, options);
    if (!nullish(format)) {
      if (typeof format !== 'string')
        fail(`${op} requires that 'format' be a string, found: ${typeName(format)} with value ${show(format)}`);
      validateFormat(op, format, Object.keys(TO_STRING).join(''));
    }
  }
  const tz = zoneOf(obj, expr.timezone, options);
  if (nullish(date)) return 'onNull' in expr ? ev(obj, expr.onNull, options) : null;
  if (!tz) return null;
  if ('format' in expr && nullish(format)) return null;
  const parts = partsOf(coerceToDate(date, op), tz);
  if (parts.year < 0 || parts.year > 9999)
    fail(`${op} is only defined on year 0-9999, tried to use year ${parts.year}`);
  const f = (format as string | undefined) ?? ISO_FORMAT;
  let out = '';
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '%') out += TO_STRING[f[++i]](parts);
    else out += f[i];
  }
  return out;
};

function integralPart(name: string, v: unknown): number {
  if (!isIntegral(v) && !(typeName(v) === 'long' && Number.isSafeInteger(toNumber(v))))
    fail(`'${name}' must evaluate to an integer, found ${typeName(v)} with value ${show(v)}`);
  return toNumber(v);
}

const $dateFromParts: Op = (obj, expr, options) => {
  const op = '$dateFromParts';
  if (!isPlainObject(expr)) fail(`${op} only supports an object as its argument`);
  const names = [
    'year',
    'month',
    'day',
    'hour',
    'minute',
    'second',
    'millisecond',
    'isoWeekYear',
    'isoWeek',
    'isoDayOfWeek',
    'timezone',
  ];
  checkKeys(op, expr, names, '');
  const natural = 'year' in expr;
  const iso = 'isoWeekYear' in expr;
  if (!natural && !iso) fail(`${op} requires either 'year' or 'isoWeekYear' to be present`);
  if (natural && ('isoWeekYear' in expr || 'isoWeek' in expr || 'isoDayOfWeek' in expr))
    fail(`${op} does not allow mixing natural dates with ISO dates`);
  if (iso && ('year' in expr || 'month' in expr || 'day' in expr))
    fail(`${op} does not allow mixing ISO dates with natural dates`);
  const values: Record<string, number> = {};
  let isNull = false;
  for (const name of names.slice(0, 10)) {
    if (!(name in expr)) continue;
    const v = ev(obj, expr[name], options);
    if (nullish(v)) isNull = true;
    else values[name] = integralPart(name, v);
  }
  if (isNull) return null;
  const tz = zoneOf(obj, expr.timezone, options);
  if (!tz) return null;
  const { hour = 0, minute = 0, second = 0, millisecond = 0 } = values;
  if (natural) {
    const year = values.year;
    if (year < 0 || year > 9999) fail(`'year' must evaluate to an integer in the range 0 to 9999, found ${year}`);
    return fromParts(tz, year, values.month ?? 1, values.day ?? 1, hour, minute, second, millisecond);
  }
  const isoYear = values.isoWeekYear;
  if (isoYear < 0 || isoYear > 9999)
    fail(`'isoWeekYear' must evaluate to an integer in the range 0 to 9999, found ${isoYear}`);
  return fromIsoParts(tz, isoYear, values.isoWeek ?? 1, values.isoDayOfWeek ?? 1, hour, minute, second, millisecond);
};

const $dateToParts: Op = (obj, expr, options) => {
  const op = '$dateToParts';
  if (!isPlainObject(expr)) fail(`${op} only supports an object as its argument`);
  checkKeys(op, expr, ['date', 'timezone', 'iso8601'], '');
  if (!('date' in expr)) fail(`Missing 'date' parameter to ${op}`);
  const date = ev(obj, expr.date, options);
  const tz = zoneOf(obj, expr.timezone, options);
  if (!tz) return null;
  let iso8601 = false;
  if ('iso8601' in expr) {
    const flag = ev(obj, expr.iso8601, options);
    if (nullish(flag)) return null;
    if (typeof flag !== 'boolean') fail(`iso8601 must evaluate to a bool, found ${typeName(flag)}`);
    iso8601 = flag;
  }
  if (nullish(date)) return null;
  const p = partsOf(coerceToDate(date, op), tz);
  const time = { hour: p.hour, minute: p.minute, second: p.second, millisecond: p.millisecond };
  return iso8601
    ? { isoWeekYear: p.isoWeekYear, isoWeek: p.isoWeek, isoDayOfWeek: p.isoDayOfWeek, ...time }
    : { year: p.year, month: p.month, day: p.day, ...time };
};

/** A string MongoDB's date parser could not read: onError catches it. */
class ConversionFailure extends Error {}

const conversion = (s: string, why?: string): never => {
  throw new ConversionFailure(`Error parsing date string '${s}'${why ? `: ${why}` : ''}`);
};

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

interface Parsed {
  year?: number;
  month?: number;
  day?: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  isoWeekYear?: number;
  isoWeek?: number;
  isoDayOfWeek?: number;
  /** Offset (minutes) written in the string itself. */
  offset?: number;
}

function parseOffset(text: string): number | undefined {
  if (text === 'Z') return 0;
  const m = /^([+-])(\d{2})(?::?(\d{2}))?$/.exec(text);
  if (!m || Number(m[2]) > 23 || Number(m[3] ?? 0) > 59) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Without `format`: ISO 8601 dates, optionally with a time ("T" or a space) and a zone. */
function parseIso(s: string): Parsed {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/.exec(
      s,
    );
  if (!m) return conversion(s);
  const offset = m[8] === undefined ? undefined : parseOffset(m[8]);
  if (m[8] !== undefined && offset === undefined) return conversion(s, 'invalid time zone offset');
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: Number(m[4] ?? 0),
    minute: Number(m[5] ?? 0),
    second: Number(m[6] ?? 0),
    millisecond: m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0,
    offset,
  };
}

/** %-specifiers $dateFromString reads (MongoDB 4.0), with at most this many digits. */
const FROM_STRING: Record<string, [keyof Parsed, number]> = {
  d: ['day', 2],
  G: ['isoWeekYear', 4],
  H: ['hour', 2],
  L: ['millisecond', 3],
  m: ['month', 2],
  M: ['minute', 2],
  S: ['second', 2],
  u: ['isoDayOfWeek', 1],
  V: ['isoWeek', 2],
  Y: ['year', 4],
};

function parseWithFormat(s: string, format: string): Parsed {
  const out: Parsed = { hour: 0, minute: 0, second: 0, millisecond: 0 };
  let pos = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c !== '%') {
      if (s[pos] !== c) return conversion(s, 'the format does not match');
      pos++;
      continue;
    }
    const spec = format[++i];
    if (spec === '%') {
      if (s[pos] !== '%') return conversion(s, 'the format does not match');
      pos++;
    } else if (spec === 'z') {
      const m = /^(Z|[+-]\d{2}(?::?\d{2})?)/.exec(s.slice(pos));
      const offset = m ? parseOffset(m[1]) : undefined;
      if (!m || offset === undefined) return conversion(s, 'a time zone offset was expected');
      out.offset = offset;
      pos += m[1].length;
    } else if (spec === 'Z') {
      const m = /^([+-])(\d{1,4})/.exec(s.slice(pos));
      if (!m) return conversion(s, 'a minutes offset was expected');
      out.offset = (m[1] === '-' ? -1 : 1) * Number(m[2]);
      pos += m[0].length;
    } else {
      const [field, width] = FROM_STRING[spec];
      const m = new RegExp(`^\\d{1,${width}}`).exec(s.slice(pos));
      if (!m) return conversion(s, `a number was expected for %${spec}`);
      (out as unknown as Record<string, number>)[field] = Number(m[0]);
      pos += m[0].length;
    }
  }
  if (pos !== s.length) return conversion(s, 'trailing data');
  return out;
}

function toDate(s: string, p: Parsed, tz: TimeZone | undefined): Date {
  const inRange = (v: number, lo: number, hi: number) => v >= lo && v <= hi;
  if (!inRange(p.hour, 0, 23) || !inRange(p.minute, 0, 59) || !inRange(p.second, 0, 59))
    return conversion(s, 'the time is out of range');
  if (p.offset !== undefined && tz) {
    fail('you cannot pass in a date/time string with GMT offset together with a timezone argument');
  }
  const zone: TimeZone =
    p.offset !== undefined ? { offsetAt: () => p.offset!, offsetForLocal: () => p.offset! } : (tz ?? UTC);
  if (p.year !== undefined && p.month !== undefined && p.day !== undefined) {
    if (!inRange(p.month, 1, 12) || !inRange(p.day, 1, daysInMonth(p.year, p.month)))
      return conversion(s, 'the date is out of range');
    return fromParts(zone, p.year, p.month, p.day, p.hour, p.minute, p.second, p.millisecond);
  }
  if (p.isoWeekYear !== undefined && p.isoWeek !== undefined && p.year === undefined) {
    const dow = p.isoDayOfWeek ?? 1;
    if (!inRange(p.isoWeek, 1, 53) || !inRange(dow, 1, 7)) return conversion(s, 'the date is out of range');
    return fromIsoParts(zone, p.isoWeekYear, p.isoWeek, dow, p.hour, p.minute, p.second, p.millisecond);
  }
  return conversion(s, 'an incomplete date/time string has been found, with elements missing');
}

const $dateFromString: Op = (obj, expr, options) => {
  const op = '$dateFromString';
  if (!isPlainObject(expr)) fail(`${op} only supports an object as an argument, found: ${typeName(expr)}`);
  checkKeys(op, expr, ['format', 'dateString', 'timezone', 'onNull', 'onError'], '');
  if (!('dateString' in expr)) fail(`Missing 'dateString' parameter to ${op}`);
  const dateString = ev(obj, expr.dateString, options);
  let format: unknown;
  if ('format' in expr) {
    format = ev(obj, expr.format, options);
    if (!nullish(format)) {
      if (typeof format !== 'string')
        fail(`${op} requires that 'format' be a string, found: ${typeName(format)} with value ${show(format)}`);
      validateFormat(op, format, Object.keys(FROM_STRING).join('') + 'zZ%');
    }
  }
  const tz = zoneOf(obj, expr.timezone, options);
  if (nullish(dateString)) return 'onNull' in expr ? ev(obj, expr.onNull, options) : null;
  try {
    if (typeof dateString !== 'string')
      throw new ConversionFailure(
        `${op} requires that 'dateString' be a string, found: ${typeName(dateString)} with value ${show(dateString)}`,
      );
    if (!tz) return null;
    if ('format' in expr && nullish(format)) return null;
    const parsed = typeof format === 'string' ? parseWithFormat(dateString, format) : parseIso(dateString);
    return toDate(dateString, parsed, expr.timezone === undefined ? undefined : tz);
  } catch (err) {
    if (err instanceof ConversionFailure) {
      if ('onError' in expr) return ev(obj, expr.onError, options);
      fail(err.message);
    }
    throw err;
  }
};

export const dateOperators: Record<string, Op> = {
  $year: datePart('$year', (p) => p.year),
  $month: datePart('$month', (p) => p.month),
  $dayOfMonth: datePart('$dayOfMonth', (p) => p.day),
  $hour: datePart('$hour', (p) => p.hour),
  $minute: datePart('$minute', (p) => p.minute),
  $second: datePart('$second', (p) => p.second),
  $millisecond: datePart('$millisecond', (p) => p.millisecond),
  $dayOfYear: datePart('$dayOfYear', (p) => p.dayOfYear),
  $dayOfWeek: datePart('$dayOfWeek', (p) => p.weekday + 1),
  $week: datePart('$week', (p) => p.week),
  $isoWeekYear: datePart('$isoWeekYear', (p) => p.isoWeekYear),
  $isoWeek: datePart('$isoWeek', (p) => p.isoWeek),
  $isoDayOfWeek: datePart('$isoDayOfWeek', (p) => p.isoDayOfWeek),
  $dateToString,
  $dateFromString,
  $dateFromParts,
  $dateToParts,
};
