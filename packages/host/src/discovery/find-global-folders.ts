import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { virtualStoreRootOf } from './containment.js';

/** What global discovery reads; passed in so tests can point it at temporary folders. */
export interface GlobalEnvironment {
  env: Record<string, string | undefined>;
  /** `process.execPath`: npm's default prefix is the Node installation's. */
  execPath: string;
  platform: NodeJS.Platform;
  /** The user's home folder, for pnpm's, yarn's and bun's default locations. */
  home?: string | undefined;
  /** The folder of the package that embeds the host (greeter's): the node_modules it was installed into is searched first. */
  hostDir?: string | undefined;
}

/**
 * The global node_modules folders to search, highest precedence first,
 * computed from the environment alone (no `npm root -g` is spawned): the
 * node_modules folder greeter itself was installed into (a global folder, or
 * the temporary one of `npx -p` / `pnpm dlx --package`), `npm_config_prefix`,
 * npm's default prefix, pnpm's global folders (one per package since pnpm
 * 11: `$PNPM_HOME/global/v11/<id>/node_modules`; shared before:
 * `global/5/node_modules`), yarn classic's and bun's global folders.
 */
export function findGlobalFolders(environment: GlobalEnvironment): string[] {
  const { env, platform } = environment;
  const home = environment.home ?? homedir();
  const folders = [
    ...(environment.hostDir === undefined ? [] : [installedBeside(environment.hostDir)].filter((folder) => folder !== undefined)),
    ...(env['npm_config_prefix'] ? [npmGlobalFolder(env['npm_config_prefix'], platform)] : []),
    npmGlobalFolder(defaultNpmPrefix(environment.execPath, platform), platform),
    ...pnpmGlobalFolders(pnpmHomeOf(env, platform, home)),
    ...yarnGlobalFolders(env, home),
    path.join(env['BUN_INSTALL'] ?? path.join(home, '.bun'), 'install', 'global', 'node_modules'),
  ];
  return [...new Set(folders)];
}

/**
 * The node_modules folder a package was installed into, from its real
 * folder: `<x>/node_modules/greeter` or, in a pnpm virtual store,
 * `<x>/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter` — both
 * `<x>/node_modules`. Undefined for pnpm's global virtual store, whose
 * folders hold one package's own dependencies only.
 */
export function installedBeside(packageDir: string): string | undefined {
  const store = virtualStoreRootOf(packageDir);
  if (store !== undefined) return path.basename(store) === 'links' ? undefined : path.dirname(store);
  const parent = path.dirname(packageDir);
  const folder = path.basename(parent).startsWith('@') ? path.dirname(parent) : parent;
  return path.basename(folder) === 'node_modules' ? folder : undefined;
}

// yarn classic: YARN_GLOBAL_FOLDER, else $XDG_DATA_HOME/yarn/global, else
// <home>/.config/yarn/global — where <home> is /usr/local/share for root.
function yarnGlobalFolders(env: Record<string, string | undefined>, home: string): string[] {
  const folders = [];
  if (env['YARN_GLOBAL_FOLDER']) folders.push(env['YARN_GLOBAL_FOLDER']);
  if (env['XDG_DATA_HOME']) folders.push(path.join(env['XDG_DATA_HOME'], 'yarn', 'global'));
  folders.push(path.join(home, '.config', 'yarn', 'global'));
  if (process.getuid?.() === 0) folders.push(path.join('/usr/local/share', '.config', 'yarn', 'global'));
  return folders.map((folder) => path.join(folder, 'node_modules'));
}

/** pnpm's home folder: `PNPM_HOME`, else the platform's default. */
export function pnpmHomeOf(env: Record<string, string | undefined>, platform: NodeJS.Platform, home: string): string {
  if (env['PNPM_HOME']) return env['PNPM_HOME'];
  if (platform === 'win32') return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'pnpm');
  if (platform === 'darwin') return path.join(home, 'Library', 'pnpm');
  return path.join(env['XDG_DATA_HOME'] ?? path.join(home, '.local', 'share'), 'pnpm');
}

function npmGlobalFolder(prefix: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
}

function defaultNpmPrefix(execPath: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.dirname(execPath) : path.dirname(path.dirname(execPath));
}

function pnpmGlobalFolders(pnpmHome: string): string[] {
  const perPackage = path.join(pnpmHome, 'global', 'v11');
  let ids: string[] = [];
  try {
    // Hash-named symlinks point at the same folders: real folders only.
    ids = readdirSync(perPackage, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
  } catch {
    // No pnpm global installs of this layout.
  }
  return [...ids.map((id) => path.join(perPackage, id, 'node_modules')), path.join(pnpmHome, 'global', '5', 'node_modules')];
}
