import { pay } from '../../typings/contracts/pay';
import { createHandler, type ActionTable } from '../core/infra/handler';
import { callContext, isPlatformCall } from '../core/infra/cloud';
import { answerPayNotice, readPayNotice } from '../core/usecases/pay/notice';
import { preparePayment } from '../core/usecases/pay/prepare';
import { refundByAdmin } from '../core/usecases/refund/by-admin';

/**
 * pay: the mini-program asks for payment parameters (prepare), and WeChat Pay
 * calls this same function with payment and refund notifications (the
 * functionName given to unifiedOrder and refund). Refunds are a core use case
 * (core/usecases/refund/lines) for the functions that decide them; `refund`
 * here is the admin console's door to it (the use case checks the admin role).
 */
const payActions: ActionTable<typeof pay> = {
  prepare: async (input, ctx) => preparePayment(input.orderId, ctx),
  refund: async (input, ctx) => refundByAdmin(input, ctx),
};
const handle = createHandler(pay, payActions, callContext);

/**
 * Only WeChat Pay's own calls are read as notifications. Anything a client sends goes
 * through the action table, where an event without an action is UNKNOWN_ACTION like any
 * other: a resident learns nothing about anybody's payment from it.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  const notice = isPlatformCall() ? readPayNotice(event) : undefined;
  return notice ? answerPayNotice(notice) : handle(event);
}
