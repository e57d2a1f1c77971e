/** Runtime config first (served /config.js), then build-time env, then the local defaults. */
export interface ConsoleConfig {
  mode: 'local' | 'cloudbase';
  gateway: string;
  env: string;
}

export function readConfig(): ConsoleConfig {
  const runtime = (typeof window !== 'undefined' && window.__CONSOLE_CONFIG__) || {};
  return {
    mode: runtime.mode ?? import.meta.env.VITE_CONSOLE_MODE ?? 'local',
    gateway: runtime.gateway ?? import.meta.env.VITE_GATEWAY ?? 'http://127.0.0.1:8787',
    env: runtime.env ?? import.meta.env.VITE_ENV ?? 'local-env',
  };
}
