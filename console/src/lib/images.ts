import { currentTransport } from '../api/client';
import { readConfig } from '../api/config';
import { session } from '../api/session';
import { IMAGE_ERRORS, IMAGE_TYPES, imageProblem, sniffImageType, type ImageType } from '../../../typings/images';

/**
 * Product images are cloud storage fileIDs (cloud://…); the demo data uses
 * bundled mini-program paths (/images/…). A picked file is checked here first
 * (typings/images.ts: JPG/PNG/WebP up to 2 MB whose bytes are what they claim),
 * then uploaded:
 * - production: through the uploader registered by main.ts (CloudBase JS SDK
 *   `app.uploadFile({cloudPath, filePath: file})` → fileID), shown through
 *   `app.getTempFileURL`; cloud storage takes any file, so this check is the only one;
 * - locally: to the local cloud's browser upload route
 *   (POST <gateway>/client/storage/upload, emulator/FIDELITY.md), which checks again
 *   and stores it where the functions' SDK reads it.
 */
export type ImageUploader = (file: File, cloudPath: string) => Promise<string>;
export type ImageResolver = (fileIds: string[]) => Promise<Record<string, string>>;
let uploader: ImageUploader | undefined;
let resolver: ImageResolver | undefined;

export function setImageStorage(u: ImageUploader, r: ImageResolver): void {
  uploader = u;
  resolver = r;
}

export const isLocal = (): boolean => currentTransport().mode === 'local';
const activeUploader = (): ImageUploader | undefined => uploader ?? (isLocal() ? localUpload : undefined);
export const canUpload = (): boolean => !!activeUploader();

/** The Chinese reason a picked file may not be uploaded, or undefined when it may (claimed type, size, then its bytes). */
export async function imageRefusal(file: File): Promise<string | undefined> {
  const problem = imageProblem(file);
  if (problem) return IMAGE_ERRORS[problem];
  const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  if (sniffImageType(head) !== file.type) return `「${file.name}」不是真正的 JPG、PNG 或 WebP 图片`;
  return undefined;
}

/** What the pictures are of: their folder in cloud storage. */
export type ImageFolder = 'products' | 'banners';

/** <folder>/<yyyymmdd>/<time>-<random>.<ext of its type> (the local cloud wants the suffix to match the type). */
export function imageCloudPath(file: File, folder: ImageFolder = 'products', now = new Date()): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  const ext = IMAGE_TYPES[file.type as ImageType] ?? 'jpg';
  return `${folder}/${day}/${now.getTime()}-${Math.random().toString(36).slice(2, 8)}.${ext}`;
}

/** Checks the file and uploads it; answers its fileID or throws an Error with a Chinese message. */
export async function uploadImage(file: File, folder: ImageFolder = 'products'): Promise<string> {
  const refusal = await imageRefusal(file);
  if (refusal) throw new Error(refusal);
  const upload = activeUploader();
  if (!upload) throw new Error('未连接云存储，无法上传图片');
  return upload(file, imageCloudPath(file, folder));
}

/** The local cloud's browser upload: the picture's bytes as the body, as the signed-in demo user. */
async function localUpload(file: File, cloudPath: string): Promise<string> {
  const { gateway, env } = readConfig();
  const base = gateway.replace(/\/+$/, '');
  const openid = session.value?.openid;
  if (!openid) throw new Error('请先登录再上传');
  const res = await fetch(
    `${base}/client/storage/upload?env=${encodeURIComponent(env)}&cloudPath=${encodeURIComponent(cloudPath)}`,
    { method: 'POST', headers: { 'content-type': file.type, 'x-wx-openid': openid }, body: file },
  ).catch((err: Error) => Promise.reject(new Error(`无法连接本地云 ${base}：${err.message}`)));
  const answer = (await res.json().catch(() => null)) as { fileID?: string; message?: string } | null;
  if (!res.ok || !answer?.fileID) throw new Error(`上传失败：${answer?.message ?? `HTTP ${res.status}`}`);
  return answer.fileID;
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

/** Files per getTempFileURL call (the cloud's limit). */
const PER_CALL = 50;

/**
 * fileID → a URL an <img> can load, for a whole page at once: production asks
 * getTempFileURL once per 50 distinct cloud:// ids (one call for a page of the
 * list), never once per row. Demo /images/… paths are served by the console
 * server; unknown ids stay unresolved.
 */
export async function resolveImages(ids: string[]): Promise<Record<string, string>> {
  const distinct = [...new Set(ids.filter(Boolean))];
  const out: Record<string, string> = {};
  for (const id of distinct) if (id.startsWith('/images/')) out[id] = `.${id}`;
  const cloud = distinct.filter((i) => i.startsWith('cloud://'));
  if (!cloud.length) return out;
  if (isLocal()) return { ...out, ...localUrls(cloud) };
  if (!resolver) return out;
  for (let i = 0; i < cloud.length; i += PER_CALL) {
    try {
      Object.assign(out, await resolver(cloud.slice(i, i + PER_CALL)));
    } catch {
      // Unresolved pictures show their placeholder.
    }
  }
  return out;
}
