import { isEqual } from 'mingo/util';
import { fail, isNumeric, isPlainObject, toNumber, typeName } from './values';

/**
 * $jsonSchema as MongoDB evaluates it in a query (draft 4 plus bsonType):
 * https://www.mongodb.com/docs/v4.0/reference/operator/query/jsonSchema/
 * Keywords that do not apply to a value's type are ignored, as JSON Schema
 * says; unsupported keywords ($ref, $schema, default, definitions, format, id)
 * and unknown ones are errors, as is `type: "integer"` (use bsonType).
 */
type Test = (v: unknown) => boolean;

const BSON_TYPES: Record<string, (t: string) => boolean> = {
  double: (t) => t === 'double',
  string: (t) => t === 'string',
  object: (t) => t === 'object',
  array: (t) => t === 'array',
  binData: (t) => t === 'binData',
  undefined: (t) => t === 'undefined',
  objectId: (t) => t === 'objectId',
  bool: (t) => t === 'bool',
  date: (t) => t === 'date',
  null: (t) => t === 'null',
  regex: (t) => t === 'regex',
  dbPointer: (t) => t === 'dbPointer',
  javascript: (t) => t === 'javascript',
  symbol: (t) => t === 'symbol',
  javascriptWithScope: (t) => t === 'javascriptWithScope',
  int: (t) => t === 'int',
  timestamp: (t) => t === 'timestamp',
  long: (t) => t === 'long',
  decimal: (t) => t === 'decimal',
  minKey: (t) => t === 'minKey',
  maxKey: (t) => t === 'maxKey',
  number: (t) => ['int', 'long', 'double', 'decimal'].includes(t),
};

const JSON_TYPES: Record<string, (t: string) => boolean> = {
  object: (t) => t === 'object',
  array: (t) => t === 'array',
  number: BSON_TYPES.number,
  boolean: (t) => t === 'bool',
  string: (t) => t === 'string',
  null: (t) => t === 'null',
};

const UNSUPPORTED = ['$ref', '$schema', 'default', 'definitions', 'format', 'id'];

function typeList(keyword: string, value: unknown, known: Record<string, unknown>): string[] {
  const list = Array.isArray(value) ? value : [value];
  if (!list.length) fail(`$jsonSchema keyword '${keyword}' must name at least one type`);
  for (const t of list) {
    if (typeof t !== 'string') fail(`$jsonSchema keyword '${keyword}' must be a string or an array of strings`);
    if (keyword === 'type' && t === 'integer') fail("$jsonSchema type 'integer' is not currently supported.");
    if (!(t in known)) fail(`Unknown type name alias: ${t}`);
  }
  return list as string[];
}

function number(keyword: string, v: unknown, min = -Infinity): number {
  if (!isNumeric(v)) fail(`$jsonSchema keyword '${keyword}' must be a number`);
  const n = toNumber(v);
  if (n < min) fail(`$jsonSchema keyword '${keyword}' must be at least ${min}`);
  return n;
}

function schemas(keyword: string, v: unknown): Test[] {
  if (!Array.isArray(v) || !v.length) fail(`$jsonSchema keyword '${keyword}' must be a non-empty array of objects`);
  return v.map((s) => compile(s, false));
}

function compile(schema: unknown, top: boolean): Test {
  if (!isPlainObject(schema)) fail('$jsonSchema must be an object');
  const tests: Test[] = [];
  const onType = (type: string, test: Test) => tests.push((v) => typeName(v) !== type || test(v));
  const s = schema as Record<string, any>;
  for (const [keyword, value] of Object.entries(s)) {
    if (UNSUPPORTED.includes(keyword)) fail(`$jsonSchema keyword '${keyword}' is not currently supported`);
    switch (keyword) {
      case 'title':
      case 'description':
        if (typeof value !== 'string') fail(`$jsonSchema keyword '${keyword}' must be a string`);
        break;
      case 'type':
      case 'bsonType': {
        if ('type' in s && 'bsonType' in s) fail("Cannot specify both $jsonSchema keywords 'type' and 'bsonType'");
        const table = keyword === 'type' ? JSON_TYPES : BSON_TYPES;
        const list = typeList(keyword, value, table);
        if (top && !list.some((t) => t === 'object'))
          fail(`$jsonSchema keyword '${keyword}' must include 'object' at the top level`);
        tests.push((v) => list.some((t) => table[t](typeName(v))));
        break;
      }
      case 'enum':
        if (!Array.isArray(value) || !value.length) fail("$jsonSchema keyword 'enum' must be a non-empty array");
        tests.push((v) => value.some((e: unknown) => isEqual(e, v)));
        break;
      case 'required': {
        if (!Array.isArray(value) || !value.length || value.some((f) => typeof f !== 'string'))
          fail("$jsonSchema keyword 'required' must be a non-empty array of strings");
        if (new Set(value).size !== value.length)
          fail("$jsonSchema keyword 'required' array must not contain duplicates");
        onType('object', (v) => value.every((f: string) => Object.prototype.hasOwnProperty.call(v, f)));
        break;
      }
      case 'properties': {
        if (!isPlainObject(value)) fail("$jsonSchema keyword 'properties' must be an object");
        const props = Object.entries(value).map(([k, sub]) => [k, compile(sub, false)] as const);
        onType('object', (v: any) =>
          props.every(([k, test]) => !Object.prototype.hasOwnProperty.call(v, k) || test(v[k])),
        );
        break;
      }
      case 'patternProperties': {
        if (!isPlainObject(value)) fail("$jsonSchema keyword 'patternProperties' must be an object");
        const patterns = Object.entries(value).map(([p, sub]) => [new RegExp(p, 'u'), compile(sub, false)] as const);
        onType('object', (v: any) =>
          Object.keys(v).every((k) => patterns.every(([re, test]) => !re.test(k) || test(v[k]))),
        );
        break;
      }
      case 'additionalProperties': {
        const known = Object.keys(isPlainObject(s.properties) ? s.properties : {});
        const patterns = Object.keys(isPlainObject(s.patternProperties) ? s.patternProperties : {}).map(
          (p) => new RegExp(p, 'u'),
        );
        const extra: Test =
          typeof value === 'boolean'
            ? () => value
            : isPlainObject(value)
              ? compile(value, false)
              : fail("$jsonSchema keyword 'additionalProperties' must be a boolean or an object");
        onType('object', (v: any) =>
          Object.keys(v).every((k) => known.includes(k) || patterns.some((re) => re.test(k)) || extra(v[k])),
        );
        break;
      }
      case 'minProperties':
      case 'maxProperties': {
        const n = number(keyword, value, 0);
        onType('object', (v) =>
          keyword === 'minProperties' ? Object.keys(v as object).length >= n : Object.keys(v as object).length <= n,
        );
        break;
      }
      case 'dependencies': {
        if (!isPlainObject(value)) fail("$jsonSchema keyword 'dependencies' must be an object");
        const deps = Object.entries(value).map(([k, dep]) => {
          const test: Test = Array.isArray(dep)
            ? (v: any) => dep.every((f) => Object.prototype.hasOwnProperty.call(v, f))
            : compile(dep, false);
          return [k, test] as const;
        });
        onType('object', (v: any) => deps.every(([k, test]) => !Object.prototype.hasOwnProperty.call(v, k) || test(v)));
        break;
      }
      case 'items': {
        if (Array.isArray(value)) {
          const positional = value.map((sub) => compile(sub, false));
          const extra = s.additionalItems;
          const more: Test =
            extra === undefined || extra === true
              ? () => true
              : extra === false
                ? () => false
                : isPlainObject(extra)
                  ? compile(extra, false)
                  : fail("$jsonSchema keyword 'additionalItems' must be a boolean or an object");
          onType('array', (v: any) =>
            v.every((el: unknown, i: number) => (i < positional.length ? positional[i](el) : more(el))),
          );
        } else {
          const each = compile(value, false);
          onType('array', (v: any) => v.every(each));
        }
        break;
      }
      case 'additionalItems':
        break;
      case 'minItems':
      case 'maxItems': {
        const n = number(keyword, value, 0);
        onType('array', (v: any) => (keyword === 'minItems' ? v.length >= n : v.length <= n));
        break;
      }
      case 'uniqueItems':
        if (typeof value !== 'boolean') fail("$jsonSchema keyword 'uniqueItems' must be a boolean");
        if (value)
          onType('array', (v: any) =>
            v.every((el: unknown, i: number) => v.findIndex((o: unknown) => isEqual(o, el)) === i),
          );
        break;
      case 'minimum':
      case 'maximum': {
        const n = number(keyword, value);
        const exclusive = s[keyword === 'minimum' ? 'exclusiveMinimum' : 'exclusiveMaximum'] === true;
        const test: Test = (v) => {
          const x = toNumber(v);
          if (keyword === 'minimum') return exclusive ? x > n : x >= n;
          return exclusive ? x < n : x <= n;
        };
        tests.push((v) => !isNumeric(v) || test(v));
        break;
      }
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        if (typeof value !== 'boolean') fail(`$jsonSchema keyword '${keyword}' must be a boolean`);
        const base = keyword === 'exclusiveMinimum' ? 'minimum' : 'maximum';
        if (!(base in s)) fail(`$jsonSchema keyword '${base}' must be a present if ${keyword} is present`);
        break;
      }
      case 'multipleOf': {
        const n = number(keyword, value);
        if (n <= 0) fail("$jsonSchema keyword 'multipleOf' must have a positive value");
        tests.push((v) => !isNumeric(v) || Number.isInteger(toNumber(v) / n));
        break;
      }
      case 'minLength':
      case 'maxLength': {
        const n = number(keyword, value, 0);
        onType('string', (v) =>
          keyword === 'minLength' ? [...(v as string)].length >= n : [...(v as string)].length <= n,
        );
        break;
      }
      case 'pattern': {
        if (typeof value !== 'string') fail("$jsonSchema keyword 'pattern' must be a string");
        const re = new RegExp(value, 'u');
        onType('string', (v) => re.test(v as string));
        break;
      }
      case 'allOf': {
        const list = schemas(keyword, value);
        tests.push((v) => list.every((t) => t(v)));
        break;
      }
      case 'anyOf': {
        const list = schemas(keyword, value);
        tests.push((v) => list.some((t) => t(v)));
        break;
      }
      case 'oneOf': {
        const list = schemas(keyword, value);
        tests.push((v) => list.filter((t) => t(v)).length === 1);
        break;
      }
      case 'not': {
        const inner = compile(value, false);
        tests.push((v) => !inner(v));
        break;
      }
      default:
        fail(`Unknown $jsonSchema keyword: ${keyword}`);
    }
  }
  return (v) => tests.every((t) => t(v));
}

/** A document predicate for a top-level $jsonSchema. */
export function jsonSchema(schema: unknown): (doc: unknown) => boolean {
  return compile(schema, true);
}
