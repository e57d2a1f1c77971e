/// <reference types="vite/client" />

declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent<object, object, any>;
  export default component;
}

interface ImportMetaEnv {
  readonly VITE_CONSOLE_MODE?: 'local' | 'cloudbase';
  readonly VITE_GATEWAY?: string;
  readonly VITE_ENV?: string;
}

interface ConsoleRuntimeConfig {
  mode?: 'local' | 'cloudbase';
  /** Local cloud base URL, e.g. http://127.0.0.1:8787 (its client gateway is <gateway>/client/functions/<fn>). */
  gateway?: string;
  /** Cloud environment id (local: any name, e.g. local-env). */
  env?: string;
}

interface Window {
  __CONSOLE_CONFIG__?: ConsoleRuntimeConfig;
}
