/**
 * The subscribe messages (订阅消息) the system sends: ONE list, by the settings
 * key their template id is saved under (admin settings.save {templates}). The
 * console's 设置 lists exactly these and its 消息发件箱 names them by label; the
 * functions send them (core/usecases/leader/notices.ts) and answer their ids to
 * the mini-program (notify.templates), which asks consent for all of them in one
 * wx.requestSubscribeMessage (WeChat allows at most 3 ids per call).
 *
 * - `kind`: the outbox's NoticeKind;
 * - `env`: the deployment's environment variable used when the console has saved none;
 * - `devId`: what the local cloud sets that variable to (fine locally, refused by WeChat);
 * - `keywords`: the template's fields, as chosen in 小程序后台 → 订阅消息 (the values sent must fit them);
 * - `required`: whether the step that sends it refuses (MISCONFIGURED) while neither a saved id
 *   nor the variable is set; `missing` says what happens then.
 */
export const MESSAGE_TEMPLATES = {
  pickupReady: {
    kind: 'pickup',
    label: '到货取货通知',
    when: '团长确认到货后发给该自提点的居民',
    env: 'PICKUP_TEMPLATE_ID',
    devId: 'TPL_PICKUP',
    keywords: '商品名称 thing1、自提点 thing2、订单号 character_string3、温馨提示 thing4',
    required: true,
    missing: '确认到货会被拒绝（MISCONFIGURED）',
  },
  pickupReminder: {
    kind: 'reminder',
    label: '取货提醒',
    when: '未提货处理前提醒还没取货的居民',
    env: 'REMINDER_TEMPLATE_ID',
    devId: 'TPL_PICKUP_REMINDER',
    keywords: '商品名称 thing1、自提点 thing2、订单号 character_string3、温馨提示 thing4',
    required: true,
    missing: '取货提醒无法发出（MISCONFIGURED）',
  },
  refundDone: {
    kind: 'refund',
    label: '退款通知',
    when: '退款到账（微信支付退款成功）后发给该居民',
    env: 'REFUND_TEMPLATE_ID',
    devId: 'TPL_REFUND',
    keywords: '订单号 character_string1、退款金额 amount2、退款原因 thing3、退款时间 time4',
    // A refund completes in WeChat Pay's callback, which must never refuse: untold instead.
    required: false,
    missing: '退款照常到账，但不通知居民',
  },
} as const;

export type TemplateKey = keyof typeof MESSAGE_TEMPLATES;
export type NoticeKind = (typeof MESSAGE_TEMPLATES)[TemplateKey]['kind'];
export type TemplateEnvName = (typeof MESSAGE_TEMPLATES)[TemplateKey]['env'];

/** The keys in their one order (the console's rows, the mini-program's request). */
export const TEMPLATE_KEYS = Object.keys(MESSAGE_TEMPLATES) as TemplateKey[];

/** Each kind's label: 到货取货通知, 取货提醒, 退款通知. */
export const NOTICE_LABEL = Object.fromEntries(
  TEMPLATE_KEYS.map((k) => [MESSAGE_TEMPLATES[k].kind, MESSAGE_TEMPLATES[k].label]),
) as Record<NoticeKind, string>;

/** Every kind, in the list's order. */
export const NOTICE_KINDS = TEMPLATE_KEYS.map((k) => MESSAGE_TEMPLATES[k].kind) as NoticeKind[];
