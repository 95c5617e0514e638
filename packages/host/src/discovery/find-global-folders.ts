import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { virtualStoreRootOf } from './searched-folders.js';

/** What global discovery reads; passed in so tests can point it at temporary folders. */
export interface GlobalEnvironment {
  env: Record<string, string | undefined>;
  /** `process.execPath`: npm's default prefix is the Node installation's. */
  execPath: string;
  platform: NodeJS.Platform;
  /** The user's home folder, for pnpm's and yarn's default locations. */
  home?: string;
  /** The greeter package's own folder: the global folder it runs from is searched first. */
  hostDir?: string | undefined;
}

/**
 * The global node_modules folders to search, highest precedence first,
 * computed from the environment alone (no `npm root -g` is spawned):
 * the folder the greeter CLI itself is installed in, `npm_config_prefix`,
 * npm's default prefix, pnpm's global folders (one per package since pnpm
 * 11: `$PNPM_HOME/global/v11/<id>/node_modules`; shared before:
 * `global/5/node_modules`), and yarn classic's global folder.
 */
export function findGlobalFolders(environment: GlobalEnvironment): string[] {
  const { env, platform } = environment;
  const home = environment.home ?? homedir();
  const folders = [
    ...hostFolder(environment.hostDir),
    ...(env['npm_config_prefix'] ? [npmGlobalFolder(env['npm_config_prefix'], platform)] : []),
    npmGlobalFolder(defaultNpmPrefix(environment.execPath, platform), platform),
    ...pnpmGlobalFolders(env['PNPM_HOME'] ?? defaultPnpmHome(env, platform, home)),
    path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'yarn', 'global', 'node_modules'),
  ];
  return [...new Set(folders)];
}

// A CLI installed globally by npm has its global folder as parent:
// `<prefix>/lib/node_modules/greeter`. Inside a pnpm virtual store the
// parent holds greeter's own dependencies instead: not a global folder.
function hostFolder(hostDir: string | undefined): string[] {
  if (hostDir === undefined || virtualStoreRootOf(hostDir) !== undefined) return [];
  const parent = path.dirname(hostDir);
  const folder = path.basename(parent).startsWith('@') ? path.dirname(parent) : parent;
  return path.basename(folder) === 'node_modules' ? [folder] : [];
}

function npmGlobalFolder(prefix: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
}

function defaultNpmPrefix(execPath: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? path.dirname(execPath) : path.dirname(path.dirname(execPath));
}

function defaultPnpmHome(env: Record<string, string | undefined>, platform: NodeJS.Platform, home: string): string {
  if (platform === 'win32') return path.join(env['LOCALAPPDATA'] ?? path.join(home, 'AppData', 'Local'), 'pnpm');
  if (platform === 'darwin') return path.join(home, 'Library', 'pnpm');
  return path.join(env['XDG_DATA_HOME'] ?? path.join(home, '.local', 'share'), 'pnpm');
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
