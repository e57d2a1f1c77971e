import type http from 'node:http';

export interface ServedConsole {
  url: string;
  port: number;
  server: http.Server;
  stop(): Promise<void>;
}

export function serveConsole(options: {
  gateway: string;
  env: string;
  port?: number;
  host?: string;
  dir?: string;
}): Promise<ServedConsole>;
