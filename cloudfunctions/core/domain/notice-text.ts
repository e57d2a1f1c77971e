/**
 * Subscribe-message values must respect their keyword's rule or WeChat answers
 * 47003 (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html):
 * thing ≤ 20 characters, character_string ≤ 32 printable ASCII, ... Values are
 * cut by characters (code points, so no emoji or Han character is split), with
 * '…' marking a cut.
 */
export function fitThing(text: string, max = 20): string {
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  if (chars.length === 0) return '-';
  return chars.length <= max ? chars.join('') : chars.slice(0, max - 1).join('') + '…';
}

export function fitCharacterString(text: string, max = 32): string {
  const ascii = text.replace(/[^\x21-\x7e]/g, '');
  return (ascii || '-').slice(0, max);
}

/** An amount keyword's value: '¥12.34' (currency sign, at most 10 digits, 2 decimals). */
export function fitAmount(fen: number): string {
  return `¥${(Math.max(0, Math.round(fen)) / 100).toFixed(2)}`;
}

/** '青菜×2、鸡蛋×1 等3件' style summary of order lines, fit for a thing keyword. */
export function goodsSummary(lines: Array<{ title: string; qty: number }>, max = 20): string {
  if (lines.length === 0) return '-';
  const first = `${lines[0].title}×${lines[0].qty}`;
  const suffix = lines.length > 1 ? `等${lines.length}件` : '';
  const room = max - Array.from(suffix).length;
  return fitThing(first, room) + suffix;
}

/**
 * The goods still waiting at the point for a resident, per line: bought minus
 * refunded (or promised to a refund on its way, `reserved` by item) minus
 * picked; lines with nothing left are left out, so a notice never names goods
 * that were refunded or short.
 */
export function waitingGoods(
  lines: ReadonlyArray<{ batchItemId: string; title: string; qty: number; refundedQty: number; pickedQty: number }>,
  reserved: Record<string, number>,
): Array<{ title: string; qty: number }> {
  return lines
    .map((l) => ({
      title: l.title,
      qty: Math.max(0, l.qty - Math.max(l.refundedQty, reserved[l.batchItemId] ?? 0) - l.pickedQty),
    }))
    .filter((l) => l.qty > 0);
}
