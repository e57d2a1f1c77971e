import { fail } from '../domain/errors';
import { cloud } from './cloud';

/**
 * security.msgSecCheck 2.0 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/sec-center/sec-check/msgSecCheck.html):
 * errcode 0 with result.suggest 'pass' | 'review' | 'risky'. Anything but
 * 'pass' is refused, so nothing doubtful is stored; 87014 is the 1.0 verdict.
 * scene 1 = 资料 (profile-like text a user submits).
 */
export async function checkText(openid: string, content: string): Promise<void> {
  if (!content) return;
  let res: { errCode?: number; errcode?: number; result?: { suggest?: string } };
  try {
    res = (await cloud.openapi.security.msgSecCheck({ openid, scene: 1, version: 2, content } as any)) as any;
  } catch (err) {
    const e = err as { errCode?: number };
    if (e?.errCode === 87014) throw fail.contentRisky();
    throw err;
  }
  const code = res.errCode ?? res.errcode ?? 0;
  if (code === 87014 || (code === 0 && res.result?.suggest !== 'pass')) throw fail.contentRisky();
  if (code !== 0) throw new Error(`msgSecCheck failed: ${code}`);
}
