import { Query } from 'mingo/query';
import { $all as mingoAll } from 'mingo/operators/query';
import { jsonSchema } from './jsonschema';
import { fail, isNumeric, isPlainObject, show, toNumber, typeName } from './values';

/**
 * Query operators whose array semantics mingo gets wrong, evaluated as
 * MongoDB does (https://www.mongodb.com/docs/v4.0/tutorial/query-array-of-documents/):
 * a dotted path walks into embedded documents of an array (and into the
 * element a numeric part names) but not into arrays nested in arrays; a leaf
 * array offers each element and itself. $elemMatch tests the arrays a path
 * reaches, $exists whether it reaches anything, $mod and $type any value.
 */
type QueryOp = (selector: string, value: any, options: any) => (doc: unknown) => boolean;

/** Values `path` reaches in `doc` (MongoDB's path traversal); `expand` offers each element of a leaf array too. */
export function pathValues(doc: unknown, path: string, expand: boolean): unknown[] {
  const parts = path.split('.');
  const out: unknown[] = [];
  const walk = (value: unknown, i: number): void => {
    if (i === parts.length) {
      if (expand && Array.isArray(value)) out.push(...value);
      out.push(value);
      return;
    }
    const key = parts[i];
    if (Array.isArray(value)) {
      if (/^\d+$/.test(key) && Number(key) < value.length) walk(value[Number(key)], i + 1);
      for (const el of value) {
        if (isPlainObject(el) && Object.prototype.hasOwnProperty.call(el, key)) walk(el[key], i + 1);
      }
    } else if (isPlainObject(value) && Object.prototype.hasOwnProperty.call(value, key)) {
      walk(value[key], i + 1);
    }
  };
  walk(doc, 0);
  return out;
}

const truthy = (v: unknown) => v !== false && v !== 0 && v !== null && v !== undefined;

const $exists: QueryOp = (selector, value) => {
  const want = truthy(value);
  return (doc) => pathValues(doc, selector, false).length > 0 === want;
};

const $mod: QueryOp = (selector, value) => {
  if (!Array.isArray(value)) fail('malformed mod, needs to be an array');
  if (value.length < 2) fail('malformed mod, not enough elements');
  if (value.length > 2) fail('malformed mod, too many elements');
  if (!isNumeric(value[0])) fail('malformed mod, divisor not a number');
  if (!isNumeric(value[1])) fail('malformed mod, remainder not a number');
  // MongoDB 4.0 truncates divisor, remainder and the value to integers.
  const divisor = Math.trunc(toNumber(value[0]));
  const remainder = Math.trunc(toNumber(value[1]));
  if (divisor === 0) fail('divisor cannot be 0');
  return (doc) =>
    pathValues(doc, selector, true).some((v) => {
      if (!isNumeric(v)) return false;
      const n = toNumber(v);
      return Number.isFinite(n) && Math.trunc(n) % divisor === remainder;
    });
};

/** $type names and numbers (https://www.mongodb.com/docs/v4.0/reference/operator/query/type/). */
const TYPE_CODES: Record<string, number> = {
  double: 1,
  string: 2,
  object: 3,
  array: 4,
  binData: 5,
  undefined: 6,
  objectId: 7,
  bool: 8,
  date: 9,
  null: 10,
  regex: 11,
  dbPointer: 12,
  javascript: 13,
  symbol: 14,
  javascriptWithScope: 15,
  int: 16,
  timestamp: 17,
  long: 18,
  decimal: 19,
  minKey: -1,
  maxKey: 127,
};

const $type: QueryOp = (selector, value) => {
  const wanted = (Array.isArray(value) ? value : [value]).map((t) => {
    if (t === 'number') return 'number';
    if (typeof t === 'string') {
      if (!(t in TYPE_CODES)) fail(`Unknown type name alias: ${t}`);
      return t;
    }
    const name = Object.keys(TYPE_CODES).find((k) => TYPE_CODES[k] === t);
    if (typeof t !== 'number' || !name) fail(`Invalid numerical type code: ${show(t)}`);
    return name;
  });
  if (!wanted.length) fail('$type must match at least one type');
  const matches = (v: unknown) => {
    const t = typeName(v);
    return wanted.some((w) => (w === 'number' ? isNumeric(v) : w === t));
  };
  return (doc) => pathValues(doc, selector, true).some(matches);
};

/** Operators an array element can be tested against without looking inside it. */
const WHOLE_VALUE_OPS = new Set(['$elemMatch', '$size', '$all', '$type', '$exists']);
const LOGICAL = new Set(['$and', '$or', '$nor', '$where', '$expr', '$jsonSchema', '$comment']);

function elemMatcher(value: unknown, options: any): (el: unknown) => boolean {
  if (!isPlainObject(value)) fail('$elemMatch needs an Object');
  const keys = Object.keys(value);
  const valueForm = keys.length > 0 && keys[0].startsWith('$') && !LOGICAL.has(keys[0]);
  if (!valueForm) {
    // {$elemMatch: {field: …}}: elements are embedded documents, tested as documents.
    const query = new Query(value, options);
    return (el) => isPlainObject(el) && query.test(el);
  }
  // {$elemMatch: {$gte: …, $lt: …}}: each element as one value; an inner array is not looked into.
  const query = new Query({ v: value }, options);
  const wholeOnly = keys.every((k) => WHOLE_VALUE_OPS.has(k));
  return (el) => (!Array.isArray(el) || wholeOnly) && query.test({ v: el });
}

const $elemMatch: QueryOp = (selector, value, options) => {
  const test = elemMatcher(value, options);
  return (doc) => pathValues(doc, selector, false).some((v) => Array.isArray(v) && v.some((el) => test(el)));
};

/** $all of $elemMatch clauses: each clause holds for the array (MongoDB requires all clauses or none to be $elemMatch). */
const $all: QueryOp = (selector, value, options) => {
  const isElemMatch = (c: unknown) => isPlainObject(c) && Object.keys(c)[0] === '$elemMatch';
  if (!Array.isArray(value) || !value.some(isElemMatch))
    return mingoAll(selector, value, options) as (doc: unknown) => boolean;
  if (!value.every(isElemMatch)) fail('$all/$elemMatch has to be consistent');
  const tests = value.map((c) => $elemMatch(selector, (c as Record<string, unknown>).$elemMatch, options));
  return (doc) => tests.every((t) => t(doc));
};

const $jsonSchemaOp: QueryOp = (_selector, schema) => jsonSchema(schema);

export const queryOperators: Record<string, QueryOp> = {
  $all,
  $elemMatch,
  $exists,
  $jsonSchema: $jsonSchemaOp,
  $mod,
  $type,
};
