import './mingo-subpaths';
import { Aggregator } from 'mingo/aggregator';
import { Context } from 'mingo/core';
import * as accumulatorOps from 'mingo/operators/accumulator';
import * as expressionOps from 'mingo/operators/expression';
import * as pipelineOps from 'mingo/operators/pipeline';
import * as projectionOps from 'mingo/operators/projection';
import * as mingoQueryOps from 'mingo/operators/query';
import * as windowOps from 'mingo/operators/window';
import { Query } from 'mingo/query';
import { dateOperators } from './dates';
import { queryOperators } from './match';
import { stringOperators } from './strings';
import { fail } from './values';

/**
 * The operators the database evaluates: MongoDB 4.0's (CloudBase runs
 * MongoDB; multi-document transactions need 4.0, and its documented
 * aggregation operators are all 4.0 ones:
 * https://docs.cloudbase.net/api-reference/server/node-sdk/database/aggregate/operators/ ).
 * Expression operators and accumulators added after 4.0 ($regexMatch,
 * $replaceAll, $dateAdd, $round, $count, …) are refused as MongoDB 4.0 refuses
 * them; string, date and some query operators are ours (mingo differs from
 * MongoDB there), the rest are mingo's.
 */
type Fn = (...args: any[]) => any;

/** MongoDB 4.0 expression operators that mingo implements as MongoDB does. */
const EXPRESSIONS_40 = [
  ...['$abs', '$add', '$ceil', '$divide', '$exp', '$floor', '$ln', '$log', '$log10', '$mod', '$multiply'],
  ...['$pow', '$sqrt', '$subtract', '$trunc'],
  ...['$arrayElemAt', '$arrayToObject', '$concatArrays', '$filter', '$in', '$indexOfArray', '$isArray', '$map'],
  ...['$range', '$reduce', '$reverseArray', '$size', '$slice', '$zip'],
  ...['$and', '$not', '$or', '$cmp', '$eq', '$gt', '$gte', '$lt', '$lte', '$ne', '$cond', '$ifNull', '$switch'],
  ...['$literal', '$mergeObjects', '$objectToArray', '$let'],
  ...['$allElementsTrue', '$anyElementTrue', '$setDifference', '$setEquals', '$setIntersection', '$setIsSubset'],
  '$setUnion',
  ...['$convert', '$toBool', '$toDate', '$toDecimal', '$toDouble', '$toInt', '$toLong', '$toString', '$type'],
];

/** MongoDB 4.0 $group accumulators; $avg $max $min $stdDev* $sum also work on arrays in expressions. */
const ACCUMULATORS_40 = ['$addToSet', '$avg', '$first', '$last', '$max', '$mergeObjects', '$min', '$push'];
ACCUMULATORS_40.push('$stdDevPop', '$stdDevSamp', '$sum');
const GROUP_ONLY = ['$addToSet', '$first', '$last', '$push'];

const unrecognized = (name: string) => () => fail(`Unrecognized expression '${name}'`);

function pick(ops: Record<string, Fn>, names: string[]): Record<string, Fn> {
  return Object.fromEntries(names.filter((n) => ops[n]).map((n) => [n, ops[n]]));
}

function buildContext(): Context {
  const accumulators = pick(accumulatorOps as Record<string, Fn>, ACCUMULATORS_40);
  const expressions: Record<string, Fn> = {};
  // Every operator mingo knows that MongoDB 4.0 does not is refused by name.
  for (const name of [...Object.keys(expressionOps), ...Object.keys(accumulatorOps)]) {
    expressions[name] = unrecognized(name);
  }
  Object.assign(expressions, pick(expressionOps as Record<string, Fn>, EXPRESSIONS_40));
  // Accumulators that are not expressions too are looked up as accumulators (mingo's fallback).
  for (const name of ACCUMULATORS_40) if (!EXPRESSIONS_40.includes(name)) delete expressions[name];
  // $first / $last / $push / $addToSet are only accumulators in 4.0: a document (not a group) refuses them.
  for (const name of GROUP_ONLY) {
    const acc = accumulators[name];
    expressions[name] = (obj: unknown, expr: unknown, options: unknown) =>
      Array.isArray(obj) ? acc(obj, expr, options) : fail(`Unrecognized expression '${name}'`);
  }
  Object.assign(expressions, stringOperators, dateOperators);
  return Context.init({
    accumulator: accumulators as never,
    expression: expressions as never,
    pipeline: pipelineOps as never,
    projection: projectionOps as never,
    query: { ...(mingoQueryOps as Record<string, Fn>), ...queryOperators } as never,
    window: windowOps as never,
  });
}

const CONTEXT = buildContext();

/** $where and $function run JavaScript, which the emulator does not. */
const OPTIONS = { context: CONTEXT, scriptEnabled: false };

export function compileQuery(criteria: Record<string, unknown>): Query {
  return new Query(criteria, OPTIONS);
}

export function runPipeline(
  pipeline: Record<string, unknown>[],
  input: Record<string, unknown>[],
  collectionResolver?: (name: string) => Record<string, unknown>[],
): Record<string, unknown>[] {
  return new Aggregator(pipeline, { ...OPTIONS, collectionResolver }).run(input) as Record<string, unknown>[];
}
