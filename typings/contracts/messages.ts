import * as z from 'zod/mini';
import type { Schema } from './define';

/**
 * INVALID_INPUT messages in Chinese, naming the field the way a user knows it
 * (`数量必须大于 0`, `自提点不能为空`). Each field is labelled once, in its
 * contract (`label(qty, '数量')`); the first issue becomes the message.
 */

/** Marks an issue zod would have worded itself (no message written in the contract). */
const UNWORDED = '\u0000';

type Def = { type: string; innerType?: Schema; in?: Schema; shape?: Record<string, Schema> } & Record<string, any>;
const defOf = (s: Schema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional']);

/** The schema and the wrappers around it (optional, default, ...), outermost first. */
function layers(s: Schema): Schema[] {
  const out = [s];
  for (let d = defOf(s); ; d = defOf(out[out.length - 1])) {
    const inner = WRAPPERS.has(d.type) ? d.innerType : d.type === 'pipe' ? d.in : undefined;
    if (!inner) return out;
    out.push(inner);
  }
}

export function labelOf(s: Schema): string | undefined {
  for (const l of layers(s)) {
    const label = z.globalRegistry.get(l)?.label;
    if (typeof label === 'string') return label;
  }
  return undefined;
}

/** The schema a path segment leads to (object field, array element, record value, tuple item). */
function child(s: Schema, key: PropertyKey): Schema | undefined {
  const l = layers(s);
  const d = defOf(l[l.length - 1]);
  if (d.type === 'object') return d.shape?.[key as string];
  if (d.type === 'array') return d.element;
  if (d.type === 'record') return d.valueType;
  if (d.type === 'tuple') return typeof key === 'number' ? d.items[key] : undefined;
  if (d.type === 'union') return (d.options as Schema[]).map((o) => child(o, key)).find(Boolean);
  return undefined;
}

/** The label of the deepest labelled schema along the path: lines.0.qty → 数量. */
export function labelAt(root: Schema, path: readonly PropertyKey[]): string | undefined {
  let label = labelOf(root);
  let s: Schema | undefined = root;
  for (const key of path) {
    s = s && child(s, key);
    if (!s) break;
    label = labelOf(s) ?? label;
  }
  return label;
}

/** Every object field reachable from a schema, with its path (for the test that each one has a label). */
export function fieldsOf(root: Schema, path: string[] = []): Array<{ path: string[]; schema: Schema }> {
  const l = layers(root);
  const d = defOf(l[l.length - 1]);
  if (d.type === 'object')
    return Object.entries(d.shape ?? {}).flatMap(([k, s]) => [
      { path: [...path, k], schema: s },
      ...fieldsOf(s, [...path, k]),
    ]);
  if (d.type === 'array') return fieldsOf(d.element, [...path, '0']);
  if (d.type === 'record') return fieldsOf(d.valueType, [...path, '*']);
  if (d.type === 'union') return (d.options as Schema[]).flatMap((o) => fieldsOf(o, path));
  return [];
}

const count = (origin: string) => (origin === 'string' ? '个字' : '项');

function phrase(issue: z.core.$ZodIssue): string {
  const missing = (issue as { input?: unknown }).input === undefined;
  if (missing && ['invalid_type', 'invalid_value', 'invalid_union'].includes(issue.code)) return '不能为空';
  switch (issue.code) {
    case 'invalid_type':
      return (
        {
          number: '必须是数字',
          int: '必须是整数',
          string: '必须是文字',
          boolean: '必须选择是或否',
          array: '必须是列表',
        }[issue.expected as string] ?? '格式不正确'
      );
    case 'too_small': {
      const min = Number(issue.minimum);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint') {
        if (!issue.inclusive) return `必须大于 ${min}`;
        return min === 1 ? '必须大于 0' : `不能小于 ${min}`;
      }
      if (issue.origin === 'date') return '太早了';
      return min <= 1 ? '不能为空' : `至少 ${min} ${count(issue.origin)}`;
    }
    case 'too_big': {
      const max = Number(issue.maximum);
      if (issue.origin === 'number' || issue.origin === 'int' || issue.origin === 'bigint')
        return issue.inclusive ? `不能大于 ${max}` : `必须小于 ${max}`;
      if (issue.origin === 'date') return '太晚了';
      return issue.origin === 'string' ? `不能超过 ${max} 个字` : `最多 ${max} 项`;
    }
    case 'invalid_value':
      return '不是可选的值';
    case 'not_multiple_of':
      return `必须是 ${String(issue.divisor)} 的倍数`;
    case 'unrecognized_keys':
      return `包含不支持的字段：${issue.keys.join('、')}`;
    default:
      return '格式不正确';
  }
}

/** One issue in words: a refinement's own sentence, or the field's label + what is wrong with it. */
export function issueMessage(schema: Schema, issue: z.core.$ZodIssue): string {
  if (issue.code === 'custom' && issue.message !== UNWORDED) return issue.message;
  const label = labelAt(schema, issue.path) ?? '输入';
  return `${label}${issue.message === UNWORDED ? phrase(issue) : issue.message}`;
}

export type Checked<T> = { ok: true; data: T } | { ok: false; message: string };

/** Validates an action's input; a refusal answers the first issue as a Chinese message. */
export function check<S extends Schema>(schema: S, payload: unknown): Checked<z.output<S>> {
  const parsed = z.safeParse(schema, payload, { error: () => UNWORDED, reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, message: issueMessage(schema, parsed.error.issues[0]) };
}
