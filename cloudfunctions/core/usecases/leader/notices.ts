import type { NoticeKind, NoticeRecord, RecordSubscriptionsResult, UnnotifiedResult } from '../../../../typings/leader';
import { MESSAGE_TEMPLATES, type TemplateKey } from '../../../../typings/contracts/admin/settings';
import { fitCharacterString, fitThing, goodsSummary } from '../../domain/notice-text';
import { now } from '../../infra/clock';
import { requiredSetting, settingOrEmpty, type SettingName } from '../../infra/config';
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
 * Pickup notices (订阅消息) through an outbox. Template ids come from the
 * console's settings document 'messageTemplates' (templates.pickupReady,
 * templates.pickupReminder), else the env vars PICKUP_TEMPLATE_ID /
 * REMINDER_TEMPLATE_ID (the local cloud sets the development ids TPL_*); in a
 * real environment with neither, sending refuses with MISCONFIGURED. Both
 * templates use the same keywords (typings/leader.ts NotifySettings): thing1
 * 商品, thing2 自提点, character_string3 订单号, thing4 温馨提示.
 */
/** Where a tap on the message opens. */
export const NOTICE_PAGE = 'pages/orders/index';

const ENV_NAME: Record<NoticeKind, SettingName> = { pickup: 'PICKUP_TEMPLATE_ID', reminder: 'REMINDER_TEMPLATE_ID' };

/** The id each notice would be sent with, by NoticeKind: '' when none is configured (the console shows it). */
export async function configuredTemplateIds(): Promise<Record<NoticeKind, string>> {
  const s = await templatesDoc();
  const out = {} as Record<NoticeKind, string>;
  for (const [key, { kind }] of Object.entries(MESSAGE_TEMPLATES) as [
    TemplateKey,
    (typeof MESSAGE_TEMPLATES)[TemplateKey],
  ][])
    out[kind] = s?.templates?.[key] || settingOrEmpty(ENV_NAME[kind]);
  return out;
}

/** The id each notice is sent with; MISCONFIGURED naming the missing setting when one has none. */
export async function templateIds(): Promise<Record<NoticeKind, string>> {
  const ids = await configuredTemplateIds();
  for (const kind of Object.keys(ids) as NoticeKind[]) if (!ids[kind]) requiredSetting(ENV_NAME[kind]);
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

const NOTES: Record<NoticeKind, string> = {
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
  kind: NoticeKind,
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
  if (!(await claimNotice(notice))) return 'skipped';
  const mark = (fields: Partial<NoticeRecord>) => markNotice(notice._id, fields);
  const subId = subscriptionId(order.openid, templateId);
  if (!(await takeConsent(subId, at))) {
    await mark({ status: 'failed', reason: 'no_consent' });
    return 'failed';
  }
  try {
    await sendSubscribeMessage({ touser: order.openid, templateId, page: NOTICE_PAGE, data });
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
