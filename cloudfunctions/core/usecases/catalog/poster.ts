import type { Leader } from '../../../../typings/models';
import type { PosterCode, PosterScene } from '../../../../typings/posters';
import { fail } from '../../domain/errors';
import { itemScene } from '../../domain/scene';
import { storeMiniProgramCode, tempFileUrls } from '../../infra/wechat';
import { batchItemById } from '../../repos/batch-items';
import { activeLeader, leaderByOpenid } from '../../repos/leaders';
import { activePickupPoint, pickupPointById } from '../../repos/pickup-points';
import { insertPosterCodeOnce, posterCodeOf } from '../../repos/poster-codes';
import { userById } from '../../repos/users';

export const ITEM_PAGE = 'packages/goods/detail/index';

/** Whose point a poster names: a leader's own; a resident's, the leader of the point they are bound to. */
async function posterLeader(openid: string): Promise<Leader | undefined> {
  const own = await leaderByOpenid(openid);
  if (own?.status === 'active') return own;
  const pointId = (await userById(openid))?.pickupPointId;
  const leaderId = pointId ? (await pickupPointById(pointId))?.leaderId : undefined;
  return leaderId ? activeLeader(leaderId) : undefined;
}

/**
 * 生成海报 of an item: its 小程序码 (wxacode.getUnlimited on the item page, the
 * scene naming the leader and the item) is made and uploaded once per scene and
 * kept in posterCodes; a later poster of the same item by anyone of that point
 * answers the stored file without calling WeChat again.
 */
export async function posterCode(openid: string, batchItemId: string, now: Date): Promise<PosterCode> {
  const item = await batchItemById(batchItemId);
  if (!item || item.batchStatus === 'draft') throw fail.notFound('商品');
  const leader = await posterLeader(openid);
  const point = leader ? await activePickupPoint(leader.pickupPointId, now) : undefined;
  if (!leader || !point) throw fail.state('请先选择自提点');
  const scene = itemScene(leader._id, item._id);
  let stored = await posterCodeOf(scene);
  if (!stored) {
    const cloudPath = `posters/item/${scene.replace(/\W+/g, '-')}.png`;
    const fileID = await storeMiniProgramCode(scene, ITEM_PAGE, cloudPath);
    const doc = { _id: scene, leaderId: leader._id, batchItemId: item._id, fileID, createdAt: now };
    stored = (await insertPosterCodeOnce(doc)) ? doc : ((await posterCodeOf(scene)) ?? doc);
  }
  // 8 hex of the item's id in the scene: two of one leader's items sharing them is a 1 in 4 billion bug.
  if (stored.batchItemId !== item._id) throw new Error(`scene ${scene} is taken by ${stored.batchItemId}`);
  const url = (await tempFileUrls([stored.fileID])).get(stored.fileID);
  return {
    scene,
    fileID: stored.fileID,
    ...(url ? { url } : {}),
    leaderId: leader._id,
    leaderName: leader.name,
    pointName: point.name,
    pointAddress: point.address,
  };
}

/** The item page opened from a poster's 小程序码: which item, through which leader. */
export async function posterScene(scene: string): Promise<PosterScene> {
  let text: string;
  try {
    text = decodeURIComponent(scene);
  } catch {
    throw fail.invalid('场景值格式不正确');
  }
  const stored = await posterCodeOf(text);
  if (!stored) throw fail.notFound('海报');
  return { batchItemId: stored.batchItemId, leaderId: stored.leaderId };
}
