/**
 * Value rules of subscribe-message template keywords ("订阅消息参数值内容限制说明"),
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * (same table on the subscribeMessage.send cloud-call page). The keyword type is
 * the key without its trailing number: thing1 → thing, character_string2 → character_string.
 * A value that breaks its rule is answered by WeChat with
 * 47003 "argument invalid! data.<key>.value invalid" (empty: "... is empty").
 */
const HAN = /\p{Script=Han}/u;
const chars = (s: string): string[] => Array.from(s);

const TIME = '(?:[01]?\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d)?';
const DATE =
  '(?:\\d{4}年\\d{1,2}月\\d{1,2}日|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{4}/\\d{1,2}/\\d{1,2}|\\d{4}\\.\\d{1,2}\\.\\d{1,2})';
const timePoint = new RegExp(`^(?:${DATE}\\s*)?${TIME}$`);
const datePoint = new RegExp(`^${DATE}(?:\\s*${TIME})?$`);

function validDateParts(s: string): boolean {
  const m = /(\d{4})\D(\d{1,2})\D(\d{1,2})/.exec(s);
  if (!m) return true;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}
/** One point or a range "a~b" of points. */
function range(value: string, point: RegExp): boolean {
  const parts = value.split('~').map((p) => p.trim());
  if (parts.length > 2) return false;
  return parts.every((p) => point.test(p) && validDateParts(p));
}

export const keywordRules: Record<string, { rule: string; test: (v: string) => boolean }> = {
  thing: { rule: '20个以内字符', test: (v) => chars(v).length <= 20 },
  number: { rule: '32位以内数字, 可带小数', test: (v) => v.length <= 32 && /^\d+(?:\.\d+)?$/.test(v) },
  letter: { rule: '32位以内字母', test: (v) => v.length <= 32 && /^[A-Za-z]+$/.test(v) },
  symbol: { rule: '5位以内符号', test: (v) => chars(v).length <= 5 && /^[\p{P}\p{S}]+$/u.test(v) },
  character_string: {
    rule: '32位以内数字、字母或符号',
    test: (v) => v.length <= 32 && /^[\x21-\x7e]+$/.test(v),
  },
  time: { rule: '24小时制时间格式(支持+年月日), 时间段用~连接', test: (v) => range(v, timePoint) },
  date: { rule: '年月日格式(支持+24小时制时间), 时间段用~连接', test: (v) => range(v, datePoint) },
  amount: {
    rule: '1个币种符号+10位以内纯数字, 可带小数, 结尾可带"元"',
    test: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d{1,2})?元?$/u.test(v),
  },
  phone_number: {
    rule: '17位以内, 数字、符号',
    test: (v) => v.length <= 17 && /^[\d\p{P}\p{S}]+$/u.test(v),
  },
  car_number: {
    rule: '8位以内, 第一位与最后一位可为汉字, 其余为字母或数字',
    test: (v) => {
      const c = chars(v);
      if (c.length === 0 || c.length > 8) return false;
      return c.every((ch, i) => /[A-Za-z0-9]/.test(ch) || ((i === 0 || i === c.length - 1) && HAN.test(ch)));
    },
  },
  name: {
    rule: '10个以内纯汉字或20个以内纯字母或符号 (中英混合按中文算, 10个字内)',
    test: (v) => {
      const c = chars(v);
      if (!c.every((ch) => HAN.test(ch) || /[A-Za-z\s]/.test(ch) || /[\p{P}\p{S}]/u.test(ch))) return false;
      return c.some((ch) => HAN.test(ch)) ? c.length <= 10 : c.length <= 20;
    },
  },
  phrase: { rule: '5个以内汉字', test: (v) => /^\p{Script=Han}{1,5}$/u.test(v) },
};

export function keywordType(key: string): string {
  return key.replace(/\d+$/, '');
}

/** Returns the WeChat error message for a bad data object, or undefined when it is valid. */
export function checkTemplateData(data: unknown): string | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return 'argument invalid! data is empty';
  const entries = Object.entries(data as Record<string, unknown>);
  if (entries.length === 0) return 'argument invalid! data is empty';
  for (const [key, item] of entries) {
    const raw = item && typeof item === 'object' ? (item as { value?: unknown }).value : undefined;
    if (raw === undefined || raw === null || String(raw) === '') return `argument invalid! data.${key}.value is empty`;
    if (typeof raw === 'object') return `argument invalid! data.${key}.value invalid`;
    const rule = keywordRules[keywordType(key)];
    // Keyword types not in the table (enum, short_thing, ...) are accepted as they are.
    if (rule && !rule.test(String(raw))) return `argument invalid! data.${key}.value invalid`;
  }
  return undefined;
}
