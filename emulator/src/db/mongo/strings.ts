import { evalExpr } from 'mingo/core';
import {
  coerceToString,
  fail,
  isIntegral,
  isNumeric,
  isPlainObject,
  nullish,
  show,
  toNumber,
  typeName,
} from './values';

/**
 * MongoDB 4.0 string expression operators with MongoDB's argument rules and
 * UTF-8 semantics: *Bytes operators count UTF-8 bytes, *CP operators Unicode
 * code points; $toLower / $toUpper / $strcasecmp change ASCII letters only.
 * https://www.mongodb.com/docs/v4.0/reference/operator/aggregation-string/
 * (source: mongo src/mongo/db/pipeline/expression.cpp).
 */
type Op = (obj: unknown, expr: any, options: any) => unknown;

/** The operands of an operator with `min`..`max` arguments, evaluated. */
function args(op: string, obj: unknown, expr: unknown, options: unknown, min: number, max: number): unknown[] {
  const list = Array.isArray(expr) ? expr : [expr];
  if (list.length < min || list.length > max) {
    fail(
      min === max
        ? `Expression ${op} takes exactly ${min} arguments. ${list.length} were passed in.`
        : `Expression ${op} takes at least ${min} arguments, and at most ${max}, but ${list.length} were passed in.`,
    );
  }
  return list.map((e) => evalExpr(obj, e, options as never));
}

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const isContinuation = (byte: number | undefined) => byte !== undefined && (byte & 0xc0) === 0x80;

function index(op: string, v: unknown, what: string): number {
  if (!isIntegral(v))
    fail(`${op} requires an integral ${what}, found a value of type: ${typeName(v)}, with value: ${show(v)}`);
  const n = toNumber(v);
  if (n < 0) fail(`${op} requires a nonnegative ${what}, found: ${n}`);
  return n;
}

function indexOfArgs(op: string, obj: unknown, expr: unknown, options: unknown) {
  const [str, token, start, end] = args(op, obj, expr, options, 2, 4);
  const n = Array.isArray(expr) ? expr.length : 1;
  if (nullish(str)) return null;
  if (typeof str !== 'string') fail(`${op} requires a string as the first argument, found: ${typeName(str)}`);
  if (typeof token !== 'string') fail(`${op} requires a string as the second argument, found: ${typeName(token)}`);
  return {
    str,
    token,
    start: n > 2 ? index(op, start, 'starting index') : 0,
    end: n > 3 ? index(op, end, 'ending index') : Infinity,
  };
}

const $indexOfBytes: Op = (obj, expr, options) => {
  const a = indexOfArgs('$indexOfBytes', obj, expr, options);
  if (!a) return null;
  const input = utf8(a.str);
  const end = Math.min(input.length, a.end);
  if (a.start > input.length || end < a.start) return -1;
  return input.subarray(0, end).indexOf(utf8(a.token), a.start);
};

const $indexOfCP: Op = (obj, expr, options) => {
  const a = indexOfArgs('$indexOfCP', obj, expr, options);
  if (!a) return null;
  const cps = [...a.str];
  const token = [...a.token];
  const end = Math.min(cps.length, a.end);
  // MongoDB answers 0 for "" in "" whatever the start.
  if (cps.length === 0 && token.length === 0) return 0;
  for (let i = a.start; i < end; i++) {
    if (i + token.length <= cps.length && token.every((c, k) => cps[i + k] === c)) return i;
  }
  return -1;
};

const $strLenBytes: Op = (obj, expr, options) => {
  const [s] = args('$strLenBytes', obj, expr, options, 1, 1);
  if (typeof s !== 'string') fail(`$strLenBytes requires a string argument, found: ${typeName(s)}`);
  return utf8(s).length;
};

const $strLenCP: Op = (obj, expr, options) => {
  const [s] = args('$strLenCP', obj, expr, options, 1, 1);
  if (typeof s !== 'string') fail(`$strLenCP requires a string argument, found: ${typeName(s)}`);
  return [...s].length;
};

/** $substrBytes (and its alias $substr): a byte range that must not cut a UTF-8 character. */
function substrBytes(op: string): Op {
  return (obj, expr, options) => {
    const [s, lowerArg, lengthArg] = args(op, obj, expr, options, 3, 3);
    const str = utf8(coerceToString(s, op));
    const numeric = (v: unknown) => ['int', 'long', 'double'].includes(typeName(v));
    if (!numeric(lowerArg)) fail(`${op}:  starting index must be a numeric type (is BSON type ${typeName(lowerArg)})`);
    if (!numeric(lengthArg)) fail(`${op}:  length must be a numeric type (is BSON type ${typeName(lengthArg)})`);
    const lower = Math.trunc(toNumber(lowerArg));
    const signedLength = Math.trunc(toNumber(lengthArg));
    // MongoDB 4.0 reads both as unsigned: a negative start is past the end (""), a negative length is "the rest".
    if (lower < 0 || lower >= str.length) return '';
    const length = signedLength < 0 ? str.length : signedLength;
    if (isContinuation(str[lower])) fail(`${op}:  Invalid range, starting index is a UTF-8 continuation byte.`);
    if (lower + length < str.length && isContinuation(str[lower + length]))
      fail(`${op}:  Invalid range, ending index is in the middle of a UTF-8 character.`);
    return str.subarray(lower, lower + length).toString('utf8');
  };
}

const $substrCP: Op = (obj, expr, options) => {
  const op = '$substrCP';
  const [s, lowerArg, lengthArg] = args(op, obj, expr, options, 3, 3);
  const str = coerceToString(s, op);
  if (!isNumeric(lowerArg)) fail(`${op}: starting index must be a numeric type (is BSON type ${typeName(lowerArg)})`);
  if (!isIntegral(lowerArg))
    fail(`${op}: starting index cannot be represented as a 32-bit integral value: ${show(lowerArg)}`);
  if (!isNumeric(lengthArg)) fail(`${op}: length must be a numeric type (is BSON type ${typeName(lengthArg)})`);
  if (!isIntegral(lengthArg))
    fail(`${op}: length cannot be represented as a 32-bit integral value: ${show(lengthArg)}`);
  const start = toNumber(lowerArg);
  const length = toNumber(lengthArg);
  if (length < 0) fail(`${op}: length must be a nonnegative integer.`);
  if (start < 0) fail(`${op}: the starting index must be nonnegative integer.`);
  return [...str].slice(start, start + length).join('');
};

const $concat: Op = (obj, expr, options) => {
  const values = (Array.isArray(expr) ? expr : [expr]).map((e) => evalExpr(obj, e, options));
  let out = '';
  for (const v of values) {
    if (nullish(v)) return null;
    if (typeof v !== 'string') fail(`$concat only supports strings, not ${typeName(v)}`);
    out += v;
  }
  return out;
};

const $split: Op = (obj, expr, options) => {
  const [input, separator] = args('$split', obj, expr, options, 2, 2);
  if (nullish(input) || nullish(separator)) return null;
  if (typeof input !== 'string')
    fail(`$split requires an expression that evaluates to a string as a first argument, found: ${typeName(input)}`);
  if (typeof separator !== 'string')
    fail(
      `$split requires an expression that evaluates to a string as a second argument, found: ${typeName(separator)}`,
    );
  if (!separator) fail('$split requires a non-empty separator');
  return input.split(separator);
};

const asciiUpper = (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase());
const asciiLower = (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

const $toLower: Op = (obj, expr, options) => {
  const [s] = args('$toLower', obj, expr, options, 1, 1);
  return asciiLower(coerceToString(s, '$toLower'));
};

const $toUpper: Op = (obj, expr, options) => {
  const [s] = args('$toUpper', obj, expr, options, 1, 1);
  return asciiUpper(coerceToString(s, '$toUpper'));
};

const $strcasecmp: Op = (obj, expr, options) => {
  const [a, b] = args('$strcasecmp', obj, expr, options, 2, 2);
  const cmp = Buffer.compare(
    utf8(asciiUpper(coerceToString(a, '$strcasecmp'))),
    utf8(asciiUpper(coerceToString(b, '$strcasecmp'))),
  );
  return cmp === 0 ? 0 : cmp > 0 ? 1 : -1;
};

/** Whitespace $trim removes by default (MongoDB's kDefaultTrimWhitespaceChars). */
const WHITESPACE = [
  '\0',
  ' ',
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
];

function trim(op: string, left: boolean, right: boolean): Op {
  return (obj, expr, options) => {
    if (!isPlainObject(expr)) fail(`${op} only supports an object as an argument, found ${typeName(expr)}`);
    for (const key of Object.keys(expr)) {
      if (key !== 'input' && key !== 'chars') fail(`${op} found an unknown argument: ${key}`);
    }
    if (!('input' in expr)) fail(`${op} requires an 'input' field`);
    const input = evalExpr(obj, expr.input, options);
    if (nullish(input)) return null;
    if (typeof input !== 'string')
      fail(`${op} requires its input to be a string, got ${show(input)} (of type ${typeName(input)}) instead.`);
    let chars = WHITESPACE;
    if ('chars' in expr) {
      const given = evalExpr(obj, expr.chars, options);
      if (nullish(given)) return null;
      if (typeof given !== 'string')
        fail(`${op} requires 'chars' to be a string, got ${show(given)} (of type ${typeName(given)}) instead.`);
      chars = [...given];
    }
    const cps = [...input];
    let from = 0;
    let to = cps.length;
    if (left) while (from < to && chars.includes(cps[from])) from++;
    if (right) while (to > from && chars.includes(cps[to - 1])) to--;
    return cps.slice(from, to).join('');
  };
}

export const stringOperators: Record<string, Op> = {
  $concat,
  $indexOfBytes,
  $indexOfCP,
  $split,
  $strLenBytes,
  $strLenCP,
  $strcasecmp,
  $substr: substrBytes('$substrBytes'),
  $substrBytes: substrBytes('$substrBytes'),
  $substrCP,
  $toLower,
  $toUpper,
  $trim: trim('$trim', true, true),
  $ltrim: trim('$ltrim', true, false),
  $rtrim: trim('$rtrim', false, true),
};
