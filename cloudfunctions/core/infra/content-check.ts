import { fail } from '../domain/errors';
import { cloud } from './cloud';
import { tempFileUrls } from './wechat';

/**
 * security.msgSecCheck 2.0 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html):
 * errcode 0 with result.suggest 'pass' | 'review' | 'risky'. Anything but
 * 'pass' is refused, so nothing doubtful is stored; 87014 is the 1.0 verdict.
 * scene 1 = 资料 (profile-like text a user submits, the default), 2 = 评论.
 */
export async function checkText(openid: string, content: string, scene = 1): Promise<void> {
  if (!content) return;
  let res: { errCode?: number; errcode?: number; result?: { suggest?: string } };
  try {
    res = (await cloud.openapi.security.msgSecCheck({ openid, scene, version: 2, content } as any)) as any;
  } catch (err) {
    const e = err as { errCode?: number };
    if (e?.errCode === 87014) throw fail.contentRisky();
    throw err;
  }
  const code = res.errCode ?? res.errcode ?? 0;
  if (code === 87014 || (code === 0 && res.result?.suggest !== 'pass')) throw fail.contentRisky();
  if (code !== 0) throw new Error(`msgSecCheck failed: ${code}`);
}

/** scene 2 = 评论 (reviews) for security checks of what residents write about goods. */
export const REVIEW_SCENE = 2;

/**
 * security.mediaCheckAsync 2.0 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/mediaCheckAsync.html)
 * for each picture: the check downloads a URL (a temporary one of the stored file) and answers a
 * trace_id now; the verdict comes later as a wxa_media_check push. Answers the trace ids in
 * order, undefined where the check could not be asked for (that picture is never shown).
 */
export async function requestImageChecks(
  openid: string,
  fileIDs: string[],
  scene = REVIEW_SCENE,
): Promise<Array<string | undefined>> {
  if (!fileIDs.length) return [];
  const urls = await tempFileUrls(fileIDs);
  return Promise.all(
    fileIDs.map(async (fileID) => {
      const url = urls.get(fileID);
      if (!url) return undefined;
      try {
        const res = (await cloud.openapi.security.mediaCheckAsync({
          media_url: url,
          media_type: 2,
          version: 2,
          scene,
          openid,
        } as any)) as { errCode?: number; errcode?: number; traceId?: string; trace_id?: string };
        const code = res.errCode ?? res.errcode ?? 0;
        return code === 0 ? (res.traceId ?? res.trace_id) : undefined;
      } catch (err) {
        console.error('[mediaCheckAsync]', err);
        return undefined;
      }
    }),
  );
}

/** A wxa_media_check push's verdict: pass, or anything else (risky, review) that is not shown. */
export interface MediaCheckVerdict {
  traceId: string;
  pass: boolean;
}

/** The verdict of a wxa_media_check push event (JSON, as 消息推送 delivers it to a function), or undefined. */
export function readMediaCheckPush(event: Record<string, unknown>): MediaCheckVerdict | undefined {
  if (event?.MsgType !== 'event' || event.Event !== 'wxa_media_check') return undefined;
  const traceId = event.trace_id;
  if (typeof traceId !== 'string' || !traceId) return undefined;
  const result = event.result as { suggest?: unknown } | undefined;
  return { traceId, pass: result?.suggest === 'pass' };
}
