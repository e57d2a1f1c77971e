/**
 * setData payloads that name only what changed: appending a page of a long list
 * sends `list[20]`…`list[39]`, never the first twenty again.
 */
export function appendPaths<T>(key: string, start: number, items: readonly T[]): Record<string, T> {
  const patch: Record<string, T> = {};
  items.forEach((item, i) => (patch[`${key}[${start + i}]`] = item));
  return patch;
}
