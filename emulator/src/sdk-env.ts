/**
 * The environment variables that point the unmodified wx-server-sdk at the
 * local cloud (see shared/reference/cloudbase-wire/README.md). The cloud
 * runtime sets the same variables itself; nothing is patched.
 */
export interface SdkEnvOptions {
  url: string;
  env: string;
  appid?: string;
  openid?: string;
  source?: string;
  token?: string;
}

export function sdkEnv(o: SdkEnvOptions): Record<string, string> {
  const vars: Record<string, string> = {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${o.url}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: 'ap-shanghai',
    SCF_NAMESPACE: o.env,
    TCB_ENV: o.env,
    TENCENTCLOUD_SECRETID: 'local',
    TENCENTCLOUD_SECRETKEY: 'local',
    WX_CONTEXT_KEYS: 'WX_APPID,WX_OPENID,WX_API_TOKEN',
    WX_APPID: o.appid ?? 'wxlocalappid',
    WX_API_TOKEN: o.token ?? '',
    TCB_SOURCE: o.source ?? 'wx_client',
  };
  if (o.openid) vars.WX_OPENID = o.openid;
  return vars;
}

/** Point this process's wx-server-sdk at the local cloud (tests, scripts). */
export function useLocalCloud(o: SdkEnvOptions): void {
  const vars = sdkEnv(o);
  for (const key of ['WX_OPENID', 'WX_UNIONID']) delete process.env[key];
  Object.assign(process.env, vars);
}
