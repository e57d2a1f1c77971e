/**
 * Where the mini-program's backend is. 'cloud' calls WeChat cloud functions;
 * 'local' posts to the local cloud's gateway (`npm start`), which needs DevTools'
 * 「不校验合法域名」 because 127.0.0.1 is no legal request domain.
 */
export interface AppConfig {
  mode: 'cloud' | 'local';
  /** Cloud environment id; '' lets wx.cloud pick the default environment. */
  env: string;
  /** The local cloud's base URL (local mode). */
  gatewayUrl: string;
  /** Who the local gateway says you are (local mode has no WeChat login). */
  localOpenid: string;
}

export const config: AppConfig = {
  mode: 'cloud',
  env: '',
  gatewayUrl: 'http://127.0.0.1:8787',
  localOpenid: 'resident-demo-openid',
};
