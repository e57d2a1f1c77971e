/**
 * THE contracts: every action of every cloud function, its input schema and what
 * it answers. The functions validate with these schemas; the console and the
 * mini-program type their calls from them (the mini-program with `import type`
 * only, so zod never ships in it).
 */
import { admin } from './admin';
import { catalog } from './catalog';
import { commission } from './commission';
import type { Input, Result } from './define';
import { events } from './events';
import { leader } from './leader';
import { notify } from './notify';
import { order } from './order';
import { pay } from './pay';
import { supply } from './supply';
import { user } from './user';

export const contracts = { admin, catalog, commission, events, leader, notify, order, pay, supply, user };

export type Api = typeof contracts;
export type FunctionName = keyof Api;
export type ActionName<F extends FunctionName> = keyof Api[F] & string;
export type ActionInput<F extends FunctionName, A extends ActionName<F>> = Input<Api[F][A]>;
export type ActionOutput<F extends FunctionName, A extends ActionName<F>> = Result<Api[F][A]>;
