import { setTransport } from './client';
import { cloudBaseTransport, type CloudBaseApp } from './transport';
import { setImageStorage } from '../lib/images';

/**
 * Production wiring (mode 'cloudbase'). The CloudBase JS SDK is not a
 * dependency of the console: the deployer loads it as a script
 * (https://static.cloudbase.net/cloudbase-js-sdk/<version>/cloudbase.full.js → window.cloudbase)
 * or bundles @cloudbase/js-sdk. Only the few calls below are used; see console/README.md.
 */
export interface CloudBaseFullApp extends CloudBaseApp {
  auth(options?: { persistence?: 'local' | 'session' | 'none' }): {
    signIn?(params: { username: string; password: string }): Promise<unknown>;
    signInWithUsernameAndPassword?(username: string, password: string): Promise<unknown>;
    signOut(): Promise<unknown>;
  };
  uploadFile(params: { cloudPath: string; filePath: File }): Promise<{ fileID: string }>;
  getTempFileURL(params: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; tempFileURL: string }> }>;
}

interface CloudBaseSdk {
  init(options: { env: string }): CloudBaseFullApp;
}

let app: CloudBaseFullApp | undefined;

export function connectCloudBase(env: string): CloudBaseFullApp {
  const sdk = (window as unknown as { cloudbase?: CloudBaseSdk }).cloudbase;
  if (!sdk) throw new Error('未加载 CloudBase JS SDK（window.cloudbase），见 console/README.md');
  app = sdk.init({ env });
  setTransport(cloudBaseTransport(app));
  setImageStorage(
    // The file was checked (type, size, bytes) and named by lib/images.ts.
    async (file, cloudPath) => (await app!.uploadFile({ cloudPath, filePath: file })).fileID,
    async (fileIds) => {
      const res = await app!.getTempFileURL({ fileList: fileIds });
      return Object.fromEntries(res.fileList.map((f) => [f.fileID, f.tempFileURL]));
    },
  );
  return app;
}

/** CloudBase username/password login (enable it in 云开发控制台 → 身份认证). */
export async function signInWithPassword(username: string, password: string): Promise<void> {
  if (!app) throw new Error('CloudBase 未初始化');
  const auth = app.auth({ persistence: 'local' });
  if (auth.signIn) await auth.signIn({ username, password });
  else if (auth.signInWithUsernameAndPassword) await auth.signInWithUsernameAndPassword(username, password);
  else throw new Error('当前 SDK 版本不支持用户名密码登录');
}
