import { EJSON, BSONRegExp } from 'bson';

/**
 * The SDK sends documents, queries, orders and projections as canonical EJSON
 * strings (relaxed:false) and parses our replies the same way. Internally the
 * emulator keeps plain JS values: numbers, strings, booleans, null, Date,
 * RegExp, arrays and plain objects (a Long outside the safe integer range or a
 * Decimal128 stays a bson object).
 */
export type Doc = Record<string, any>;

/** Parse one EJSON string into plain JS values. */
export function decode(text: unknown): any {
  if (text === undefined || text === null || text === '') return undefined;
  if (typeof text !== 'string') return normalize(text);
  return normalize(EJSON.parse(text, { relaxed: false }));
}

/** Turn bson wrapper types into plain JS values, recursively. */
export function normalize(value: any): any {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(normalize);
  if (value instanceof Date || value instanceof RegExp) return value;
  const bsontype = (value as { _bsontype?: string })._bsontype;
  if (bsontype) {
    switch (bsontype) {
      case 'Int32':
      case 'Double':
        return value.valueOf();
      case 'Long': {
        const n = value.toNumber();
        return Number.isSafeInteger(n) ? n : value;
      }
      case 'BSONRegExp': {
        const r = value as BSONRegExp;
        // JS RegExp knows i, m, s, u; MongoDB's x (extended) is dropped.
        return new RegExp(r.pattern, r.options.replace(/[^imsu]/g, ''));
      }
      default:
        return value;
    }
  }
  const out: Doc = {};
  for (const key of Object.keys(value)) out[key] = normalize(value[key]);
  return out;
}

/** Canonical EJSON (ints as $numberInt, dates as $date/$numberLong): the log and internal keys. */
export function encode(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}

/** A value as the cloud answers it: ObjectIds (stored as ObjectIds) become their 24-hex string. */
function wireValue(value: any): any {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(wireValue);
  if (value instanceof Date || value instanceof RegExp) return value;
  const bsontype = (value as { _bsontype?: string })._bsontype;
  if (bsontype === 'ObjectId' || bsontype === 'ObjectID') return (value as { toHexString(): string }).toHexString();
  if (bsontype) return value;
  const out: Doc = {};
  for (const key of Object.keys(value)) out[key] = wireValue(value[key]);
  return out;
}

/**
 * A document in a reply: canonical EJSON, with ObjectIds as plain strings. The
 * official SDK test (TencentCloudBase/node-sdk test/database/unit/oid.test.ts)
 * reads a field written as `db.ObjectId({id})` back as the id string, and the
 * SDK would turn an EJSON ObjectId into `{}` (Util.formatField).
 */
export function encodeReply(doc: unknown): string {
  return encode(wireValue(doc));
}

/** A `db.serverDate()` placeholder: {$tcb_server_date: {offset}}. */
function isServerDate(value: any): value is { $tcb_server_date: { offset?: number } } {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.prototype.hasOwnProperty.call(value, '$tcb_server_date')
  );
}

/** Replace every serverDate placeholder by the server's time (+ offset ms). Returns a new value. */
export function resolveServerDates(value: any, now: number): any {
  if (value === null || typeof value !== 'object') return value;
  if (isServerDate(value)) return new Date(now + Number(value.$tcb_server_date?.offset ?? 0));
  if (Array.isArray(value)) return value.map((v) => resolveServerDates(v, now));
  if (value instanceof Date || value instanceof RegExp || (value as any)._bsontype) return value;
  const out: Doc = {};
  for (const key of Object.keys(value)) out[key] = resolveServerDates(value[key], now);
  return out;
}
