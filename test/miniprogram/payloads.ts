/**
 * Fails any mini-program test in which the mini-program called an action with a
 * payload the function's contract (typings/contracts) refuses, whatever the stub
 * answered: a client and the server can no longer drift apart unnoticed. Runs
 * after each test (jest `setupFilesAfterEnv`), over both transports' calls.
 */
import { contractRefusal } from '../contract-check';
import { wxMock } from './setup';

/** Calls of a mock already checked (a test file may keep its mocks across tests). */
const checked = new WeakMap<object, number>();
function newCalls(mock: jest.Mock): any[] {
  const all = mock.mock.calls.map((args) => args[0]);
  const fresh = all.slice(checked.get(mock) ?? 0);
  checked.set(mock, all.length);
  return fresh;
}

/** Every function call the mini-program made through either transport since the last check. */
function callsMade(): Array<{ fn: string; data: Record<string, unknown> }> {
  const cloud = newCalls(wxMock.cloud.callFunction).map((o) => ({ fn: o?.name, data: o?.data }));
  const local = newCalls(wxMock.request).flatMap((o) => {
    const m = /\/client\/functions\/([^/?]+)/.exec(String(o?.url));
    return m ? [{ fn: m[1], data: o?.data }] : [];
  });
  return [...cloud, ...local];
}

let refusalsAllowed = false;
/** For a test that sends a refused payload on purpose (the server's answer is what it tests). */
export function allowRefusedPayloads(): void {
  refusalsAllowed = true;
}

afterEach(() => {
  const calls = callsMade();
  const allowed = refusalsAllowed;
  refusalsAllowed = false;
  if (allowed) return;
  const refused = calls.map((c) => contractRefusal(c.fn, c.data)).filter(Boolean);
  if (refused.length) throw new Error(`the server would refuse these calls:\n${refused.join('\n')}`);
});
