import type { GlobalEnvironment } from './discovery/find-global-folders.js';
import type { HostOptions } from './host.js';

/** Where global discovery looks for this host, or undefined when it is off. */
export function globalEnvironmentFor(options: HostOptions, env: Record<string, string | undefined>): GlobalEnvironment | undefined {
  if (options.global === false) return undefined;
  return { env, execPath: process.execPath, platform: process.platform, hostDir: options.builtinsFrom };
}
