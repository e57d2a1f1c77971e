import { HttpError, RawReply, type HttpHandler, type HttpRequest } from '../types';
import type { PayService } from './service';
import type { SimulateOptions } from './types';

/**
 * The HTTP side of the emulated WeChat Pay: the control API (simulate payments and
 * refunds, deliver queued notices, list what happened) and the client gateway's
 * wx.requestPayment.
 */
export function payRoutes(pay: PayService): Record<string, HttpHandler> {
  return {
    'POST /__localcloud/pay/': (req) => controlPost(pay, req),
    'GET /__localcloud/pay/': (req) => controlGet(pay, req),
    'POST /client/requestPayment': (req) => clientRequestPayment(pay, req),
  };
}

/**
 * What each control route reads from its JSON body, in the words its errors use:
 * a wrong body answers 400 with the shape expected (emulator/README.md lists them).
 */
const MODE = '"mode"?: "normal" | "duplicate" | "delayed", "times"?: 1..20 (duplicate), "parallel"?: boolean';
export const PAY_CONTROL_BODIES: Record<string, string> = {
  simulate: `{"outTradeNo": string, "env"?: string, "openid"?: string, "subMchId"?: string, ${MODE}}`,
  simulateRefund: `{"outRefundNo": string, "env"?: string, "status"?: "SUCCESS" | "CHANGE" | "REFUNDCLOSE", ${MODE}}`,
  deliver: '{"noticeId": string} or {"env"?: string, "order"?: "oldest" | "newest"}',
};
const CONTROLS = Object.keys(PAY_CONTROL_BODIES).join(', ');
const LISTINGS = 'orders, refunds, notices';

type Body = Record<string, unknown>;
const isText = (v: unknown) => typeof v === 'string' && v.length > 0;
const optional = (v: unknown, ok: (v: unknown) => boolean) => v === undefined || ok(v);

/** Why a control body is wrong (a field name and what it should be), or undefined. */
function problem(control: string, b: Body): string | undefined {
  const simulation = (): string | undefined => {
    if (!optional(b.mode, (v) => v === 'normal' || v === 'duplicate' || v === 'delayed'))
      return '"mode" must be "normal", "duplicate" or "delayed"';
    if (!optional(b.times, (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 20))
      return '"times" must be an integer 1..20';
    if (!optional(b.parallel, (v) => typeof v === 'boolean')) return '"parallel" must be true or false';
    return undefined;
  };
  if (!optional(b.env, isText)) return '"env" must be a non-empty string';
  switch (control) {
    case 'simulate':
      if (!isText(b.outTradeNo)) return '"outTradeNo" (the order number given to unifiedOrder) is missing';
      if (!optional(b.openid, isText)) return '"openid" must be a non-empty string';
      if (!optional(b.subMchId, isText)) return '"subMchId" must be a non-empty string';
      return simulation();
    case 'simulateRefund':
      if (!isText(b.outRefundNo)) return '"outRefundNo" (the refund number given to cloudPay.refund) is missing';
      if (!optional(b.status, (v) => v === 'SUCCESS' || v === 'CHANGE' || v === 'REFUNDCLOSE'))
        return '"status" must be "SUCCESS", "CHANGE" or "REFUNDCLOSE"';
      return simulation();
    case 'deliver':
      if (!optional(b.noticeId, isText)) return '"noticeId" must be a non-empty string';
      if (!optional(b.order, (v) => v === 'oldest' || v === 'newest')) return '"order" must be "oldest" or "newest"';
      return undefined;
    default:
      return undefined;
  }
}

async function controlPost(pay: PayService, req: HttpRequest): Promise<unknown> {
  const expected = PAY_CONTROL_BODIES[req.path];
  if (!expected) throw new HttpError(404, `no pay control "${req.path}": POST /__localcloud/pay/<${CONTROLS}>`);
  const body = jsonBody(req, `POST /__localcloud/pay/${req.path} expects ${expected}`);
  const wrong = problem(req.path, body);
  if (wrong) throw new HttpError(400, `${wrong}; POST /__localcloud/pay/${req.path} expects ${expected}`);
  const env = String(body.env ?? req.query.get('env') ?? 'local-env');
  const simulation = { mode: body.mode, times: body.times, parallel: body.parallel } as SimulateOptions;
  switch (req.path) {
    case 'simulate':
      return pay.simulatePay(env, String(body.outTradeNo), {
        ...simulation,
        openid: body.openid as string | undefined,
        subMchId: body.subMchId as string | undefined,
      });
    case 'simulateRefund':
      return pay.simulateRefund(env, String(body.outRefundNo), {
        ...simulation,
        status: body.status as 'SUCCESS' | 'CHANGE' | 'REFUNDCLOSE' | undefined,
      });
    default:
      return body.noticeId
        ? pay.deliver(String(body.noticeId))
        : pay.deliverAll(env, body.order as 'oldest' | 'newest' | undefined);
  }
}

function controlGet(pay: PayService, req: HttpRequest): unknown {
  const env = req.query.get('env') || 'local-env';
  switch (req.path) {
    case 'orders':
      return pay.listOrders(env);
    case 'refunds':
      return pay.listRefunds(env);
    case 'notices':
      return pay.notices(env);
    default:
      throw new HttpError(404, `no pay listing "${req.path}": GET /__localcloud/pay/<${LISTINGS}>?env=<env>`);
  }
}

/**
 * The mini-program's local mode of wx.requestPayment: finds the order by the
 * prepay_id in `package`, pays it as the X-WX-OPENID user and answers like the success callback.
 */
async function clientRequestPayment(pay: PayService, req: HttpRequest): Promise<unknown> {
  const body = jsonBody(req, REQUEST_PAYMENT_BODY);
  const env = String(body.env ?? req.query.get('env') ?? 'local-env');
  const prepayId = String(body.package ?? '').replace(/^prepay_id=/, '') || String(body.prepayId ?? '');
  const order = pay.findOrder(env, { prepayId });
  const fail = (errMsg: string) =>
    new RawReply(Buffer.from(JSON.stringify({ errMsg })), 'application/json; charset=utf-8', 400);
  if (!order) return fail(`requestPayment:fail prepay_id not found; expects ${REQUEST_PAYMENT_BODY}`);
  if (body.cancel) return fail('requestPayment:fail cancel');
  if (order.state !== 'NOTPAY') return fail(`requestPayment:fail order is ${order.state}`);
  const openid = req.headers['x-wx-openid'];
  await pay.simulatePay(env, order.outTradeNo, {
    subMchId: order.subMchId,
    openid: Array.isArray(openid) ? openid[0] : openid,
    mode: body.mode as SimulateOptions['mode'],
  });
  return { errMsg: 'requestPayment:ok' };
}

/** What wx.requestPayment's local mode sends: the payment parameters pay.prepare answered. */
const REQUEST_PAYMENT_BODY =
  '{"package": "prepay_id=<id>" (or "prepayId"), "env"?: string, "cancel"?: true} with header X-WX-OPENID';

function jsonBody(req: HttpRequest, expected: string): Body {
  if (req.body.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new HttpError(400, `body is not JSON; ${expected}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new HttpError(400, `body is not a JSON object; ${expected}`);
  return parsed as Body;
}
