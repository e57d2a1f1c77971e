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
