import { AppError, fail } from '../domain/errors';
import { ErrorCodes } from '../../../typings/envelope';
import { cloud } from './cloud';

/**
 * The WeChat open APIs and cloud storage the leader area calls, so use cases
 * never hold the SDK. Each answers what the caller needs or throws the SDK's
 * error (errCode kept) for the caller to decide.
 */

/** subscribeMessage.send (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html). */
export async function sendSubscribeMessage(message: {
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}): Promise<void> {
  await cloud.openapi.subscribeMessage.send({
    ...message,
    ...(process.env.MINIPROGRAM_STATE ? { miniprogramState: process.env.MINIPROGRAM_STATE } : {}),
  } as any);
}

/** A 小程序码 for `scene` on `page` (wxacode.getUnlimited), stored at `cloudPath`: its fileID. */
export async function storeMiniProgramCode(scene: string, page: string, cloudPath: string): Promise<string> {
  const code = (await cloud.openapi.wxacode.getUnlimited({
    scene,
    page,
    checkPath: false,
    envVersion: process.env.WXACODE_ENV_VERSION || 'release',
    width: 430,
  } as any)) as { buffer: Buffer };
  return (await cloud.uploadFile({ cloudPath, fileContent: code.buffer })).fileID;
}

/** Temporary URLs of cloud files (≤ 50 per call); a missing file just has none. */
export async function tempFileUrls(fileIDs: string[]): Promise<Map<string, string>> {
  const ids = [...new Set(fileIDs.filter(Boolean))].slice(0, 50);
  const out = new Map<string, string>();
  if (!ids.length) return out;
  try {
    const res = (await cloud.getTempFileURL({ fileList: ids })) as {
      fileList: Array<{ fileID: string; tempFileURL?: string }>;
    };
    for (const f of res.fileList ?? []) if (f.tempFileURL) out.set(f.fileID, f.tempFileURL);
  } catch (err) {
    console.error('[getTempFileURL]', err);
  }
  return out;
}

/** wxa.sec.order.uploadShippingInfo (https://developers.weixin.qq.com/miniprogram/dev/server/API/order_shipping/api_uploadshippinginfo.html). */
export async function uploadShippingInfo(info: Record<string, unknown>): Promise<void> {
  await cloud.openapi.wxa.sec.order.uploadShippingInfo(info as any);
}

/**
 * 手机号快速验证, cloud call phonenumber.getPhoneNumber
 * (https://developers.weixin.qq.com/miniprogram/dev/server/API/user-info/phone-number/api_getphonenumber.html):
 * the code from the button, bound to this openid, used once, valid 5 minutes.
 * 40029 (invalid, used or expired code) is the user's to retry; -1 and 45011 are transient.
 */
export async function phoneNumberByCode(code: string, openid: string): Promise<string> {
  let res: { phoneInfo?: { purePhoneNumber?: string } };
  try {
    res = (await cloud.openapi.phonenumber.getPhoneNumber({ code, openid } as any)) as any;
  } catch (err) {
    const errCode = (err as { errCode?: number })?.errCode;
    if (errCode === 40029) throw fail.invalid('手机号授权已失效，请重新点击获取手机号');
    if (errCode === -1 || errCode === 45011) throw new AppError(ErrorCodes.UNAVAILABLE, '微信繁忙，请稍后再试');
    throw err;
  }
  const phone = res.phoneInfo?.purePhoneNumber;
  if (!phone) throw new Error('getPhoneNumber answered no purePhoneNumber');
  return phone;
}
