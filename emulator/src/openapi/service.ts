import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import QRCode from 'qrcode';
import type { LocalCloud } from '../cloud';
import { TcbError } from '../errors';
import {
  RawReply,
  type ActionHandler,
  type ActionRequest,
  type HttpHandler,
  type HttpRequest,
  type Service,
} from '../types';
import { decodeOpenApiRequest, encodeOpenApiReply } from './proto';
import { checkTemplateData } from './subscribe-rules';

/** What an open API answers: a JSON object (errcode 0 or an error) or a binary body. */
type ApiResult = { json: Record<string, unknown> } | { buffer: Buffer; contentType: string };
interface ApiContext {
  env: string;
  params: Record<string, any>;
  appid: string;
  openid?: string;
}
type ApiImpl = (ctx: ApiContext) => ApiResult | Promise<ApiResult>;

export interface OutboxMessage {
  id: string;
  env: string;
  time: number;
  touser: string;
  template: string;
  page?: string;
  data: Record<string, { value: unknown }>;
  miniprogramState?: string;
  lang?: string;
}

export interface ShippingUpload {
  id: string;
  /** The payment it was uploaded for (whichever order_key named it). */
  outTradeNo: string;
  env: string;
  time: number;
  orderKey: Record<string, unknown>;
  logisticsType: number;
  deliveryMode: number;
  isAllDelivered?: boolean;
  shippingList: Array<Record<string, unknown>>;
  uploadTime: string;
  payer: { openid: string };
}

export interface OpenApiCall {
  env: string;
  time: number;
  api: string;
  errcode: number;
}

/** A code from <button open-type="getPhoneNumber">: one user's number, one use, 5 minutes. */
interface PhoneCode {
  openid: string;
  appid: string;
  phone: string;
  issuedAt: number;
  used: boolean;
}

/** 手机号快速验证 codes expire after 5 minutes (getPhoneNumber doc). */
export const PHONE_CODE_TTL_MS = 5 * 60_000;

/** One security.mediaCheckAsync request and the verdict its wxa_media_check push will carry. */
export interface MediaCheck {
  traceId: string;
  env: string;
  openid: string;
  mediaUrl: string;
  mediaType: number;
  scene: number;
  suggest: 'pass' | 'risky';
  label: number;
  requestedAt: number;
  /** When the push reached the configured function (undefined: still waiting). */
  pushedAt?: number;
  pushResult?: unknown;
}

/** Where a <MsgType, Event> push goes (云开发控制台 → 设置 → 其他设置 → 消息推送; setCallBackConfig's callbacks). */
export interface PushCallback {
  msgType: string;
  event: string;
  functionName: string;
}

interface EnvState {
  /** Remaining one-time consents by "openid\ntemplateId". */
  consents: Map<string, number>;
  phoneCodes: Map<string, PhoneCode>;
  outbox: OutboxMessage[];
  shipping: ShippingUpload[];
  calls: OpenApiCall[];
  mediaChecks: MediaCheck[];
}

/**
 * Deny list for security.msgSecCheck. The real check is an ML model plus keyword
 * lists; the emulator only knows these words (and the official v1 test string).
 * label values follow the msgSecCheck 2.0 doc (20001 时政, 20002 色情, 20006 违法犯罪, 21000 其他).
 */
export const MSG_SEC_DENY_LIST: Array<{ word: string; label: number }> = [
  { word: '完2347全dfji试3726测asad感3847知qwez到', label: 21000 },
  { word: '赌博', label: 20006 },
  { word: '毒品', label: 20006 },
  { word: '代开发票', label: 20006 },
  { word: '枪支', label: 20006 },
  { word: '色情', label: 20002 },
  { word: 'gambling', label: 20006 },
];

const wxErr = (errcode: number, errmsg: string): ApiResult => ({ json: { errcode, errmsg } });
const ok = (extra: Record<string, unknown> = {}): ApiResult => ({ json: { errcode: 0, errmsg: 'ok', ...extra } });

/** Open API names whose reply the SDK decodes as its own protobuf (not emulated). */
const INTERNAL_PB_APIS = new Set([
  'GetCloudCallSign',
  'ApiGetOpenDataByCloudId',
  'ApiVoipSign',
  'getCrossAccountToken',
]);

const PAGE_RE = /^[A-Za-z0-9_\-.]+(?:\/[A-Za-z0-9_\-.]+)*$/;
/** TCB_SOURCE of a message push the local cloud delivers (the cloud's own value is not documented). */
export const PUSH_SOURCE = 'wx_msgpush';

const SCENE_RE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/;

/**
 * `cloud.openapi.*` (action wx.openApi): subscribe messages with per-user
 * consents and an outbox, msgSecCheck, wxacode.getUnlimited, shipping-info upload.
 */
export class OpenApiService implements Service {
  private envs = new Map<string, EnvState>();
  /** Pages of the mini-program (app.json, with subpackages); when set, page arguments are checked against it. */
  private pages: Set<string> | null = null;
  /** Rendered wxacode PNGs by content. */
  private readonly pngCache = new Map<string, Buffer>();
  readonly apis: Record<string, ApiImpl> = {
    'subscribeMessage.send': (ctx) => this.subscribeSend(ctx),
    'security.msgSecCheck': (ctx) => this.msgSecCheck(ctx),
    'security.mediaCheckAsync': (ctx) => this.mediaCheckAsync(ctx),
    'wxacode.getUnlimited': (ctx) => this.wxacodeUnlimited(ctx),
    'wxa.sec.order.uploadShippingInfo': (ctx) => this.uploadShippingInfo(ctx),
    'wxa.sec.order.isTradeManaged': () => ok({ is_trade_managed: true }),
    'phonenumber.getPhoneNumber': (ctx) => this.getPhoneNumber(ctx),
  };

  constructor(readonly cloud: LocalCloud) {
    this.load();
  }

  actions(): Record<string, ActionHandler> {
    return { 'wx.openApi': (req) => this.handleOpenApi(req) };
  }

  routes(): Record<string, HttpHandler> {
    return {
      'POST /client/subscribe': (req) => this.clientSubscribe(req),
      'POST /client/phonenumber': (req) => this.clientPhoneNumber(req),
      'GET /__localcloud/outbox': (req) => this.outbox(envOf(req)),
      'GET /__localcloud/shipping': (req) => this.shippingUploads(envOf(req)),
      'POST /__localcloud/consent': (req) => {
        const body = jsonBody(req);
        const env = String(body.env ?? envOf(req));
        this.recordConsent(env, String(body.openid ?? ''), String(body.templateId ?? ''), Number(body.count ?? 1));
        return { ok: true, consents: this.consents(env, String(body.openid ?? '')) };
      },
    };
  }

  reset(): void {
    this.envs.clear();
  }

  close(): void {
    this.save();
  }

  // ---- API for tests, the client gateway and the console ----

  /** One accepted wx.requestSubscribeMessage for a one-time template = one consent. */
  recordConsent(env: string, openid: string, templateId: string, count = 1): void {
    if (!openid || !templateId) throw new Error('recordConsent needs openid and templateId');
    const state = this.state(env);
    const key = consentKey(openid, templateId);
    state.consents.set(key, (state.consents.get(key) ?? 0) + count);
  }

  /** Remaining consents of a user by template id. */
  consents(env: string, openid: string): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [key, n] of this.state(env).consents) {
      const [who, tmpl] = key.split('\n');
      if (who === openid && n > 0) out[tmpl] = n;
    }
    return out;
  }

  /**
   * What WeChat hands the mini-program when the user allows 手机号快速验证: a code
   * for this user's number (by default one made from the openid, 139xxxxxxxx).
   */
  issuePhoneCode(env: string, openid: string, phone = defaultPhone(openid)): string {
    if (!openid) throw new Error('issuePhoneCode needs an openid');
    if (!/^1\d{10}$/.test(phone)) throw new Error(`issuePhoneCode: ${phone} is no mainland mobile number`);
    const code = randomUUID().replace(/-/g, '');
    const appid = this.cloud.options.appid ?? 'wxlocalappid';
    this.state(env).phoneCodes.set(code, { openid, appid, phone, issuedAt: this.cloud.clock.now(), used: false });
    return code;
  }

  outbox(env: string): OutboxMessage[] {
    return [...this.state(env).outbox];
  }

  shippingUploads(env: string): ShippingUpload[] {
    return [...this.state(env).shipping];
  }

  calls(env: string): OpenApiCall[] {
    return [...this.state(env).calls];
  }

  mediaChecks(env: string): MediaCheck[] {
    return [...this.state(env).mediaChecks];
  }

  /**
   * Sends the wxa_media_check push of every check still waiting (as WeChat does within 30 minutes)
   * to the function the push configuration names; answers how many were pushed. Without a
   * configured function the checks stay waiting, as the cloud keeps them for a receiver.
   */
  async deliverMediaChecks(env: string): Promise<number> {
    const target = this.pushTarget('event', 'wxa_media_check');
    if (!target) return 0;
    const waiting = this.state(env).mediaChecks.filter((c) => c.pushedAt === undefined);
    for (const check of waiting) {
      check.pushedAt = this.cloud.clock.now();
      const appid = this.cloud.options.appid ?? 'wxlocalappid';
      const event = {
        ToUserName: 'gh_localcloud',
        FromUserName: check.openid,
        CreateTime: Math.floor(check.pushedAt / 1000),
        MsgType: 'event',
        Event: 'wxa_media_check',
        appid,
        trace_id: check.traceId,
        version: 2,
        result: { suggest: check.suggest, label: check.label },
        detail: [{ strategy: 'content_model', errcode: 0, suggest: check.suggest, label: check.label, prob: 90 }],
      };
      try {
        check.pushResult = await this.cloud.functions.invoke(env, target.functionName, event, { source: PUSH_SOURCE });
      } catch (err) {
        check.pushResult = { error: String((err as Error)?.message ?? err) };
      }
    }
    return waiting.length;
  }

  /** The push configuration: options.messagePush, else cloudfunctions/message-push.json when present. */
  private pushTarget(msgType: string, event: string): PushCallback | undefined {
    let callbacks = this.cloud.options.messagePush;
    if (!callbacks) {
      const file = path.resolve('cloudfunctions/message-push.json');
      callbacks = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')).callbacks as PushCallback[]) : [];
    }
    return callbacks.find((c) => c.msgType === msgType && c.event === event);
  }

  /** Check `page` arguments against these pages (null: only check the format). */
  setPages(pages: string[] | null): void {
    this.pages = pages ? new Set(pages.map((p) => p.replace(/^\//, ''))) : null;
  }

  // ---- wx.openApi ----

  async handleOpenApi(req: ActionRequest): Promise<RawReply> {
    const api = String(req.body.apiName ?? '');
    if (INTERNAL_PB_APIS.has(api)) throw new TcbError('SYS_ERR', `api not supported by localcloud: ${api}`);
    const raw = req.parts?.requestData;
    if (!raw) throw new TcbError('INVALID_PARAM', 'wx.openApi without requestData');
    const decoded = decodeOpenApiRequest(raw);
    const impl = this.apis[api];
    const ctx: ApiContext = {
      env: req.env,
      params: decoded.params,
      appid: decoded.appid ?? req.invocation?.appid ?? this.cloud.options.appid ?? 'wxlocalappid',
      openid: req.invocation?.openid,
    };
    const injected = this.cloud.faults.config.openApiErrcodes?.[api];
    const result =
      injected !== undefined
        ? wxErr(injected, `system error (fault injected by localcloud)`)
        : impl
          ? await impl(ctx)
          : wxErr(-1, `api not supported by localcloud: ${api}`);
    const errcode = 'json' in result ? Number(result.json.errcode ?? 0) : 0;
    const calls = this.state(req.env).calls;
    calls.push({ env: req.env, time: this.cloud.clock.now(), api, errcode });
    if (calls.length > 1000) calls.splice(0, calls.length - 1000);
    if ('json' in result) {
      return new RawReply(
        encodeOpenApiReply(Buffer.from(JSON.stringify(result.json)), 'application/json; charset=utf-8'),
      );
    }
    return new RawReply(encodeOpenApiReply(result.buffer, result.contentType));
  }

  /**
   * subscribeMessage.send, https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
   * 40003 bad touser, 40037 bad template_id, 47003 bad data, 41030 bad page, 43101 no consent.
   */
  private subscribeSend({ env, params }: ApiContext): ApiResult {
    const touser = params.touser;
    if (typeof touser !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(touser)) return wxErr(40003, 'invalid openid');
    const template = params.template_id;
    if (typeof template !== 'string' || template.trim() === '') return wxErr(40037, 'invalid template_id');
    const dataError = checkTemplateData(params.data);
    if (dataError) return wxErr(47003, dataError);
    if (params.page !== undefined && params.page !== '') {
      const page = String(params.page).replace(/^\//, '');
      const pagePath = page.split('?')[0];
      if (!PAGE_RE.test(pagePath) || (this.pages && !this.pages.has(pagePath))) return wxErr(41030, 'invalid page');
    }
    if (
      params.miniprogram_state !== undefined &&
      !['developer', 'trial', 'formal'].includes(String(params.miniprogram_state))
    ) {
      return wxErr(47003, 'argument invalid! miniprogram_state invalid');
    }
    const state = this.state(env);
    const key = consentKey(touser, template);
    const left = state.consents.get(key) ?? 0;
    if (left <= 0) return wxErr(43101, 'user refuse to accept the msg');
    state.consents.set(key, left - 1);
    state.outbox.push({
      id: randomUUID(),
      env,
      time: this.cloud.clock.now(),
      touser,
      template,
      page: params.page === undefined ? undefined : String(params.page),
      data: params.data,
      miniprogramState: params.miniprogram_state,
      lang: params.lang,
    });
    return ok({ msgid: state.outbox.length });
  }

  /**
   * security.mediaCheckAsync 2.0, https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html:
   * one picture or sound per call, answered with a trace_id; the verdict comes later as a
   * wxa_media_check push (deliverMediaChecks, or by itself after options.mediaCheckDelayMs).
   * The real check is a model; here a file whose name contains "risky" is risky (label 20002).
   */
  private mediaCheckAsync({ env, params }: ApiContext): ApiResult {
    const url = params.media_url;
    if (typeof url !== 'string' || !/^https?:\/\/\S+$/.test(url)) return wxErr(40097, 'invalid args: media_url');
    if (![1, 2].includes(Number(params.media_type))) return wxErr(40097, 'invalid args: media_type');
    if (Number(params.version) !== 2) return wxErr(40097, 'invalid args: version');
    if (typeof params.openid !== 'string' || params.openid === '') return wxErr(40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(Number(params.scene))) return wxErr(40129, 'invalid scene');
    const risky = /risky/i.test(decodeURIComponent(new URL(url).pathname));
    const hex = () => randomUUID().replace(/-/g, '').slice(0, 8);
    const check: MediaCheck = {
      traceId: `${hex()}-${hex()}-${hex()}`,
      env,
      openid: params.openid,
      mediaUrl: url,
      mediaType: Number(params.media_type),
      scene: Number(params.scene),
      suggest: risky ? 'risky' : 'pass',
      label: risky ? 20002 : 100,
      requestedAt: this.cloud.clock.now(),
    };
    this.state(env).mediaChecks.push(check);
    const delay = this.cloud.options.mediaCheckDelayMs;
    if (delay !== undefined)
      setTimeout(() => {
        this.deliverMediaChecks(env).catch((err: Error) =>
          console.error(`[localcloud] media check push: ${err.message}`),
        );
      }, delay);
    return ok({ trace_id: check.traceId });
  }

  /**
   * security.msgSecCheck, https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html
   * 2.0 (version: 2): errcode 0 and the verdict in result {suggest, label}; 1.0 (no version): 87014 for risky content.
   */
  private msgSecCheck({ params }: ApiContext): ApiResult {
    const content = params.content;
    if (typeof content !== 'string' || content === '') return wxErr(44002, 'empty post data');
    const hit = MSG_SEC_DENY_LIST.find((d) => content.includes(d.word));
    if (String(params.version ?? '1') !== '2') {
      return hit ? wxErr(87014, 'risky content') : ok();
    }
    if (typeof params.openid !== 'string' || params.openid === '') return wxErr(40003, 'invalid openid');
    if (![1, 2, 3, 4].includes(Number(params.scene))) return wxErr(40129, 'invalid scene');
    if (Array.from(content).length > 2500) return wxErr(47001, 'data format error: content over 2500 characters');
    const suggest = hit ? 'risky' : 'pass';
    const label = hit ? hit.label : 100;
    return ok({
      trace_id: randomUUID(),
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
        { strategy: 'keyword', errcode: 0, suggest, label, level: hit ? 20 : 0, ...(hit ? { keyword: hit.word } : {}) },
      ],
    });
  }

  /**
   * phonenumber.getPhoneNumber, https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber.html
   * 40029 invalid code (unknown, used, older than 5 minutes, or not this openid's when openid is given),
   * 40013 invalid appid (a code of another mini-program).
   */
  private getPhoneNumber({ env, params, appid }: ApiContext): ApiResult {
    const entry = typeof params.code === 'string' ? this.state(env).phoneCodes.get(params.code) : undefined;
    const now = this.cloud.clock.now();
    if (!entry || entry.used || now - entry.issuedAt > PHONE_CODE_TTL_MS) return wxErr(40029, 'invalid code');
    if (entry.appid !== appid) return wxErr(40013, 'invalid appid');
    if (params.openid !== undefined && params.openid !== entry.openid) return wxErr(40029, 'invalid code');
    entry.used = true;
    return ok({
      phone_info: {
        phoneNumber: entry.phone,
        purePhoneNumber: entry.phone,
        countryCode: '86',
        watermark: { timestamp: Math.floor(entry.issuedAt / 1000), appid },
      },
    });
  }

  /**
   * wxacode.getUnlimited, https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode.html
   * Answers a real PNG (a plain QR code of "scene" and "page", not a round mini-program code).
   */
  private async wxacodeUnlimited({ params }: ApiContext): Promise<ApiResult> {
    const scene = params.scene === undefined || params.scene === null ? '' : String(params.scene);
    if (scene.length === 0 || scene.length > 32) {
      return wxErr(40169, 'invalid length for scene, or the data is not json string');
    }
    if (!SCENE_RE.test(scene)) return wxErr(40129, 'invalid scene');
    const page = params.page === undefined || params.page === '' ? '' : String(params.page);
    const checkPath = params.check_path !== false;
    if (page && (!PAGE_RE.test(page) || (checkPath && this.pages && !this.pages.has(page)))) {
      return wxErr(41030, 'invalid page');
    }
    const envVersion = params.env_version ?? 'release';
    if (!['release', 'trial', 'develop'].includes(String(envVersion))) return wxErr(40097, 'invalid args: env_version');
    const width = Math.min(1280, Math.max(280, Number(params.width) || 430));
    const line = params.line_color && !params.auto_color ? params.line_color : { r: 0, g: 0, b: 0 };
    const hex = (n: unknown) =>
      Math.min(255, Math.max(0, Number(n) || 0))
        .toString(16)
        .padStart(2, '0');
    const text = `localcloud://wxacode?scene=${encodeURIComponent(scene)}&page=${encodeURIComponent(page)}&env_version=${envVersion}`;
    const key = `${text}|${width}|${JSON.stringify(line)}|${params.is_hyaline ? 1 : 0}`;
    const cached = this.pngCache.get(key);
    if (cached) return { buffer: cached, contentType: 'image/png' };
    const buffer = await QRCode.toBuffer(text, {
      type: 'png',
      width,
      margin: 2,
      color: {
        dark: `#${hex(line.r)}${hex(line.g)}${hex(line.b)}ff`,
        light: params.is_hyaline ? '#00000000' : '#ffffffff',
      },
    });
    // Same code, same picture: rendering is slow inside jest's sandbox, so tests reuse it.
    if (this.pngCache.size > 200) this.pngCache.clear();
    this.pngCache.set(key, buffer);
    return { buffer, contentType: 'image/png' };
  }

  /**
   * 发货信息录入, cloud call wxa.sec.order.uploadShippingInfo,
   * https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html
   * Bad fields → 47001 "data format error"; an order the emulated WeChat Pay does not
   * know → 10060001 支付单不存在; an unpaid/closed order → 10060004 支付单处于不可发货的状态;
   * a payer who is not the order's → 10060031 该笔支付单不属于openid所指定的用户. Uploading
   * again for a shipped payment is 重新发货, allowed once per payment (order-shipping.html
   * 注意事项 6); after that → 10060003 支付单已使用重新发货机会.
   */
  private uploadShippingInfo({ env, params }: ApiContext): ApiResult {
    const bad = (why: string) => wxErr(47001, `data format error: ${why}`);
    const key = params.order_key;
    if (!key || typeof key !== 'object') return bad('order_key');
    const numberType = Number(key.order_number_type);
    if (numberType === 1) {
      if (!key.mchid || !key.out_trade_no) return bad('order_key needs mchid and out_trade_no');
    } else if (numberType === 2) {
      if (!key.transaction_id) return bad('order_key needs transaction_id');
    } else return bad('order_key.order_number_type');
    const logisticsType = Number(params.logistics_type);
    if (![1, 2, 3, 4].includes(logisticsType)) return bad('logistics_type');
    const deliveryMode = Number(params.delivery_mode);
    if (![1, 2].includes(deliveryMode)) return bad('delivery_mode');
    if (deliveryMode === 2 && typeof params.is_all_delivered !== 'boolean') return bad('is_all_delivered');
    const list = params.shipping_list;
    if (!Array.isArray(list) || list.length < 1 || list.length > 15) return bad('shipping_list');
    if (deliveryMode === 1 && list.length !== 1) return bad('shipping_list: UNIFIED_DELIVERY takes one item');
    for (const item of list) {
      if (!item || typeof item !== 'object') return bad('shipping_list item');
      if (typeof item.item_desc !== 'string' || item.item_desc === '' || Array.from(item.item_desc).length > 120) {
        return bad('shipping_list.item_desc');
      }
      if (logisticsType === 1 && (!item.tracking_no || !item.express_company)) {
        return bad('shipping_list needs tracking_no and express_company for logistics_type 1');
      }
    }
    const uploadTime = params.upload_time;
    if (
      typeof uploadTime !== 'string' ||
      !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/.test(uploadTime)
    ) {
      return bad('upload_time');
    }
    if (!params.payer || typeof params.payer.openid !== 'string' || params.payer.openid === '')
      return bad('payer.openid');
    const order = this.cloud.pay.findOrder(env, {
      subMchId: numberType === 1 ? String(key.mchid) : undefined,
      outTradeNo: numberType === 1 ? String(key.out_trade_no) : undefined,
      transactionId: numberType === 2 ? String(key.transaction_id) : undefined,
    });
    if (!order) return wxErr(10060001, '支付单不存在');
    if (order.state !== 'SUCCESS' && order.state !== 'REFUND') return wxErr(10060004, '支付单处于不可发货的状态');
    if (order.openid && order.openid !== params.payer.openid)
      return wxErr(10060031, '该笔支付单不属于openid所指定的用户');
    const earlier = this.state(env).shipping.filter((u) => u.outTradeNo === order.outTradeNo).length;
    if (earlier >= 2) return wxErr(10060003, '支付单已使用重新发货机会');
    this.state(env).shipping.push({
      outTradeNo: order.outTradeNo,
      id: randomUUID(),
      env,
      time: this.cloud.clock.now(),
      orderKey: key,
      logisticsType,
      deliveryMode,
      isAllDelivered: params.is_all_delivered,
      shippingList: list,
      uploadTime,
      payer: { openid: params.payer.openid },
    });
    return ok();
  }

  // ---- client gateway ----

  /**
   * The mini-program's local mode of wx.requestSubscribeMessage: records one consent
   * per accepted template and answers like its success callback.
   */
  private clientSubscribe(req: HttpRequest): RawReply | Record<string, string> {
    const openid = header(req, 'x-wx-openid');
    const body = jsonBody(req);
    const env = String(body.env ?? envOf(req));
    const tmplIds = body.tmplIds;
    const fail = (errCode: number, errMsg: string) =>
      new RawReply(Buffer.from(JSON.stringify({ errCode, errMsg })), 'application/json; charset=utf-8', 400);
    if (!openid) return fail(-1, 'requestSubscribeMessage:fail missing X-WX-OPENID');
    if (!Array.isArray(tmplIds) || tmplIds.length === 0)
      return fail(10001, 'requestSubscribeMessage:fail TmplIds can not be empty');
    if (tmplIds.length > 3) return fail(20003, 'requestSubscribeMessage:fail Templates count out of max bounds');
    const answer = body.accept === 'reject' ? 'reject' : 'accept';
    const out: Record<string, string> = { errMsg: 'requestSubscribeMessage:ok' };
    for (const id of tmplIds.map(String)) {
      out[id] = answer;
      if (answer === 'accept') this.recordConsent(env, openid, id, 1);
    }
    return out;
  }

  /**
   * The mini-program's local mode of the getPhoneNumber button: answers like its
   * bindgetphonenumber detail, {errMsg, code}; body `phoneNumber` picks the number.
   */
  private clientPhoneNumber(req: HttpRequest): RawReply | Record<string, string> {
    const openid = header(req, 'x-wx-openid');
    const body = jsonBody(req);
    const env = String(body.env ?? envOf(req));
    const fail = (errMsg: string) =>
      new RawReply(Buffer.from(JSON.stringify({ errMsg })), 'application/json; charset=utf-8', 400);
    if (!openid) return fail('getPhoneNumber:fail missing X-WX-OPENID');
    const phone = body.phoneNumber === undefined ? defaultPhone(openid) : String(body.phoneNumber);
    if (!/^1\d{10}$/.test(phone)) return fail('getPhoneNumber:fail phoneNumber is no mainland mobile number');
    return { errMsg: 'getPhoneNumber:ok', code: this.issuePhoneCode(env, openid, phone) };
  }

  // ---- state ----

  private state(env: string): EnvState {
    let s = this.envs.get(env);
    if (!s) {
      s = { consents: new Map(), phoneCodes: new Map(), outbox: [], shipping: [], calls: [], mediaChecks: [] };
      this.envs.set(env, s);
    }
    return s;
  }

  private file(): string | undefined {
    return this.cloud.options.dataDir ? path.join(this.cloud.options.dataDir, 'openapi.json') : undefined;
  }

  private save(): void {
    const file = this.file();
    if (!file) return;
    const out: Record<string, unknown> = {};
    for (const [env, s] of this.envs) {
      out[env] = { consents: Object.fromEntries(s.consents), outbox: s.outbox, shipping: s.shipping };
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(out));
  }

  private load(): void {
    const file = this.file();
    if (!file || !fs.existsSync(file)) return;
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, any>;
      for (const [env, s] of Object.entries(data)) {
        this.envs.set(env, {
          consents: new Map(Object.entries(s.consents ?? {}) as Array<[string, number]>),
          phoneCodes: new Map(),
          outbox: s.outbox ?? [],
          shipping: s.shipping ?? [],
          calls: [],
          mediaChecks: [],
        });
      }
    } catch {
      // A damaged snapshot starts empty rather than blocking the emulator.
    }
  }
}

/** A stable made-up number per openid: 139 and 8 digits of a string hash. */
function defaultPhone(openid: string): string {
  let h = 0;
  for (const ch of openid) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return `139${String(h % 100_000_000).padStart(8, '0')}`;
}

const consentKey = (openid: string, templateId: string) => `${openid}\n${templateId}`;

function header(req: HttpRequest, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function jsonBody(req: HttpRequest): Record<string, any> {
  if (req.body.length === 0) return {};
  try {
    return JSON.parse(req.body.toString('utf8'));
  } catch {
    return {};
  }
}

function envOf(req: HttpRequest): string {
  return req.query.get('env') || 'local-env';
}
