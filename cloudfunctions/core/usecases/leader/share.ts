import type { LeaderExtras, ShareInfo } from '../../../../typings/leader';
import type { Leader } from '../../../../typings/models';
import { fail } from '../../domain/errors';
import { leaderIdFromScene } from '../../domain/scene';
import { now } from '../../infra/clock';
import { storeMiniProgramCode, tempFileUrls } from '../../infra/wechat';
import { batchById } from '../../repos/batches';
import { setPoster } from '../../repos/leaders';
import type { LeaderCaller } from './context';

export const HOME_PAGE = 'pages/home/index';

/**
 * The scene of a leader's 小程序码: 'l=<leaderId>', what core/domain/scene.ts
 * (user.enter's attribution) reads back. Scenes are at most 32 characters.
 */
export function leaderScene(leaderId: string): string {
  const scene = `l=${leaderId}`;
  if (scene.length > 32 || leaderIdFromScene(scene) !== leaderId)
    throw new Error(`leader id unfit for a scene: ${leaderId}`);
  return scene;
}

/**
 * 分享: the share path for onShareAppMessage and the leader's poster. The
 * poster is wxacode.getUnlimited (no batch in it: the scene names the leader
 * only, so one poster serves every batch) uploaded to storage once per leader
 * and cached on the leaders document; later calls answer the same fileID.
 * https://developers.weixin.qq.com/miniprogram/dev/server/API/qrcode-link/qr-code/api_getunlimitedqrcode.html
 */
export async function shareInfo(caller: LeaderCaller, batchId: string): Promise<ShareInfo> {
  const batch = await batchById(batchId);
  if (!batch || batch.status === 'draft') throw fail.notFound('团期');
  const leader = caller.leader as Leader & LeaderExtras;
  const scene = leaderScene(leader._id);
  let fileID = leader.poster?.scene === scene ? leader.poster.fileID : undefined;
  if (!fileID) {
    fileID = await storeMiniProgramCode(scene, HOME_PAGE, `posters/leader/${leader._id}.png`);
    await setPoster(leader._id, { fileID, scene, createdAt: now() });
  }
  const [urls, point] = await Promise.all([tempFileUrls([fileID]), caller.point()]);
  const url = urls.get(fileID);
  return {
    leaderId: leader._id,
    leaderName: leader.name,
    pointName: point.name,
    pointAddress: point.address,
    path: `/${HOME_PAGE}?leaderId=${encodeURIComponent(leader._id)}&batchId=${encodeURIComponent(batchId)}`,
    title: `${leader.name}的团购 · ${batch.title}`,
    scene,
    posterFileID: fileID,
    ...(url ? { posterUrl: url } : {}),
  };
}
