import path from 'node:path';
import type { GlobalInstall, LayoutEnvironment, ManagerLayout } from './types.js';
import { installedBeside, isBelow, posixOf } from './_paths.js';

const yarnClassic = { name: 'yarn', agent: 'yarn' } as const;
const yarnBerry = { name: 'yarn', agent: 'yarn@berry' } as const;

/**
 * yarn classic's global folders, the one it installs into first:
 * `YARN_GLOBAL_FOLDER`, else `$XDG_DATA_HOME/yarn/global`, else
 * `<home>/.config/yarn/global` — where yarn takes `/usr/local/share` for
 * root's home. The others may still hold what was installed before the
 * setting changed.
 */
function globalRoots({ env, home, uid, platform }: LayoutEnvironment): string[] {
  const userHome = platform !== 'win32' && uid === 0 ? '/usr/local/share' : home;
  const roots = [
    env['YARN_GLOBAL_FOLDER'],
    env['XDG_DATA_HOME'] && path.join(env['XDG_DATA_HOME'], 'yarn', 'global'),
    path.join(userHome, '.config', 'yarn', 'global'),
  ];
  return [...new Set(roots.filter((root): root is string => typeof root === 'string' && root !== ''))];
}

/** yarn classic (1.x): a global folder with its own package.json and yarn.lock. */
export const yarnClassicLayout: ManagerLayout = {
  manager: yarnClassic,
  // `yarn global add` drops the flag and runs the scripts; it reads the setting from the environment there too.
  scriptsOff: { args: ['--ignore-scripts'], env: { YARN_IGNORE_SCRIPTS: 'true' } },
  globalFolders: (environment) => globalRoots(environment).map((root) => path.join(root, 'node_modules')),
  storeRoots: () => [],
  globalInstallOf(realDir, environment): GlobalInstall | undefined {
    const configured = environment.env['YARN_GLOBAL_FOLDER'];
    if (/\/yarn\/global\/node_modules\//.test(posixOf(realDir)) || (configured && isBelow(realDir, configured))) return { manager: yarnClassic };
    return undefined;
  },
  globalLocation(_install, packageDir, environment) {
    const beside = packageDir === undefined ? undefined : installedBeside(packageDir);
    const folder = beside === undefined ? globalRoots(environment)[0]! : path.dirname(beside);
    return {
      folder,
      folders: [path.join(folder, 'node_modules')],
      files: [path.join(folder, 'package.json'), path.join(folder, 'yarn.lock')],
      env: {},
      args: ['--global-folder', folder],
    };
  },
};

/**
 * Yarn 2+ (Berry): no global folder (its global installs are npm's), package
 * archives in the project's `.yarn/cache` or the shared cache.
 */
export const yarnBerryLayout: ManagerLayout = {
  manager: yarnBerry,
  // No flag: its enableScripts setting, read from the environment over the project's .yarnrc.yml.
  scriptsOff: { args: [], env: { YARN_ENABLE_SCRIPTS: 'false' } },
  globalFolders: () => [],
  storeRoots: ({ env, home }) => [env['YARN_CACHE_FOLDER'] ?? path.join(env['YARN_GLOBAL_FOLDER'] ?? path.join(home, '.yarn', 'berry'), 'cache')],
  globalInstallOf: () => undefined,
  globalLocation() {
    throw new Error('Yarn 2+ has no global folder: its global installs are npm’s');
  },
};
