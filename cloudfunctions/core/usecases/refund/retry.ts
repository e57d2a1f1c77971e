import type { RefundRecord } from '../../domain/pay-records';
import { fail } from '../../infra/errors';
import { payDeps, type PayDeps } from '../pay/deps';
import { refundLines } from './lines';
import { sendRefund } from './send';

/**
 * The admin asks again for a refund WeChat Pay refused or reported 退款异常 /
 * 退款关闭: under its own out_refund_no (WeChat Pay: 一笔退款失败后重新提交，
 * 请使用原商户退款单号), the same lines and amount, reserved on the payment
 * again. Only a failed refund can be retried; a second click on one already
 * retried answers it as it is now.
 */
export async function retryRefund(outRefundNo: string, deps: PayDeps = payDeps): Promise<RefundRecord> {
  const record = await deps.refunds.refundById(outRefundNo);
  if (!record) throw fail.notFound('退款');
  if (record.status === 'success') throw fail.state('该退款已成功，无需重试');
  if (record.kind === 'lines') {
    const lines = record.lines.map(({ batchItemId, qty }) => ({ batchItemId, qty }));
    return refundLines(record.orderId, lines, record.reason, outRefundNo, deps, {
      retry: true,
      couponBack: record.couponBack,
    });
  }
  // A void refund gives back a cancelled order's payment: nothing is reserved, it is simply asked for again.
  const reopened = await deps.inMoneyTx(async (tx) => {
    const now = await tx.refund(outRefundNo);
    if (now?.status !== 'failed') return now ?? record;
    await tx.updateRefund(outRefundNo, { status: 'requested' });
    return { ...now, status: 'requested' as const };
  });
  return sendRefund(reopened, deps);
}
