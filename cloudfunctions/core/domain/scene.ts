import { createHash } from 'node:crypto';

/**
 * The leader a 小程序码 scene points at. Scenes are at most 32 characters and
 * arrive URL-encoded: 'l=<leaderId>' (or the bare leader id), or an item
 * poster's 'l=<leaderId>&g=<key>' (itemScene).
 */
export function leaderIdFromScene(scene: string): string | undefined {
  let text: string;
  try {
    text = decodeURIComponent(scene);
  } catch {
    return undefined;
  }
  const m = /^(?:l|leader|leaderId)=([\w-]{1,30})(?:&g=[0-9a-f]{8})?$/.exec(text) ?? /^([\w-]{1,30})$/.exec(text);
  return m?.[1];
}

/**
 * The scene of an item poster's 小程序码: the leader (what user.enter binds a
 * first-time visitor to) and 8 hex of the item's id, as the item's id itself
 * does not fit in 32 characters; catalog.posterScene reads the item back from
 * the stored code. Leader ids (ld-<16 hex>, ≤ 19 characters) fit.
 */
export function itemScene(leaderId: string, batchItemId: string): string {
  const key = createHash('sha256').update(`item|${batchItemId}`).digest('hex').slice(0, 8);
  const scene = `l=${leaderId}&g=${key}`;
  if (scene.length > 32 || leaderIdFromScene(scene) !== leaderId)
    throw new Error(`leader id unfit for an item scene: ${leaderId}`);
  return scene;
}
