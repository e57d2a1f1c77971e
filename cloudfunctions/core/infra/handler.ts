import type { Contract, Contracts, Parsed, Result } from '../../../typings/contracts/define';
import { check } from '../../../typings/contracts/messages';
import { ErrorCodes, ErrorTexts, type Envelope } from '../../../typings/envelope';
import { AppError } from './errors';

export interface CallContext {
  /** From cloud.getWXContext() only; undefined for timers and server-side calls. */
  openid?: string;
  /**
   * The CloudBase user of a web client (the console signed in with CloudBase auth),
   * from the platform's TCB_UUID context; never from the event.
   */
  webUid?: string;
  source: string;
}

/** What runs an action: gets the input as the contract's schema parsed it, answers the contract's result. */
export type UseCase<C extends Contract> = (input: Parsed<C>, ctx: CallContext) => Promise<Result<C>>;

/**
 * A function's action table: one use case per contract, none missing, none
 * extra, each answering its contract's result type (checked at compile time).
 */
export type ActionTable<T extends Contracts> = { [A in keyof T]: UseCase<T[A]> };

/**
 * The whole shape of a cloud function: look up the action, validate its input
 * with the contract before anything else, run it, and answer an envelope.
 * Authorization lives in each use case because it depends on the data (whose
 * order, which point).
 */
export function createHandler<T extends Contracts>(
  contracts: T,
  table: ActionTable<T>,
  context: () => CallContext,
): (event: Record<string, unknown>) => Promise<Envelope<unknown>> {
  const missing = Object.keys(contracts).filter((name) => typeof table[name] !== 'function');
  if (missing.length) throw new Error(`no use case for ${missing.join(', ')}`);
  return async (event) => {
    const name = typeof event?.action === 'string' ? event.action : '';
    const known = Object.prototype.hasOwnProperty.call(contracts, name);
    if (!known) return { ok: false, code: ErrorCodes.UNKNOWN_ACTION, message: `${ErrorTexts.UNKNOWN_ACTION}：${name}` };
    const { action: _action, ...payload } = event;
    const input = check(contracts[name].input, payload);
    if (!input.ok) return { ok: false, code: ErrorCodes.INVALID_INPUT, message: input.message };
    try {
      return { ok: true, data: await table[name](input.data as Parsed<T[string]>, context()) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
      const e = err as { errCode?: number; message?: string };
      console.error(`[${name}]`, err);
      // Database trouble the caller can retry (including injected faults).
      if (
        e?.errCode === -502001 ||
        /DATABASE_REQUEST_FAILED|TRANSACTION_CONFLICT|TransactionConflict/.test(String(e?.message))
      )
        return { ok: false, code: ErrorCodes.UNAVAILABLE, message: ErrorTexts.UNAVAILABLE };
      return { ok: false, code: ErrorCodes.INTERNAL, message: ErrorTexts.INTERNAL };
    }
  };
}
