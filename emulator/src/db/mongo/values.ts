/**
 * BSON types of the emulator's plain values, and MongoDB's coercions
 * (Value::coerceToString / coerceToDate) that the string and date operators use.
 * Numbers: an integer in the int32 range is "int" (the SDK sends it as
 * $numberInt), any other number "double"; bson Long / Decimal128 stay objects.
 */

/** An error MongoDB raises while evaluating a query or an expression. */
export class MongoError extends Error {}

export function fail(message: string): never {
  throw new MongoError(message);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return (
    !!v &&
    typeof v === 'object' &&
    !Array.isArray(v) &&
    !(v instanceof Date) &&
    !(v instanceof RegExp) &&
    !(v as { _bsontype?: string })._bsontype
  );
}

function bsontype(v: unknown): string | undefined {
  return v && typeof v === 'object' ? (v as { _bsontype?: string })._bsontype : undefined;
}

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** MongoDB's type name of a value (typeName()); undefined is "missing". */
export function typeName(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      return Number.isInteger(v) && v >= INT32_MIN && v <= INT32_MAX ? 'int' : 'double';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
  }
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  switch (bsontype(v)) {
    case 'ObjectId':
    case 'ObjectID':
      return 'objectId';
    case 'Long':
      return 'long';
    case 'Decimal128':
      return 'decimal';
    case 'Timestamp':
      return 'timestamp';
    case 'Binary':
      return 'binData';
    case 'BSONRegExp':
      return 'regex';
    case 'MinKey':
      return 'minKey';
    case 'MaxKey':
      return 'maxKey';
    case 'Int32':
      return 'int';
    case 'Double':
      return 'double';
    case 'Code':
      return 'javascript';
    case 'BSONSymbol':
      return 'symbol';
  }
  return 'object';
}

export function isNumeric(v: unknown): boolean {
  const t = typeName(v);
  return t === 'int' || t === 'double' || t === 'long' || t === 'decimal';
}

/** A numeric value as a JS number (Long / Decimal128 converted). */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  const b = v as { toNumber?: () => number; toString(): string };
  if (typeof b.toNumber === 'function') return b.toNumber();
  return Number(b.toString());
}

/** Numeric and integral, representable as a 32-bit int (Value::integral()). */
export function isIntegral(v: unknown): boolean {
  if (!isNumeric(v)) return false;
  const n = toNumber(v);
  return Number.isInteger(n) && n >= INT32_MIN && n <= INT32_MAX;
}

export const nullish = (v: unknown): v is null | undefined => v === null || v === undefined;

/** MongoDB's rendering of a value inside an error message (Value::toString, simplified). */
export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v instanceof Date) return v.toISOString();
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Value::coerceToString: strings, numbers, dates; null and missing become "". */
export function coerceToString(v: unknown, op: string): string {
  if (nullish(v)) return '';
  if (typeof v === 'string') return v;
  const t = typeName(v);
  if (t === 'int' || t === 'double' || t === 'long' || t === 'decimal') return String(v);
  if (v instanceof Date) return isoString(v);
  return fail(`${op}: can't convert from BSON type ${t} to String`);
}

/** Value::coerceToDate: dates, ObjectIds (their creation second) and timestamps. */
export function coerceToDate(v: unknown, op: string): Date {
  if (v instanceof Date) return v;
  const t = typeName(v);
  if (t === 'objectId') return (v as { getTimestamp(): Date }).getTimestamp();
  if (t === 'timestamp') return new Date((v as { getHighBits(): number }).getHighBits() * 1000);
  return fail(`${op}: can't convert from BSON type ${t} to Date`);
}

/** %Y-%m-%dT%H:%M:%S.%LZ in UTC (years 0-9999). */
export function isoString(d: Date): string {
  const y = d.getUTCFullYear();
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return (
    `${pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}Z`
  );
}
