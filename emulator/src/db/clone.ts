import { randomBytes } from 'node:crypto';

/** Deep copy of a stored document: plain objects, arrays and Dates are copied; other values are immutable. */
export function deepClone<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(deepClone) as unknown as T;
  if (value instanceof Date) return new Date(value.getTime()) as unknown as T;
  if (value instanceof RegExp || (value as any)._bsontype) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value as object)) out[key] = deepClone((value as any)[key]);
  return out as T;
}

/** A 32-hex document id like the ones the cloud generates. */
export function newDocId(): string {
  return randomBytes(16).toString('hex');
}

/** A 24-hex transaction id, as the cloud answers startTransaction. */
export function newTransactionId(): string {
  return randomBytes(12).toString('hex');
}
