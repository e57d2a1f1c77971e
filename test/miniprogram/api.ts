/**
 * Answers wx.cloud.callFunction in page tests the way the cloud functions do: envelopes.
 * Routes are keyed '<function>.<action>'; a route not given fails the call loudly.
 */
import { wxMock } from './setup';
import type { ErrorCode } from '../../typings/envelope';

type Handler = (input: any) => unknown;

const FAIL = Symbol('fail');
const REJECT = Symbol('reject');

/** An envelope error answer: {ok:false, code, message}. */
export const failWith = (code: ErrorCode, message = 'test failure') => ({ [FAIL]: { code, message } });
/** The call itself rejects (network down, function crashed). */
export const networkDown = () => ({ [REJECT]: true });

export interface ApiStub {
  /** Inputs (without `action`) the given route was called with, in order. */
  calls(route: string): any[];
  /** Replaces or adds routes. */
  set(routes: Record<string, Handler | unknown>): void;
}

export function stubApi(initial: Record<string, Handler | unknown>): ApiStub {
  const routes: Record<string, Handler | unknown> = { ...initial };
  const log: { route: string; input: any }[] = [];
  wxMock.cloud.callFunction.mockImplementation(async ({ name, data }: { name: string; data: any }) => {
    const { action, ...input } = data ?? {};
    const route = `${name}.${action}`;
    log.push({ route, input });
    if (!(route in routes)) throw new Error(`no stub for ${route}`);
    const route_ = routes[route];
    const answer = typeof route_ === 'function' ? await (route_ as Handler)(input) : route_;
    if (answer && typeof answer === 'object' && REJECT in answer)
      throw { errCode: -1, errMsg: 'cloud.callFunction:fail network' };
    if (answer && typeof answer === 'object' && FAIL in answer)
      return { result: { ok: false, ...(answer as any)[FAIL] } };
    return { result: { ok: true, data: answer } };
  });
  return {
    calls: (route) => log.filter((c) => c.route === route).map((c) => c.input),
    set: (more) => Object.assign(routes, more),
  };
}
