import type { Order, OrderShipping } from '../../../../typings/models';
import { now } from '../../infra/clock';
import { subMchId } from '../../infra/pay-gateway';
import { uploadShippingInfo } from '../../infra/wechat';
import * as orders from '../../repos/orders';
import { pickupPointById } from '../../repos/pickup-points';

/** What uploading shipping info reaches; the real repositories and WeChat by default. */
export interface ShippingDeps {
  orders: Pick<typeof orders, 'claimShipping' | 'finishShipping' | 'shippingToRetry'>;
  upload: typeof uploadShippingInfo;
}
export const shippingDeps: ShippingDeps = { orders, upload: uploadShippingInfo };

/** The item_desc limit (api_uploadshippinginfo: 限120个字以内). */
const ITEM_DESC_MAX = 120;

/**
 * The shipping record an order gets when it ends: the goods handed over at the
 * point as item_desc ('青菜*2、大米*1（自提点：…）'), pending upload; 'none'
 * when nothing was handed over (everything refunded), so nothing is uploaded.
 */
export function endedShipping(
  goods: Array<{ title: string; qty: number }>,
  pointName: string,
  at: Date,
): OrderShipping {
  const handed = goods.filter((g) => g.qty > 0);
  if (!handed.length) return { status: 'none', at };
  const text = `${handed.map((g) => `${g.title}*${g.qty}`).join('、')}（自提点：${pointName}）`;
  return { status: 'pending', at, itemDesc: Array.from(text).slice(0, ITEM_DESC_MAX).join('') };
}

/** The pickup point's name for item_desc. */
export const pointNameOf = async (pickupPointId: string) => (await pickupPointById(pickupPointId))?.name ?? '自提点';

/** RFC 3339 in Beijing time, as the shipping API's upload_time asks. */
const beijingRfc3339 = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().replace('Z', '+08:00');

type ShippingOrder = Pick<Order, '_id' | 'orderNo' | 'openid' | 'transactionId'> & { shipping?: OrderShipping };

/**
 * 发货信息录入 for a WeChat Pay order that ended at the point: logistics_type 4
 * (用户自提), unified delivery, the goods as item_desc. Without it WeChat holds
 * the settlement. One caller claims the upload (a guarded update) before
 * WeChat is asked, so it is never uploaded twice (a second upload would spend
 * the payment's one 重新发货 chance); a failure is recorded with its errcode
 * and retried by the leader timer.
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html
 */
export async function uploadShipping(
  order: ShippingOrder,
  deps: ShippingDeps = shippingDeps,
): Promise<'uploaded' | 'failed' | 'skipped'> {
  const desc = order.shipping?.itemDesc;
  if (!desc) return 'skipped';
  const at = now();
  if (!(await deps.orders.claimShipping(order._id, at))) return 'skipped';
  try {
    await deps.upload({
      order_key: order.transactionId
        ? { order_number_type: 2, transaction_id: order.transactionId }
        : { order_number_type: 1, mchid: subMchId(), out_trade_no: order.orderNo },
      logistics_type: 4,
      delivery_mode: 1,
      shipping_list: [{ item_desc: desc }],
      upload_time: beijingRfc3339(at),
      payer: { openid: order.openid },
    });
  } catch (err) {
    const errCode = Number((err as { errCode?: number })?.errCode ?? -1);
    console.error('[uploadShippingInfo]', order.orderNo, errCode, err);
    await deps.orders.finishShipping(order._id, 'failed', now(), errCode);
    return 'failed';
  }
  await deps.orders.finishShipping(order._id, 'uploaded', now());
  return 'uploaded';
}

export interface ShippingReport {
  uploaded: number;
  failed: number;
}

/** Timer: uploads what is pending or failed (or claimed by a caller that died), oldest first, a page per run. */
export async function retryShipping(deps: ShippingDeps = shippingDeps): Promise<ShippingReport> {
  const report: ShippingReport = { uploaded: 0, failed: 0 };
  for (const order of await deps.orders.shippingToRetry(now(), 200)) {
    const outcome = await uploadShipping(order, deps);
    if (outcome === 'uploaded') report.uploaded++;
    if (outcome === 'failed') report.failed++;
  }
  return report;
}
