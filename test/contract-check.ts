import { contracts } from '../typings/contracts';
import { check } from '../typings/contracts/messages';

/**
 * What a cloud function would answer INVALID_INPUT or UNKNOWN_ACTION to, checked
 * with the very contracts it validates with: the client tests (mini-program and
 * console) fail on it, so a client and the server cannot drift apart unnoticed.
 * Answers the refusal in words, or undefined when the call would pass.
 */
export function contractRefusal(fn: string, data: Record<string, unknown> | undefined): string | undefined {
  const { action, ...payload } = data ?? {};
  const table = (contracts as Record<string, Record<string, { input: any }>>)[fn];
  const c =
    typeof action === 'string' && table && Object.prototype.hasOwnProperty.call(table, action)
      ? table[action]
      : undefined;
  if (!c) return `${fn}.${String(action)} is no action of the contracts`;
  const r = check(c.input, payload);
  return r.ok ? undefined : `${fn}.${String(action)} ${JSON.stringify(payload)} is refused: ${r.message}`;
}
