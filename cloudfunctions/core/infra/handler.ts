import type { z } from 'zod';
import { ErrorCodes, type Envelope } from '../../../typings/envelope';
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

export interface ActionDef<S extends z.ZodType, R> {
  input: S;
  run(input: z.infer<S>, ctx: CallContext): Promise<R>;
}

export function action<S extends z.ZodType, R>(input: S, run: (input: z.infer<S>, ctx: CallContext) => Promise<R>) {
  return { input, run } as ActionDef<S, R>;
}

/**
 * The whole shape of a cloud function: look up the action, validate its input
 * before anything else, run it, and answer an envelope. Authorization lives in
 * each use case because it depends on the data (whose order, which point).
 */
export function createHandler(
  actions: Record<string, ActionDef<any, any>>,
  context: () => CallContext,
): (event: Record<string, unknown>) => Promise<Envelope<unknown>> {
  return async (event) => {
    const name = typeof event?.action === 'string' ? event.action : '';
    const def = Object.prototype.hasOwnProperty.call(actions, name) ? actions[name] : undefined;
    if (!def) return { ok: false, code: ErrorCodes.UNKNOWN_ACTION, message: `unknown action: ${name}` };
    const { action: _action, ...payload } = event;
    const parsed = def.input.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return {
        ok: false,
        code: ErrorCodes.INVALID_INPUT,
        message: `${issue.path.join('.') || 'input'}: ${issue.message}`,
      };
    }
    try {
      return { ok: true, data: await def.run(parsed.data, context()) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, code: err.code, message: err.message };
      const e = err as { errCode?: number; message?: string };
      console.error(`[${name}]`, err);
      // Database trouble the caller can retry (including injected faults).
      if (e?.errCode === -502001 || /DATABASE_REQUEST_FAILED|TRANSACTION_CONFLICT/.test(String(e?.message)))
        return { ok: false, code: ErrorCodes.UNAVAILABLE, message: '服务繁忙，请重试' };
      return { ok: false, code: ErrorCodes.INTERNAL, message: '系统错误' };
    }
  };
}
