import { update as mingoUpdate } from 'mingo';
import { TcbError } from '../errors';
import { deepClone } from './clone';
import { encode, type Doc } from './ejson';
import { valueKey } from './indexes';

/** The update operators db.command emits (and MongoDB's $currentDate/$bit for completeness). */
const OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$rename',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$currentDate',
  '$bit',
]);

function invalid(message: string): TcbError {
  return new TcbError('DATABASE_INVALID_OPERRATOR', message);
}

/** merge=true data: fields without an operator are $set (the SDK normally sends operators only). */
function toModifier(data: Doc): Doc {
  const modifier: Doc = {};
  for (const [key, value] of Object.entries(data)) {
    if (key.startsWith('$')) {
      if (!OPERATORS.has(key)) throw invalid(`unknown update operator ${key}`);
      modifier[key] = { ...(modifier[key] ?? {}), ...value };
    } else {
      modifier.$set = { ...(modifier.$set ?? {}), [key]: value };
    }
  }
  // mingo's $addToSet keeps duplicates inside one $each; MongoDB adds each distinct value once.
  if (modifier.$addToSet) {
    for (const [field, arg] of Object.entries(modifier.$addToSet as Doc)) {
      if (arg && typeof arg === 'object' && Array.isArray(arg.$each)) {
        const seen = new Set<string>();
        modifier.$addToSet[field] = {
          $each: arg.$each.filter((v: unknown) => {
            const k = valueKey(v);
            return seen.has(k) ? false : (seen.add(k), true);
          }),
        };
      }
    }
  }
  for (const op of ['$set', '$unset', '$rename', '$inc', '$mul']) {
    if (modifier[op] && Object.prototype.hasOwnProperty.call(modifier[op], '_id')) {
      throw invalid('the _id field cannot be modified');
    }
  }
  return modifier;
}

/**
 * Apply an update to a copy of `doc`. merge=true: data holds update operators;
 * merge=false: data replaces the document, keeping its _id. Returns the new
 * document and whether anything changed.
 */
export function applyUpdate(doc: Doc, data: Doc, merge: boolean): { doc: Doc; changed: boolean } {
  if (!merge) {
    const next: Doc = { _id: doc._id };
    for (const [k, v] of Object.entries(data)) if (k !== '_id') next[k] = deepClone(v);
    for (const k of Object.keys(next)) if (k.startsWith('$')) throw invalid(`field names cannot start with $: ${k}`);
    return { doc: next, changed: encode(next) !== encode(doc) };
  }
  const next = deepClone(doc);
  const modifier = toModifier(data);
  if (!Object.keys(modifier).length) return { doc: next, changed: false };
  let changedFields: string[];
  try {
    changedFields = mingoUpdate(next, modifier as any, undefined, undefined, { cloneMode: 'deep' });
  } catch (err) {
    throw invalid(`invalid update: ${(err as Error).message}`);
  }
  return { doc: next, changed: changedFields.length > 0 };
}

/** The document an upsert creates: equality fields of the query, then the update. */
export function upsertBase(query: Doc, id: unknown): Doc {
  const base: Doc = {};
  for (const [k, v] of Object.entries(query)) {
    if (k.startsWith('$') || k.includes('.')) continue;
    if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      !(v instanceof Date) &&
      Object.keys(v).some((x) => x.startsWith('$'))
    ) {
      continue;
    }
    base[k] = deepClone(v);
  }
  base._id = id;
  return base;
}
