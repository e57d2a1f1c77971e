import fs from 'node:fs';
import path from 'node:path';
import type { LocalCloud } from '../cloud';
import { TcbError } from '../errors';
import { IMAGE_ERRORS, IMAGE_TYPES, imageProblem, sniffImageType, type ImageErrorCode } from '../../../typings/images';
import {
  RawReply,
  type ActionHandler,
  type ActionRequest,
  type HttpHandler,
  type HttpRequest,
  type Service,
} from '../types';

/** The bucket part of every fileID the emulator hands out: cloud://<env>.<bucket>/<path>. */
export const LOCAL_BUCKET = 'local-bucket';
/** Files per getTempFileURL / deleteFile call. */
const MAX_FILES_PER_CALL = 50;

const MIME: Record<string, string> = {
  '.txt': 'text/plain',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.pdf': 'application/pdf',
  '.csv': 'text/csv',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.html': 'text/html',
  '.mp4': 'video/mp4',
};

interface StoredFile {
  body: Buffer;
  uploadedAt: number;
}

/**
 * Cloud storage: storage.getUploadMetadata (then the SDK PUTs the bytes to the
 * returned COS-like url, served here under /__cos/), storage.batchGetDownloadUrl,
 * storage.batchDeleteFile. Bytes live under <dataDir>/storage/<env>/<path> when a
 * data folder is set, in memory otherwise.
 */
export class StorageService implements Service {
  private memory = new Map<string, StoredFile>();
  /** Upload urls handed out and not used yet ("env/path"); a PUT without one is refused like an unsigned COS PUT. */
  private pendingUploads = new Set<string>();

  constructor(readonly cloud: LocalCloud) {}

  actions(): Record<string, ActionHandler> {
    return {
      'storage.getUploadMetadata': (req) => this.getUploadMetadata(req),
      'storage.batchGetDownloadUrl': (req) => this.batchGetDownloadUrl(req),
      'storage.batchDeleteFile': (req) => this.batchDeleteFile(req),
    };
  }

  routes(): Record<string, HttpHandler> {
    return {
      'PUT /__cos/': (req) => this.cosPut(req),
      'GET /__cos/': (req) => this.cosGet(req),
      'HEAD /__cos/': (req) => this.cosGet(req),
      'POST /client/storage/upload': (req) => this.clientUpload(req),
    };
  }

  reset(): void {
    this.memory.clear();
    this.pendingUploads.clear();
    const dir = this.root();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }

  // ---- programmatic API (tests, console, scripts) ----

  fileId(env: string, cloudPath: string): string {
    return `cloud://${env}.${LOCAL_BUCKET}/${cloudPath}`;
  }

  read(env: string, cloudPath: string): Buffer | undefined {
    const dir = this.root();
    if (dir) {
      const file = this.diskPath(dir, env, cloudPath);
      return fs.existsSync(file) && fs.statSync(file).isFile() ? fs.readFileSync(file) : undefined;
    }
    return this.memory.get(`${env}/${cloudPath}`)?.body;
  }

  write(env: string, cloudPath: string, body: Buffer): string {
    checkCloudPath(cloudPath);
    const dir = this.root();
    if (dir) {
      const file = this.diskPath(dir, env, cloudPath);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, body);
    } else {
      this.memory.set(`${env}/${cloudPath}`, { body: Buffer.from(body), uploadedAt: this.cloud.clock.now() });
    }
    return this.fileId(env, cloudPath);
  }

  remove(env: string, cloudPath: string): boolean {
    const dir = this.root();
    if (dir) {
      const file = this.diskPath(dir, env, cloudPath);
      if (!fs.existsSync(file)) return false;
      fs.rmSync(file);
      return true;
    }
    return this.memory.delete(`${env}/${cloudPath}`);
  }

  list(env: string): string[] {
    const dir = this.root();
    if (!dir) {
      return [...this.memory.keys()].filter((k) => k.startsWith(`${env}/`)).map((k) => k.slice(env.length + 1));
    }
    const base = path.join(dir, env);
    const out: string[] = [];
    const walk = (d: string) => {
      if (!fs.existsSync(d)) return;
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out.push(path.relative(base, p).split(path.sep).join('/'));
      }
    };
    walk(base);
    return out.sort();
  }

  // ---- actions ----

  private getUploadMetadata(req: ActionRequest) {
    const cloudPath = String(req.body.path ?? '');
    checkCloudPath(cloudPath);
    this.pendingUploads.add(`${req.env}/${cloudPath}`);
    return {
      data: {
        url: this.url(req.env, cloudPath),
        token: '',
        authorization: '',
        fileId: this.fileId(req.env, cloudPath),
        cosFileId: 'local',
      },
    };
  }

  private batchGetDownloadUrl(req: ActionRequest) {
    const list = req.body.file_list;
    if (!Array.isArray(list) || list.length === 0)
      throw new TcbError('INVALID_PARAM', 'file_list must be a non-empty array');
    if (list.length > MAX_FILES_PER_CALL) {
      throw new TcbError('INVALID_PARAM', `file_list holds at most ${MAX_FILES_PER_CALL} files`);
    }
    const download_list = list.map((item: { fileid?: unknown; max_age?: unknown }) => {
      const fileID = String(item?.fileid ?? '');
      const maxAge = item?.max_age === undefined ? {} : { maxAge: item.max_age };
      const parsed = parseFileId(fileID);
      if (!parsed) return { fileID, tempFileURL: '', code: 'INVALID_PARAM', message: 'invalid fileID', ...maxAge };
      if (!this.read(parsed.env, parsed.path)) {
        return {
          fileID,
          tempFileURL: '',
          code: 'STORAGE_FILE_NONEXIST',
          message: 'storage file not exists',
          ...maxAge,
        };
      }
      return { fileID, tempFileURL: this.url(parsed.env, parsed.path, parsed.bucket), code: 'SUCCESS', ...maxAge };
    });
    return { data: { download_list } };
  }

  private batchDeleteFile(req: ActionRequest) {
    const list = req.body.fileid_list;
    if (!Array.isArray(list) || list.length === 0)
      throw new TcbError('INVALID_PARAM', 'fileid_list must be a non-empty array');
    if (list.length > MAX_FILES_PER_CALL) {
      throw new TcbError('INVALID_PARAM', `fileid_list holds at most ${MAX_FILES_PER_CALL} files`);
    }
    const delete_list = list.map((raw: unknown) => {
      const fileID = String(raw ?? '');
      const parsed = parseFileId(fileID);
      if (!parsed) return { fileID, code: 'INVALID_PARAM', message: 'invalid fileID' };
      if (!this.remove(parsed.env, parsed.path)) {
        return { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' };
      }
      return { fileID, code: 'SUCCESS' };
    });
    return { data: { delete_list } };
  }

  // ---- COS-like byte routes ----

  private cosPut(req: HttpRequest): RawReply {
    const target = parseCosPath(req.path);
    if (!target || !this.pendingUploads.has(`${target.env}/${target.path}`)) {
      return cosError(403, 'AccessDenied', 'Access Denied (no upload metadata for this path)', req.path);
    }
    this.pendingUploads.delete(`${target.env}/${target.path}`);
    this.write(target.env, target.path, req.body);
    // COS answers an empty body on success; the SDK parses it as XML.
    return new RawReply(Buffer.alloc(0), 'application/xml');
  }

  private cosGet(req: HttpRequest): RawReply {
    const target = parseCosPath(req.path);
    const body = target ? this.read(target.env, target.path) : undefined;
    if (!target || !body) return cosError(404, 'NoSuchKey', 'The specified key does not exist.', req.path);
    const type = MIME[path.extname(target.path).toLowerCase()] ?? 'application/octet-stream';
    return new RawReply(body, type);
  }

  // ---- the browser's upload (the console in local mode) ----

  /**
   * POST /client/storage/upload?env=..&cloudPath=.. with the picture's bytes as the
   * body and its type as content-type: what the CloudBase JS SDK's uploadFile does
   * for the console in production, into the same storage the functions' SDK reads
   * (getTempFileURL, downloadFile). Like the cloud's default storage rule it needs
   * a signed-in caller (X-WX-OPENID). Only pictures (products, banners) come this way, so it
   * takes JPG/PNG/WebP up to 2 MB (typings/images.ts) whose bytes are what they
   * claim; a refusal answers {code, message} and stores nothing.
   */
  private clientUpload(req: HttpRequest): RawReply {
    const refuse = (status: number, code: string, message: string) => jsonReply(status, { code, message });
    const image = (status: number, code: ImageErrorCode) => refuse(status, code, IMAGE_ERRORS[code]);
    const openid = req.headers['x-wx-openid'];
    if (!openid) return refuse(401, 'UNAUTHENTICATED', '请先登录再上传');
    const env = req.query.get('env') || 'local-env';
    const cloudPath = req.query.get('cloudPath') ?? '';
    const type = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const problem = imageProblem({ type, size: req.body.length });
    if (problem) return image(problem === 'IMAGE_TOO_LARGE' ? 413 : problem === 'EMPTY_IMAGE' ? 400 : 415, problem);
    if (sniffImageType(req.body) !== type) return image(415, 'UNSUPPORTED_IMAGE');
    const ext = path.extname(cloudPath).slice(1).toLowerCase();
    const wanted: string = IMAGE_TYPES[type as keyof typeof IMAGE_TYPES];
    if (ext !== wanted && !(wanted === 'jpg' && ext === 'jpeg')) {
      return refuse(400, 'INVALID_PARAM', `文件名后缀应为 .${wanted}`);
    }
    try {
      checkCloudPath(cloudPath);
    } catch (err) {
      return refuse(400, 'INVALID_PARAM', (err as Error).message);
    }
    return jsonReply(200, { fileID: this.write(env, cloudPath, req.body) });
  }

  // ---- helpers ----

  /** Not percent-encoded: the SDK runs encodeURI() on download urls itself. */
  private url(env: string, cloudPath: string, bucket = LOCAL_BUCKET): string {
    return `${this.cloud.baseUrl}/__cos/${env}.${bucket}/${cloudPath}`;
  }

  private root(): string | undefined {
    return this.cloud.options.dataDir ? path.join(this.cloud.options.dataDir, 'storage') : undefined;
  }

  private diskPath(root: string, env: string, cloudPath: string): string {
    const file = path.resolve(root, env, cloudPath);
    if (!file.startsWith(path.resolve(root, env) + path.sep))
      throw new TcbError('INVALID_PARAM', `invalid cloudPath: ${cloudPath}`);
    return file;
  }
}

/** cloud://<env>.<bucket>/<path> */
export function parseFileId(fileID: string): { env: string; bucket: string; path: string } | undefined {
  const m = /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileID);
  if (!m) return undefined;
  return { env: m[1], bucket: m[2], path: m[3] };
}

function parseCosPath(p: string): { env: string; path: string } | undefined {
  const m = /^([^./]+)\.([^/]+)\/(.+)$/.exec(p);
  return m ? { env: m[1], path: m[3] } : undefined;
}

/**
 * File naming rules, https://developers.weixin.qq.com/minigame/dev/wxcloud/guide/storage/naming.html :
 * not empty, no leading "/", no "//", at most 850 bytes, no CAN/EM/SUB/ESC. The
 * emulator also refuses "." and ".." segments (stricter, never more permissive).
 */
function checkCloudPath(cloudPath: string): void {
  const bad = (why: string) => new TcbError('INVALID_PARAM', `invalid cloudPath "${cloudPath}": ${why}`);
  if (!cloudPath) throw bad('empty');
  if (cloudPath.startsWith('/')) throw bad('must not start with /');
  if (Buffer.byteLength(cloudPath) > 850) throw bad('longer than 850 bytes');
  if (cloudPath.split('/').some((s) => s === '' || s === '.' || s === '..')) throw bad('empty, "." or ".." segment');
  if (Array.from(cloudPath).some((c) => c.charCodeAt(0) >= 24 && c.charCodeAt(0) <= 27))
    throw bad('control characters CAN/EM/SUB/ESC are not supported');
}

function cosError(status: number, code: string, message: string, resource: string): RawReply {
  const xml =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n` +
    `<Resource>${escapeXml(resource)}</Resource>\n<RequestId>local</RequestId>\n<TraceId>local</TraceId>\n</Error>`;
  return new RawReply(Buffer.from(xml), 'application/xml', status);
}

function jsonReply(status: number, body: unknown): RawReply {
  return new RawReply(Buffer.from(JSON.stringify(body)), 'application/json; charset=utf-8', status);
}

function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
