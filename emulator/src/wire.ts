/**
 * Decoding what the SDK sends to POST /admin: a JSON body for most actions, and
 * multipart form data for wx.openApi / wx.wxPayApi, whose parts are raw bytes
 * without filenames (so busboy-style field parsing would mangle them).
 */
export function parseMultipart(body: Buffer, contentType: string): Record<string, Buffer> {
  const match = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!match) throw new Error('multipart body without boundary');
  const boundary = Buffer.from(`--${match[1] ?? match[2]}`);
  const parts: Record<string, Buffer> = {};
  let pos = body.indexOf(boundary);
  while (pos !== -1) {
    const start = pos + boundary.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd === -1) break;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd + 4);
    if (next === -1) break;
    const name = /name="([^"]*)"/i.exec(headers)?.[1];
    // Part content ends with CRLF before the next boundary.
    if (name !== undefined) parts[name] = body.subarray(headerEnd + 4, next - 2);
    pos = next;
  }
  return parts;
}

export function decodeAdminBody(
  body: Buffer,
  contentType: string,
): { body: Record<string, any>; parts?: Record<string, Buffer> } {
  if (/multipart\/form-data/i.test(contentType)) {
    const parts = parseMultipart(body, contentType);
    const fields: Record<string, any> = {};
    for (const [k, v] of Object.entries(parts)) fields[k] = v.toString('utf8');
    return { body: fields, parts };
  }
  const text = body.toString('utf8');
  return { body: text ? JSON.parse(text) : {} };
}
