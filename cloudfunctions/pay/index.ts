import { z } from 'zod';
import { action, createHandler } from '../core/infra/handler';
import { callContext, isPayPlatformCall } from '../core/infra/cloud';
import { answerPayNotice, readPayNotice } from '../core/usecases/pay/notice';
import { preparePayment } from '../core/usecases/pay/prepare';
import { refundByAdmin } from '../core/usecases/refund/by-admin';
import { id, requestedLines } from '../core/infra/schemas';

/**
 * pay: the mini-program asks for payment parameters (prepare), and WeChat Pay
 * calls this same function with payment and refund notifications (the
 * functionName given to unifiedOrder and refund). Refunds are a core use case
 * (core/usecases/refund/lines) for the functions that decide them; `refund`
 * here is the admin console's door to it.
 */
const handle = createHandler(
  {
    prepare: action(z.object({ orderId: id }), (input, ctx) => preparePayment(input.orderId, ctx)),
    /** Admin only (role checked in the use case): refund lines of a paid order. */
    refund: action(
      z.object({
        orderId: id,
        lines: requestedLines(20),
        reason: z.string().trim().min(1).max(80),
        outRefundNo: z.string().regex(/^[A-Za-z0-9_|*@-]{1,64}$/),
      }),
      (input, ctx) => refundByAdmin(input, ctx),
    ),
  },
  callContext,
);

/**
 * Only WeChat Pay's own calls are read as notifications. Anything a client sends goes
 * through the action table, where an event without an action is UNKNOWN_ACTION like any
 * other: a resident learns nothing about anybody's payment from it.
 */
export async function main(event: Record<string, unknown>): Promise<unknown> {
  const notice = isPayPlatformCall() ? readPayNotice(event) : undefined;
  return notice ? answerPayNotice(notice) : handle(event);
}
