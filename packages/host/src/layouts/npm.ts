import path from 'node:path';
import type { GlobalInstall, LayoutEnvironment, ManagerLayout } from './types.js';
import { posixOf } from './_paths.js';

const npm = { name: 'npm', agent: 'npm' } as const;

/** npm's prefix when nothing configures one: the Node installation's. */
export function defaultPrefix({ execPath, platform }: Pick<LayoutEnvironment, 'execPath' | 'platform'>): string {
  return platform === 'win32' ? path.dirname(execPath) : path.dirname(path.dirname(execPath));
}

function globalFolderOf(prefix: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
}

/**
 * npm: global packages under `<prefix>/lib/node_modules` (Windows:
 * `<prefix>/node_modules`), the prefix from `npm_config_prefix` or the Node
 * installation's. Its cache holds tarballs, never installed packages.
 */
export const npmLayout: ManagerLayout = {
  manager: npm,
  scriptsOff: { args: ['--ignore-scripts'], env: {} },
  globalFolders(environment) {
    const configured = environment.env['npm_config_prefix'];
    const prefixes = configured ? [configured, defaultPrefix(environment)] : [defaultPrefix(environment)];
    return prefixes.map((prefix) => globalFolderOf(prefix, environment.platform));
  },
  storeRoots: () => [],
  globalInstallOf(realDir): GlobalInstall | undefined {
    const posix = posixOf(realDir);
    const match = /^(.*)\/lib\/node_modules\/(?:@[^/]+\/)?[^/@.][^/]*$/.exec(posix);
    if (!match || posix.includes('/node_modules/.pnpm/')) return undefined;
    return { manager: npm, prefix: match[1]!.split('/').join(path.sep) || path.sep };
  },
  globalLocation(install, _packageDir, environment) {
    const { env, platform } = environment;
    const prefix = install.prefix ?? env['npm_config_prefix'] ?? env['NPM_CONFIG_PREFIX'] ?? defaultPrefix(environment);
    const folder = globalFolderOf(prefix, platform);
    return { folder, folders: [folder], files: [], env: {}, args: [] };
  },
};
