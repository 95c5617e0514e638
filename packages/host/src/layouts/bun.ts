import path from 'node:path';
import type { GlobalInstall, LayoutEnvironment, ManagerLayout } from './types.js';
import { installedBeside, isBelow } from './_paths.js';

const bun = { name: 'bun', agent: 'bun' } as const;

function bunInstall({ env, home }: LayoutEnvironment): string {
  return env['BUN_INSTALL'] ?? path.join(home, '.bun');
}

/** bun's global folder: `BUN_INSTALL_GLOBAL_DIR`, else `$BUN_INSTALL/install/global` (`~/.bun`). */
function globalDir(environment: LayoutEnvironment): string {
  return environment.env['BUN_INSTALL_GLOBAL_DIR'] ?? path.join(bunInstall(environment), 'install', 'global');
}

/** bun: a global folder with its own package.json and lockfile; a package cache beside it. */
export const bunLayout: ManagerLayout = {
  manager: bun,
  scriptsOff: { args: ['--ignore-scripts'], env: {} },
  globalFolders: (environment) => [path.join(globalDir(environment), 'node_modules')],
  storeRoots: (environment) => [environment.env['BUN_INSTALL_CACHE_DIR'] ?? path.join(bunInstall(environment), 'install', 'cache')],
  globalInstallOf: (realDir, environment): GlobalInstall | undefined => (isBelow(realDir, globalDir(environment)) ? { manager: bun } : undefined),
  globalLocation(_install, packageDir, environment) {
    const beside = packageDir === undefined ? undefined : installedBeside(packageDir);
    const folder = beside === undefined ? globalDir(environment) : path.dirname(beside);
    const files = ['package.json', 'bun.lock', 'bun.lockb'].map((file) => path.join(folder, file));
    return { folder, folders: [path.join(folder, 'node_modules')], files, env: { BUN_INSTALL_GLOBAL_DIR: folder }, args: [] };
  },
};
