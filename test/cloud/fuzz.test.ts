import { createHash } from 'node:crypto';
import fc from 'fast-check';
import type { Schema } from '../../typings/contracts/define';
import { contracts } from '../../typings/contracts';
import { check } from '../../typings/contracts/messages';
import { ErrorCodes } from '../../typings/envelope';
import { buildSeed } from '../../database/seed';
import { ADMIN, LEADER1, RES1, RES2, SUPPLIER, startAdminWorld, type AdminWorld } from './adminWorld';

/**
 * Bad input for every action of every function, as every kind of caller, through
 * the client gateway: each answer is `{ok: false, code: 'INVALID_INPUT'}` with a
 * message (the handler validates before it looks at the caller or the data),
 * never INTERNAL, and the environment's database is byte for byte what it was.
 *
 * Cases come from each action's own contract: a plausible payload with one field
 * spoiled (wrong type, empty or huge string, negative, fractional or huge number,
 * impossible date, nested junk), a required field left out, extra fields such as
 * __proto__ and constructor, or junk for the whole payload. A case the contract
 * itself accepts is not bad input and is not sent (counted as `accepted`); the
 * impossible calendar dates among those are listed apart, until dates are strict.
 *
 * Reproducible: FUZZ_SEED (default below) and FUZZ_CASES choose the cases.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
const CASES = Number(process.env.FUZZ_CASES ?? 11_000);
/** Gateway calls in flight: the local cloud runs up to 4 instances per function. */
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 24);

jest.setTimeout(300_000);
let w: AdminWorld;
beforeAll(async () => {
  w = await startAdminWorld('fuzz-env');
}, 60_000);
afterAll(() => w?.stop());

type Caller = { name: string; openid?: string };
const CALLERS: Caller[] = [
  { name: 'stranger' },
  { name: 'resident', openid: RES1 },
  { name: 'another resident', openid: RES2 },
  { name: 'leader', openid: LEADER1 },
  { name: 'admin', openid: ADMIN },
  { name: 'supplier', openid: SUPPLIER },
];

// ---- values ----

/** Real ids of the demo shop: plausible payloads point at documents that exist. */
const seed = buildSeed(new Date());
const SEED_IDS = Object.values(seed.collections).flatMap((docs) =>
  docs.slice(0, 3).map((d) => String((d as { _id: unknown })._id)),
);
/** Well-formed but impossible calendar dates (issue 10.2). */
const IMPOSSIBLE_DATES = ['2026-02-30', '2026-11-31', '2099-02-29', '2026-04-31', '2026-06-31'];
const BAD_DATES = [
  ...IMPOSSIBLE_DATES,
  '2026-11-32',
  '2026-12-00',
  '2099-13-45',
  '9999-99-99',
  '0000-00-00',
  '2026-1-1',
  '2026/01/01',
  '2026-02-30T10:00:00+08:00',
  '2026-12-02T25:61:00Z',
  '2026-12-02T10:00:00',
  'tonight',
];
const POLLUTION_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

const deepJunk: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, false, 0, -1, 1.5, ''),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom(...POLLUTION_KEYS)), tie('node'), {
      maxKeys: 3,
    }),
  ),
})).node;

/** A value that is wrong for most fields. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, -0.5, 1.5, 0.1 + 0.2, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, 1e308),
  fc.constantFrom('', ' ', '\u0000', '\u200b', '💥', '<script>', "'; drop table", '{$ne: null}', 'NaN', '-1'),
  fc.constantFrom(...BAD_DATES),
  fc.integer({ min: 1_000, max: 40_000 }).map((n) => 'x'.repeat(n)),
  fc.integer({ min: 100, max: 5_000 }).map((n) => '字'.repeat(n)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 30 }),
  fc.constant([]),
  fc.constant({}),
  fc.constantFrom({ $gt: '' }, { $where: '1' }, { __proto__: { admin: true } }, { constructor: { prototype: {} } }),
  deepJunk,
);

// ---- what a contract looks like (zod's own definition tree) ----

type Def = { type: string } & Record<string, any>;
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: Schema): { schema: Schema; optional: boolean } {
  let optional = false;
  for (;;) {
    const d = defOf(s);
    if (['optional', 'default', 'prefault', 'nullable', 'catch'].includes(d.type)) optional = true;
    if (['optional', 'default', 'prefault', 'nullable', 'catch', 'readonly', 'nonoptional'].includes(d.type))
      s = d.innerType;
    else if (d.type === 'pipe') s = d.in;
    else return { schema: s, optional };
  }
}

/** A value of roughly the right type: the starting point a case then spoils. */
function plausible(root: Schema, depth = 0): fc.Arbitrary<unknown> {
  const s = unwrap(root).schema;
  const d = defOf(s);
  switch (d.type) {
    case 'string':
      return fc.oneof(
        fc.constantFrom(...SEED_IDS),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.constantFrom(
          '2026-12-02',
          '2026-12-02T10:00:00+08:00',
          '13812345678',
          'cloud://env.x/a.png',
          '/images/a.png',
        ),
      );
    case 'number':
    case 'int':
      return fc.integer({ min: 0, max: 2000 });
    case 'boolean':
      return fc.boolean();
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'array':
      return depth > 3 ? fc.constant([]) : fc.array(plausible(d.element, depth + 1), { minLength: 1, maxLength: 3 });
    case 'tuple':
      return fc.tuple(...(d.items as Schema[]).map((i) => plausible(i, depth + 1)));
    case 'record':
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 6 }), plausible(d.valueType, depth + 1), {
        maxKeys: 2,
      });
    case 'union':
      return fc.oneof(...(d.options as Schema[]).map((o) => plausible(o, depth)));
    case 'object':
      return depth > 3 ? fc.constant({}) : objectOf(s, depth);
    default:
      return junk;
  }
}

function objectOf(s: Schema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const shape = defOf(s).shape as Record<string, Schema>;
  const keys = Object.keys(shape);
  if (!keys.length) return fc.constant({});
  return fc.record(Object.fromEntries(keys.map((k) => [k, plausible(shape[k], depth + 1)])), {
    requiredKeys: keys.filter((k) => !unwrap(shape[k]).optional),
  });
}

/** Paths to every object field of a schema (a.b, lines.0.qty), each one a place to spoil. */
function fieldPaths(root: Schema, path: string[] = [], depth = 0): string[][] {
  if (depth > 4) return [];
  const d = defOf(unwrap(root).schema);
  if (d.type === 'object')
    return Object.entries(d.shape as Record<string, Schema>).flatMap(([k, f]) => [
      [...path, k],
      ...fieldPaths(f, [...path, k], depth + 1),
    ]);
  if (d.type === 'array') return fieldPaths(d.element, [...path, '0'], depth + 1);
  return [];
}

function setAt(obj: unknown, path: string[], value: unknown, remove = false): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  const base = Array.isArray(obj) ? [...obj] : obj && typeof obj === 'object' ? { ...obj } : {};
  const holder = base as Record<string, unknown>;
  if (remove && !rest.length) {
    delete holder[head];
    return base;
  }
  holder[head] = setAt(holder[head], rest, value, remove);
  return base;
}

/** An own property, also for __proto__ (as JSON.parse makes it on the server). */
const withOwn = (obj: Record<string, unknown>, key: string, value: unknown) => {
  const out = { ...obj };
  Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  return out;
};

type Kind = 'spoiled field' | 'missing field' | 'extra fields' | 'junk payload';
interface Case {
  /** The action takes no input: extra fields are dropped, so it must answer as it does to `{}`. */
  noInput?: boolean;
  /** The contract accepts it (an impossible date, an id nobody has): a caller without the role is refused first. */
  refusedAs?: string;
  fn: string;
  action: string;
  kind: Kind;
  caller: Caller;
  payload: Record<string, unknown>;
}

function casesFor(fn: string, action: string, schema: Schema): fc.Arbitrary<Case> {
  const paths = fieldPaths(schema);
  const required = paths.filter((p) => p.length === 1 && !unwrap(defOf(schema).shape?.[p[0]] ?? schema).optional);
  const base = objectOf(unwrap(schema).schema, 0);
  const kinds: Array<fc.Arbitrary<[Kind, Record<string, unknown>]>> = [
    fc
      .tuple(
        fc.oneof(
          fc.record({}),
          deepJunk.filter((j) => !!j && typeof j === 'object' && !Array.isArray(j)),
        ),
        junk,
      )
      .map(([obj, v]) => ['junk payload', withOwn(obj as Record<string, unknown>, 'payload', v)]),
    fc
      .tuple(base, fc.constantFrom(...POLLUTION_KEYS, 'isAdmin', 'openid', 'role', '$set'), deepJunk, junk)
      .map(([obj, key, v, spoil]) => {
        const spoiled = paths.length ? (setAt(obj, paths[0], spoil) as Record<string, unknown>) : obj;
        return ['extra fields', withOwn(spoiled, key, v)];
      }),
  ];
  if (paths.length)
    kinds.push(
      fc
        .tuple(base, fc.constantFrom(...paths), junk)
        .map(([obj, path, v]) => ['spoiled field', setAt(obj, path, v) as Record<string, unknown>]),
      fc
        .tuple(base, fc.constantFrom(...paths), junk, fc.constantFrom(...paths), junk)
        .map(([obj, p1, v1, p2, v2]) => [
          'spoiled field',
          setAt(setAt(obj, p1, v1), p2, v2) as Record<string, unknown>,
        ]),
    );
  if (required.length)
    kinds.push(
      fc
        .tuple(base, fc.constantFrom(...required))
        .map(([obj, path]) => ['missing field', setAt(obj, path, undefined, true) as Record<string, unknown>]),
    );
  return fc
    .tuple(fc.oneof(...kinds), fc.constantFrom(...CALLERS))
    .map(([[kind, payload], caller]) => ({ fn, action, kind, caller, payload }));
}

// ---- the database, as the local cloud holds it ----

/** Every document of the environment, hashed per collection (a mismatch names the collection). */
function databaseHash(): Record<string, string> {
  const db = (w.t.running.cloud.db as any).env(w.env) as { collections: Map<string, { docs: Map<unknown, unknown> }> };
  const out: Record<string, string> = {};
  for (const name of [...db.collections.keys()].sort()) {
    const rows = [...db.collections.get(name)!.docs.values()].map((d) => JSON.stringify(d)).sort();
    out[name] = `${rows.length} docs ${createHash('sha256').update(rows.join('\u0000')).digest('hex').slice(0, 16)}`;
  }
  return out;
}

async function call(c: Case): Promise<{ status: number; body: any }> {
  const res = await fetch(`${w.t.running.url}/client/functions/${c.fn}?env=${w.env}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(c.caller.openid ? { 'x-wx-openid': c.caller.openid } : { 'x-wx-anonymous': '1' }),
    },
    body: JSON.stringify({ ...c.payload, action: c.action }),
  });
  return { status: res.status, body: await res.json().catch(() => undefined) };
}

async function inFlight<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) await run(items[next++]);
    }),
  );
}

const dated = (payload: unknown) => IMPOSSIBLE_DATES.some((d) => JSON.stringify(payload).includes(d));

test(`${CASES} bad payloads over every action and caller: INVALID_INPUT, never INTERNAL, database unchanged`, async () => {
  const actions = Object.entries(contracts).flatMap(([fn, acts]) =>
    Object.entries(acts as Record<string, { input: Schema }>).map(([action, c]) => ({
      fn,
      action,
      schema: c.input,
    })),
  );
  const perAction = Math.ceil(CASES / actions.length);
  const sent: Case[] = [];
  const short: Record<string, number> = {};
  const accepted: Record<string, number> = {};
  let acceptedDates = 0;
  actions.forEach(({ fn, action, schema }, k) => {
    // Each action draws from its own seed, so adding an action leaves the others' cases as they were.
    const cases = fc.sample(casesFor(fn, action, schema), { seed: SEED + k, numRuns: perAction * 2 });
    const noInput = fieldPaths(schema).length === 0;
    let taken = 0;
    for (const c of cases) {
      if (taken === perAction) break;
      if (noInput) c.noInput = true;
      else if (check(schema, c.payload).ok) {
        accepted[`${fn}.${action}`] = (accepted[`${fn}.${action}`] ?? 0) + 1;
        if (dated(c.payload)) acceptedDates++;
        // The console's function answers nobody but an admin or a supplier, whatever the input.
        if (fn === 'admin' && !['admin', 'supplier'].includes(c.caller.name)) {
          c.refusedAs = c.caller.openid ? ErrorCodes.FORBIDDEN : ErrorCodes.UNAUTHENTICATED;
          sent.push(c);
        }
        continue;
      }
      sent.push(c);
      taken++;
    }
    if (taken < perAction) short[`${fn}.${action}`] = taken;
  });

  // What each input-less action answers each caller for `{}` (this also starts the instances). One that
  // writes for that caller (admin's commission.reconcile moves its cursor) does its job: its cases are not sent.
  const plain = new Map<string, string>();
  for (const { fn, action } of actions.filter((a) => fieldPaths(a.schema).length === 0))
    for (const caller of CALLERS) {
      const was = JSON.stringify(databaseHash());
      const { body } = await call({ fn, action, caller, kind: 'junk payload', payload: {} });
      if (JSON.stringify(databaseHash()) === was)
        plain.set(`${fn}.${action}.${caller.name}`, body?.ok ? 'ok' : String(body?.code));
    }
  const writers = sent.filter((c) => c.noInput && !plain.has(`${c.fn}.${c.action}.${c.caller.name}`));
  sent.splice(0, sent.length, ...sent.filter((c) => !writers.includes(c)));
  const before = databaseHash();
  const started = Date.now();
  const wrong: string[] = [];
  const perFunction: Record<string, number> = {};
  const byCode: Record<string, number> = {};
  await inFlight(sent, CONCURRENCY, async (c) => {
    const { status, body } = await call(c);
    perFunction[c.fn] = (perFunction[c.fn] ?? 0) + 1;
    const code = body?.ok === false ? String(body.code) : body?.ok === true ? 'ok' : `HTTP ${status}`;
    byCode[code] = (byCode[code] ?? 0) + 1;
    const good =
      status === 200 &&
      (c.noInput
        ? code === plain.get(`${c.fn}.${c.action}.${c.caller.name}`) && code !== ErrorCodes.INTERNAL
        : c.refusedAs
          ? code === c.refusedAs
          : body?.ok === false && body.code === ErrorCodes.INVALID_INPUT && typeof body.message === 'string');
    if (!good && wrong.length < 20)
      wrong.push(
        `${c.fn}.${c.action} as ${c.caller.name} (${c.kind}) → ${code}: ${JSON.stringify(c.payload).slice(0, 300)}`,
      );
  });
  const seconds = (Date.now() - started) / 1000;
  const after = databaseHash();

  console.log(
    JSON.stringify(
      {
        seed: SEED,
        sent: sent.length,
        actions: actions.length,
        perFunction,
        byCode,
        acceptedBySchema: Object.values(accepted).reduce((a, b) => a + b, 0),
        acceptedImpossibleDates: acceptedDates,
        notSentToWriters: writers.length,
        short,
        seconds,
      },
      null,
      1,
    ),
  );
  expect(wrong).toEqual([]);
  expect(sent.length).toBeGreaterThanOrEqual(Math.min(CASES, 10_000));
  expect(after).toEqual(before);
});

test('an action name that is missing, unknown or not a string answers UNKNOWN_ACTION from every function', async () => {
  const before = databaseHash();
  const names: unknown[] = [
    undefined,
    '',
    'nope',
    'constructor',
    '__proto__',
    'toString',
    'hasOwnProperty',
    7,
    ['me'],
    { a: 1 },
  ];
  const answers: string[] = [];
  await inFlight(
    Object.keys(contracts).flatMap((fn) =>
      names.flatMap((action) => CALLERS.map((caller) => ({ fn, action, caller }))),
    ),
    CONCURRENCY,
    async ({ fn, action, caller }) => {
      const res = await fetch(`${w.t.running.url}/client/functions/${fn}?env=${w.env}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(caller.openid ? { 'x-wx-openid': caller.openid } : { 'x-wx-anonymous': '1' }),
        },
        body: JSON.stringify(action === undefined ? { outTradeNo: 'T1' } : { action }),
      });
      const body = await res.json();
      if (body?.code !== ErrorCodes.UNKNOWN_ACTION)
        answers.push(`${fn} ${JSON.stringify(action)} as ${caller.name}: ${JSON.stringify(body)}`);
    },
  );
  expect(answers).toEqual([]);
  expect(databaseHash()).toEqual(before);
});
