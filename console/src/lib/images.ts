import { currentTransport } from '../api/client';
import { readConfig } from '../api/config';

/**
 * Product images are cloud storage fileIDs (cloud://…); the demo data uses
 * bundled mini-program paths (/images/…). In production a picked file goes to
 * cloud storage through the uploader registered by main.ts (CloudBase JS SDK
 * `app.uploadFile({cloudPath, filePath: file})` → fileID) and shown through
 * `app.getTempFileURL`. Locally there is no browser upload to the emulator's
 * storage, so the console takes a fileID or /images/… path typed by hand.
 */
export type ImageUploader = (file: File) => Promise<string>;
export type ImageResolver = (fileIds: string[]) => Promise<Record<string, string>>;
let uploader: ImageUploader | undefined;
let resolver: ImageResolver | undefined;

export function setImageStorage(u: ImageUploader, r: ImageResolver): void {
  uploader = u;
  resolver = r;
}

export const canUpload = (): boolean => !!uploader;
export const isLocal = (): boolean => currentTransport().mode === 'local';

export async function uploadImage(file: File): Promise<string> {
  if (!/^image\//.test(file.type)) throw new Error('请选择图片文件');
  if (!uploader) throw new Error('本地模式不上传图片：请填写云存储 fileID（cloud://…）或演示图片路径（/images/…）');
  return uploader(file);
}

/**
 * Locally the pictures are at hand without a temporary URL: the local cloud
 * serves its storage at <gateway>/__cos/<env>.<bucket>/<path>, and the console
 * server serves the demo's bundled /images/ (console/server.js).
 */
function localUrls(ids: string[]): Record<string, string> {
  const gateway = readConfig().gateway.replace(/\/+$/, '');
  const out: Record<string, string> = {};
  for (const id of ids) {
    const file = /^cloud:\/\/([^/]+)\/(.+)$/.exec(id);
    if (file) out[id] = `${gateway}/__cos/${file[1]}/${file[2]}`;
    else if (id.startsWith('/images/')) out[id] = `.${id}`;
  }
  return out;
}

/** fileID → a URL an <img> can load (production: temporary URLs); unknown ids stay unresolved. */
export async function resolveImages(ids: string[]): Promise<Record<string, string>> {
  if (isLocal()) return localUrls(ids);
  const cloud = ids.filter((i) => i.startsWith('cloud://'));
  if (!resolver || !cloud.length) return {};
  try {
    return await resolver(cloud);
  } catch {
    return {};
  }
}

export const IMAGE_PATTERN = /^(cloud:\/\/\S+|\/images\/[\w./-]+)$/;
/** Kept out of templates: vue-tsc 3.3 mis-parses a static attribute value containing two slashes. */
export const IMAGE_HINT = 'cloud://… 的 fileID 或 /images/products/xxx.jpg';
