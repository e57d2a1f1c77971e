/** One per create form: a retried create (double click, timeout) answers the same document. */
export const newRequestId = (tag: string): string =>
  `${tag}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
