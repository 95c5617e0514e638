import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { GlobalInstall, LayoutEnvironment, ManagerLayout } from './types.js';
import { isBelow, posixOf } from './_paths.js';

const pnpm = { name: 'pnpm', agent: 'pnpm' } as const;

/** pnpm's home folder: `PNPM_HOME`, else the platform's default. */
export function pnpmHomeOf({ env, platform, home }: LayoutEnvironment): string {
  if (env['PNPM_HOME']) return env['PNPM_HOME'];
  if (platform === 'win32') return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'pnpm');
  if (platform === 'darwin') return path.join(home, 'Library', 'pnpm');
  return path.join(env['XDG_DATA_HOME'] ?? path.join(home, '.local', 'share'), 'pnpm');
}

// pnpm 11+: one folder per global package, `global/v11/<id>/node_modules`;
// before: one shared `global/5/node_modules`. Hash-named links point at the
// same folders: real folders only.
function globalFoldersIn(pnpmHome: string): string[] {
  const perPackage = path.join(pnpmHome, 'global', 'v11');
  let ids: string[] = [];
  try {
    ids = readdirSync(perPackage, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    // No pnpm global installs of this layout.
  }
  return [...ids.map((id) => path.join(perPackage, id, 'node_modules')), path.join(pnpmHome, 'global', '5', 'node_modules')];
}

/**
 * The content-addressable store a real path lies in, recognised by pnpm's
 * own folders rather than by the store's name (`store-dir` may be any
 * folder): `<store>/v<N>/links/…` beside `<store>/v<N>/files`.
 */
function storeOf(realDir: string): string | undefined {
  const match = /^(.*)\/(v\d+)\/links\//.exec(posixOf(realDir));
  if (!match) return undefined;
  const root = match[1]!.split('/').join(path.sep) || path.sep;
  return existsSync(path.join(root, match[2]!, 'files')) ? root : undefined;
}

/**
 * pnpm: global packages under `$PNPM_HOME/global`, their files in its
 * content-addressable store (`store-dir`: pnpm's home by default, or any
 * folder the user configured), which since pnpm 10 also holds a global
 * virtual store (`<store>/v<N>/links`).
 */
export const pnpmLayout: ManagerLayout = {
  manager: pnpm,
  scriptsOff: { args: ['--ignore-scripts'], env: {} },
  globalFolders: (environment) => globalFoldersIn(pnpmHomeOf(environment)),
  storeRoots(environment) {
    const roots = [pnpmHomeOf(environment)];
    for (const key of ['npm_config_store_dir', 'pnpm_config_store_dir']) {
      const value = environment.env[key];
      if (value && path.isAbsolute(value)) roots.push(value);
    }
    return roots;
  },
  globalInstallOf(realDir, environment): GlobalInstall | undefined {
    if (isBelow(realDir, pnpmHomeOf(environment))) return { manager: pnpm };
    if (/\/pnpm\/(global\/(v\d+|\d+)|store\/v\d+\/links)\//.test(posixOf(realDir))) return { manager: pnpm };
    return storeOf(realDir) === undefined ? undefined : { manager: pnpm };
  },
  globalLocation(_install, packageDir, environment) {
    // pnpm's home from greeter's own path when it lies there, else the configured one.
    const fromDir = packageDir === undefined ? undefined : /^(.*)\/(?:global\/v\d+\/[^/]+\/node_modules|store\/v\d+\/links)\//.exec(posixOf(packageDir))?.[1];
    const pnpmHome = fromDir?.split('/').join(path.sep) ?? pnpmHomeOf(environment);
    const globalDir = path.join(pnpmHome, 'global');
    const binDir = path.join(pnpmHome, 'bin');
    return {
      folder: globalDir,
      folders: globalFoldersIn(pnpmHome),
      files: [],
      env: { PNPM_HOME: pnpmHome, PATH: [binDir, environment.env['PATH']].filter(Boolean).join(path.delimiter) },
      args: [],
    };
  },
};
