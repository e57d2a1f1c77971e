import * as z from 'zod/mini';

/** Type-only key: what an action answers lives in the type, never at run time. */
declare const answer: unique symbol;

/** Any zod schema (zod/mini: classic zod costs ~27 ms of every function's cold start). */
export type Schema = z.core.$ZodType;

/**
 * A copy of the schema carrying the field's name as a user knows it (`label(id, '团期')`):
 * INVALID_INPUT messages say `团期不能为空`. Like classic zod's `.meta({ label })`: the
 * shared shape stays unlabelled, so one id can be a 团期 here and an 订单 there.
 */
export function label<S extends z.ZodMiniType>(schema: S, text: string): S {
  const copy = schema.clone();
  z.globalRegistry.add(copy, { label: text });
  return copy;
}

/**
 * One action's contract: the zod schema its input must pass (the cloud function
 * validates with it, the clients type their calls from it) and the type of what
 * it answers (the envelope's data). Written once, in typings/contracts/.
 */
export interface Contract<S extends Schema = Schema, R = unknown> {
  readonly input: S;
  readonly [answer]?: R;
}

/**
 * `contract(() => z.object({...})).answers<OrderView>()`. The schema is built the
 * first time it is read: a cold start of a function serves one action and so
 * builds one schema of its dozens (building them all was most of its load time).
 */
export function contract<S extends Schema>(build: () => S) {
  return {
    answers: <R>(): Contract<S, R> => {
      let input: S | undefined;
      return {
        get input() {
          return (input ??= build());
        },
      };
    },
  };
}

export type Contracts = Record<string, Contract>;

/** What a client sends (fields with a default may be left out). */
export type Input<C> = C extends Contract<infer S> ? z.input<S> : never;
/** What the use case receives once the input passed the schema (defaults filled in). */
export type Parsed<C> = C extends Contract<infer S> ? z.output<S> : never;
/** What the action answers: the envelope's data. */
export type Result<C> = C extends Contract<Schema, infer R> ? R : never;

type Merged<T extends Contracts[]> = T extends [infer H, ...infer R extends Contracts[]] ? H & Merged<R> : unknown;

/**
 * One function's contracts from one module per area (the admin function). A name
 * defined by two modules is a bug (one would silently hide the other), so it fails
 * at load, which every test of the function sees at once.
 */
export function compose<T extends Contracts[]>(...modules: T): Merged<T> {
  const all: Contracts = {};
  for (const m of modules) {
    for (const [name, c] of Object.entries(m)) {
      if (name in all) throw new Error(`action "${name}" is defined twice`);
      all[name] = c;
    }
  }
  return all as Merged<T>;
}
