import { LocalCloud, type LocalCloudOptions } from './cloud';
import { listen, type RunningCloud } from './server';

export { LocalCloud } from './cloud';
export type { LocalCloudOptions } from './cloud';
export type { RunningCloud } from './server';
export { sdkEnv, useLocalCloud } from './sdk-env';

/** Programmatic API for tests and scripts: start a local cloud on a port (0 = any free one). */
export async function startLocalCloud(options: LocalCloudOptions & { port?: number } = {}): Promise<RunningCloud> {
  const cloud = new LocalCloud(options);
  return listen(cloud, options.port ?? 0);
}
