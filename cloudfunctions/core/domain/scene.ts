/**
 * The leader a 小程序码 scene points at. Scenes are at most 32 characters and
 * arrive URL-encoded: 'l=<leaderId>' (or the bare leader id).
 */
export function leaderIdFromScene(scene: string): string | undefined {
  let text: string;
  try {
    text = decodeURIComponent(scene);
  } catch {
    return undefined;
  }
  const m = /^(?:l|leader|leaderId)=([\w-]{1,30})$/.exec(text) ?? /^([\w-]{1,30})$/.exec(text);
  return m?.[1];
}
