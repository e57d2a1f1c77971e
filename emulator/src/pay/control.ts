import { HttpError, RawReply, type HttpHandler, type HttpRequest } from '../types';
import type { PayService } from './service';

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

async function controlPost(pay: PayService, req: HttpRequest): Promise<unknown> {
  const body = jsonBody(req);
  const env = String(body.env ?? req.query.get('env') ?? 'local-env');
  switch (req.path) {
    case 'simulate':
      return pay.simulatePay(env, String(body.outTradeNo ?? ''), {
        mode: body.mode,
        openid: body.openid,
        times: body.times,
        parallel: body.parallel,
        subMchId: body.subMchId,
      });
    case 'simulateRefund':
      return pay.simulateRefund(env, String(body.outRefundNo ?? ''), { mode: body.mode, times: body.times });
    case 'deliver':
      return body.noticeId ? pay.deliver(String(body.noticeId)) : pay.deliverAll(env, body.order);
    default:
      throw new HttpError(404, `no pay control ${req.path}`);
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
      throw new HttpError(404, `no pay listing ${req.path}`);
  }
}

/**
 * The mini-program's local mode of wx.requestPayment: finds the order by the
 * prepay_id in `package`, pays it as the X-WX-OPENID user and answers like the success callback.
 */
async function clientRequestPayment(pay: PayService, req: HttpRequest): Promise<unknown> {
  const body = jsonBody(req);
  const env = String(body.env ?? req.query.get('env') ?? 'local-env');
  const prepayId = String(body.package ?? '').replace(/^prepay_id=/, '') || String(body.prepayId ?? '');
  const order = pay.findOrder(env, { prepayId });
  const fail = (errMsg: string) =>
    new RawReply(Buffer.from(JSON.stringify({ errMsg })), 'application/json; charset=utf-8', 400);
  if (!order) return fail('requestPayment:fail prepay_id not found');
  if (body.cancel) return fail('requestPayment:fail cancel');
  if (order.state !== 'NOTPAY') return fail(`requestPayment:fail order is ${order.state}`);
  const openid = req.headers['x-wx-openid'];
  await pay.simulatePay(env, order.outTradeNo, {
    subMchId: order.subMchId,
    openid: Array.isArray(openid) ? openid[0] : openid,
    mode: body.mode,
  });
  return { errMsg: 'requestPayment:ok' };
}

function jsonBody(req: HttpRequest): Record<string, any> {
  if (req.body.length === 0) return {};
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}
