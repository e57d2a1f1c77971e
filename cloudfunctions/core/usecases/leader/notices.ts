import type { NoticeKind, NoticeRecord, RecordSubscriptionsResult, UnnotifiedResult } from '../../../../typings/leader';
import { MESSAGE_TEMPLATES, TEMPLATE_KEYS } from '../../../../typings/notices';
import { fitAmount, fitCharacterString, fitThing, goodsSummary } from '../../domain/notice-text';
import { businessDateTime } from '../../domain/time';
import { now } from '../../infra/clock';
import { requiredSetting, settingOrEmpty } from '../../infra/config';
import { sendSubscribeMessage } from '../../infra/wechat';
import { claimNotice, failedNoticesAt, markNotice } from '../../repos/notices';
import { templatesDoc } from '../../repos/settings';
import {
  addConsent,
  consentsOf,
  dropConsents,
  giveBackConsent,
  subscriptionId,
  takeConsent,
} from '../../repos/subscriptions';
import { buyersByIds } from '../../repos/users';
import type { LeaderCaller } from './context';

/** The last 4 digits of a phone, never more. */
export const phoneTail = (phone?: string): string => (phone && phone.length >= 4 ? phone.slice(-4) : '');

/**
 * Subscribe messages (订阅消息) through an outbox: the pickup notice, the pickup
 * reminder and the refund notice (typings/notices.ts MESSAGE_TEMPLATES, the one
 * list). Template ids come from the console's settings document
 * 'messageTemplates' (templates.<key>), else the key's env var (the local cloud
 * sets the development ids TPL_*). Without either, the steps that send a
 * required one (arrival, reminders) refuse with MISCONFIGURED; a refund is
 * simply not told. The pickup templates use the keywords thing1 商品, thing2
 * 自提点, character_string3 订单号, thing4 温馨提示 (typings/leader.ts
 * NotifySettings); the refund template character_string1, amount2, thing3, time4.
 */
/** Where a tap on a pickup notice opens. */
export const NOTICE_PAGE = 'pages/orders/index';
/** Where a tap on a refund notice opens: the order, with its refunds. */
export const refundNoticePage = (orderId: string) => `packages/order/detail/index?id=${orderId}`;

/** The id each notice would be sent with, by NoticeKind: '' when none is configured (the console shows it). */
export async function configuredTemplateIds(): Promise<Record<NoticeKind, string>> {
  const s = await templatesDoc();
  const out = {} as Record<NoticeKind, string>;
  for (const key of TEMPLATE_KEYS) {
    const { kind, env } = MESSAGE_TEMPLATES[key];
    out[kind] = s?.templates?.[key]?.trim() || settingOrEmpty(env);
  }
  return out;
}

/** The id each notice is sent with; MISCONFIGURED naming the missing setting when a required one has none. */
export async function templateIds(): Promise<Record<NoticeKind, string>> {
  const ids = await configuredTemplateIds();
  for (const key of TEMPLATE_KEYS) {
    const { kind, env, required } = MESSAGE_TEMPLATES[key];
    if (required && !ids[kind]) requiredSetting(env);
  }
  return ids;
}

export interface NoticeOrder {
  _id: string;
  orderNo: string;
  openid: string;
  batchId: string;
  pickupPointId: string;
  lines: Array<{ title: string; qty: number }>;
}

const NOTES: Record<'pickup' | 'reminder', string> = {
  pickup: '商品已到自提点，请凭取货码取货',
  reminder: '今天是取货最后一天，请尽快取货',
};

/**
 * Sends one notice per order and kind, ever: inserting the outbox document
 * (_id `<kind>|<orderId>`) is the claim, so a repeated arrival or timer run
 * finds it and sends nothing. A consent is taken from `subscriptions` with a
 * guarded decrement before WeChat is asked; none left → failed 'no_consent'
 * without a call; 43101 (the user refused or has no consent at WeChat) →
 * failed 'refused' and the counter is set to 0; another errcode gives the
 * consent back. Failed notices are what `unnotified` lists.
 */
export async function sendNotice(
  kind: 'pickup' | 'reminder',
  order: NoticeOrder,
  pointName: string,
  templateId: string,
): Promise<'sent' | 'failed' | 'skipped'> {
  const at = now();
  const data = {
    thing1: { value: goodsSummary(order.lines) },
    thing2: { value: fitThing(pointName) },
    character_string3: { value: fitCharacterString(order.orderNo) },
    thing4: { value: fitThing(NOTES[kind]) },
  };
  const notice: NoticeRecord = {
    _id: `${kind}|${order._id}`,
    kind,
    orderId: order._id,
    orderNo: order.orderNo,
    openid: order.openid,
    batchId: order.batchId,
    pickupPointId: order.pickupPointId,
    templateId,
    page: NOTICE_PAGE,
    data,
    status: 'pending',
    createdAt: at,
  };
  return deliver(notice);
}

/** The refund a refund notice tells of (a refund record that WeChat Pay settled). */
export interface NoticeRefund {
  _id: string;
  orderId: string;
  orderNo: string;
  openid: string;
  refundFee: number;
  reason: string;
  finishedAt?: Date;
}

/**
 * 退款通知: one per refund, ever (outbox _id `refund|<outRefundNo>`), with the
 * amount in ¥ and the reason; sent only on a consent the resident has left for
 * the template, like the pickup notice (see sendNotice).
 */
export async function sendRefundNotice(
  refund: NoticeRefund,
  order: { batchId: string; pickupPointId: string },
  templateId: string,
): Promise<'sent' | 'failed' | 'skipped'> {
  const at = now();
  const page = refundNoticePage(refund.orderId);
  return deliver({
    _id: `refund|${refund._id}`,
    kind: 'refund',
    orderId: refund.orderId,
    orderNo: refund.orderNo,
    refundNo: refund._id,
    openid: refund.openid,
    batchId: order.batchId,
    pickupPointId: order.pickupPointId,
    templateId,
    page,
    data: {
      character_string1: { value: fitCharacterString(refund.orderNo) },
      amount2: { value: fitAmount(refund.refundFee) },
      thing3: { value: fitThing(refund.reason || '退款') },
      time4: { value: businessDateTime(refund.finishedAt ?? at) },
    },
    status: 'pending',
    createdAt: at,
  });
}

/** Claims the outbox document, takes a consent, asks WeChat; see sendNotice for each outcome. */
async function deliver(notice: NoticeRecord): Promise<'sent' | 'failed' | 'skipped'> {
  const at = notice.createdAt;
  const { openid: touser, templateId, page, data } = notice;
  if (!(await claimNotice(notice))) return 'skipped';
  const mark = (fields: Partial<NoticeRecord>) => markNotice(notice._id, fields);
  const subId = subscriptionId(touser, templateId);
  if (!(await takeConsent(subId, at))) {
    await mark({ status: 'failed', reason: 'no_consent' });
    return 'failed';
  }
  try {
    await sendSubscribeMessage({ touser, templateId, page, data });
  } catch (err) {
    const errCode = Number((err as { errCode?: number })?.errCode ?? -1);
    if (errCode === 43101) {
      await dropConsents(subId, at);
      await mark({ status: 'failed', reason: 'refused', errCode });
    } else {
      console.error('[subscribeMessage.send]', errCode, err);
      await giveBackConsent(subId, at);
      await mark({ status: 'failed', reason: 'error', errCode });
    }
    return 'failed';
  }
  await mark({ status: 'sent', sentAt: now() });
  return 'sent';
}

/**
 * What wx.requestSubscribeMessage answered, reported by the resident: each
 * 'accept' is one more one-time consent for that template. The count is only
 * a hint that saves useless calls: WeChat itself still refuses (43101) a send
 * the user never consented to, whatever this counter says.
 */
export async function recordSubscriptions(
  openid: string,
  results: Record<string, string>,
): Promise<RecordSubscriptionsResult> {
  const at = now();
  const templates = Object.keys(results);
  for (const templateId of templates) {
    if (results[templateId] === 'accept') await addConsent(openid, templateId, at);
  }
  return { remaining: await remainingConsents(openid, templates) };
}

export async function remainingConsents(openid: string, templates: string[]): Promise<Record<string, number>> {
  if (!templates.length) return {};
  const docs = await consentsOf(openid, templates);
  const out: Record<string, number> = Object.fromEntries(templates.map((t) => [t, 0]));
  for (const r of docs) out[r.templateId] = r.remaining;
  return out;
}

/** Residents of the caller's point whose notice failed for this batch: the leader reminds them in the group. */
export async function unnotified(caller: LeaderCaller, batchId: string): Promise<UnnotifiedResult> {
  const failed = await failedNoticesAt(batchId, caller.pickupPointId);
  const byId = await buyersByIds([...new Set(failed.map((n) => n.openid))]);
  return {
    items: failed.map((n) => ({
      nickname: byId.get(n.openid)?.nickname ?? '',
      phoneTail: phoneTail(byId.get(n.openid)?.phone),
      orderNo: n.orderNo,
      reason: n.reason ?? 'error',
      kind: n.kind,
    })),
  };
}
