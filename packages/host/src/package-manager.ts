import { readdirSync } from 'node:fs';
import path from 'node:path';
import { resolveCommand } from 'package-manager-detector/commands';
import { LOCKS } from 'package-manager-detector/constants';
import { ancestors, isInside, isPlainObject, readJsonFile } from './_fs.js';
import { findGlobalFolders, installedBeside, pnpmHomeOf } from './discovery/find-global-folders.js';

/** The package managers greeter speaks, by name. */
export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

/** A package manager, with the agent whose command lines it takes (Yarn 2+ is `yarn@berry`). */
export interface PackageManager {
  name: PackageManagerName;
  agent: 'npm' | 'pnpm' | 'yarn' | 'yarn@berry' | 'bun';
}

/** A global installation of greeter: the manager that made it, and where. */
export interface GlobalInstall {
  manager: PackageManager;
  /** npm's prefix (`<prefix>/lib/node_modules`), so a global add lands beside greeter. */
  prefix?: string | undefined;
}

/** What greeter asks a package manager to do. */
export type PackageAction = 'add' | 'remove';

const names = new Set<string>(['npm', 'pnpm', 'yarn', 'bun']);

/**
 * The project's package manager: from the nearest lockfile, Plug'n'Play map
 * or `packageManager` field up the folder tree (package-manager-detector's
 * table of lockfiles), else from the package manager that started greeter
 * (`npm_config_user_agent`), else npm. Synchronous and cheap: called only
 * when a hint or a command needs it.
 */
export function detectPackageManager(cwd: string, env: Record<string, string | undefined>): PackageManager {
  for (const folder of ancestors(cwd)) {
    let entries: string[];
    try {
      entries = readdirSync(folder);
    } catch {
      // An unreadable folder tells nothing; look further up.
      continue;
    }
    const declared = entries.includes('package.json') ? declaredManager(path.join(folder, 'package.json')) : undefined;
    if (declared) return declared;
    if (entries.includes('.pnp.cjs') || entries.includes('.yarnrc.yml')) return { name: 'yarn', agent: 'yarn@berry' };
    const locked = entries.map((entry) => (LOCKS as Record<string, string>)[entry]).find((name) => name !== undefined && names.has(name));
    if (locked) return managerOf(locked);
  }
  return fromUserAgent(env['npm_config_user_agent']) ?? { name: 'npm', agent: 'npm' };
}

/** The manager named first in a user agent such as `pnpm/12.21.0 npm/? node/v20.20.2`. */
export function fromUserAgent(userAgent: string | undefined): PackageManager | undefined {
  const match = /^(npm|pnpm|yarn|bun)\/(\d+)?/.exec(userAgent ?? '');
  if (!match) return undefined;
  return managerOf(match[1]!, match[2]);
}

/**
 * Which manager installed a package globally, from its real folder:
 * `<prefix>/lib/node_modules/x` (npm), pnpm's home or store, yarn classic's
 * `…/yarn/global/node_modules`, bun's `…/.bun/install/global/node_modules`.
 * Undefined for a package installed in a project.
 */
export function globalInstallOf(
  packageDir: string,
  env: Record<string, string | undefined>,
  home: string,
  platform: NodeJS.Platform = process.platform,
): GlobalInstall | undefined {
  const posix = packageDir.split(path.sep).join('/');
  const bunGlobal = env['BUN_INSTALL_GLOBAL_DIR'] ?? path.join(env['BUN_INSTALL'] ?? path.join(home, '.bun'), 'install', 'global');
  if (isBelow(packageDir, bunGlobal)) return { manager: managerOf('bun') };
  if (/\/yarn\/global\/node_modules\//.test(posix) || (env['YARN_GLOBAL_FOLDER'] && isBelow(packageDir, env['YARN_GLOBAL_FOLDER']))) {
    return { manager: managerOf('yarn', '1') };
  }
  if (isBelow(packageDir, pnpmHomeOf(env, platform, home)) || /\/pnpm\/(global\/(v\d+|\d+)|store\/v\d+\/links)\/|\/store\/v\d+\/links\//.test(posix)) {
    return { manager: managerOf('pnpm') };
  }
  const npm = /^(.*)\/lib\/node_modules\/(?:@[^/]+\/)?[^/@.][^/]*$/.exec(posix);
  if (npm && !posix.includes('/node_modules/.pnpm/')) return { manager: managerOf('npm'), prefix: npm[1]!.split('/').join(path.sep) || path.sep };
  return undefined;
}

/**
 * The argv that adds or removes a package, with package-manager-detector's
 * command table; `global` installs into the global folder of that manager
 * (npm: the prefix greeter itself is installed under).
 */
export function packageCommand(manager: PackageManager, action: PackageAction, packageName: string, global?: GlobalInstall): string[] {
  const command = global
    ? resolveCommand(global.manager.agent, action === 'add' ? 'global' : 'global_uninstall', [packageName])
    : resolveCommand(manager.agent, action === 'add' ? 'add' : 'uninstall', [packageName]);
  if (command === null) throw new Error(`No ${action} command for ${manager.agent}`);
  const argv = [command.command, ...command.args];
  // npm -g installs under its configured prefix; name the one greeter lives in.
  if (global?.prefix !== undefined && command.command === 'npm') argv.splice(argv.length - 1, 0, '--prefix', global.prefix);
  return argv;
}

/**
 * Each manager's own switch that turns off lifecycle scripts (`preinstall`,
 * `install`, `postinstall`, `prepare`) of what it installs and of their
 * dependencies, for project and global installs alike: no plugin code runs
 * before the sandbox does. yarn 1 drops the flag from `yarn global add`
 * (it runs the scripts), but reads its `ignore-scripts` setting from the
 * environment there too; Yarn 2+ has no flag, only its `enableScripts`
 * setting, also read from the environment.
 */
export const lifecycleScriptsOff: Readonly<Record<PackageManager['agent'], { args: readonly string[]; env: Readonly<Record<string, string>> }>> = {
  npm: { args: ['--ignore-scripts'], env: {} },
  pnpm: { args: ['--ignore-scripts'], env: {} },
  yarn: { args: ['--ignore-scripts'], env: { YARN_IGNORE_SCRIPTS: 'true' } },
  'yarn@berry': { args: [], env: { YARN_ENABLE_SCRIPTS: 'false' } },
  bun: { args: ['--ignore-scripts'], env: {} },
};

/**
 * What greeter itself runs to add or remove a package: {@link packageCommand}
 * with the manager's lifecycle scripts off (the switch before the package
 * name), and the environment that switch needs.
 */
export function installCommand(
  manager: PackageManager,
  action: PackageAction,
  packageName: string,
  global?: GlobalInstall,
): { argv: string[]; env: Record<string, string> } {
  const argv = packageCommand(manager, action, packageName, global);
  const off = lifecycleScriptsOff[(global?.manager ?? manager).agent];
  return { argv: [...argv.slice(0, -1), ...off.args, ...argv.slice(-1)], env: { ...off.env } };
}

/** Where a manager keeps global packages, and how to point its global add or remove there. */
export interface GlobalLocation {
  /** The global folder, as messages name it. */
  folder: string;
  /** The node_modules folders global packages land in (pnpm 11+: one folder per package). */
  folders: string[];
  /** Files a global add rewrites and a failed one must restore (yarn classic's and bun's global package.json and lockfile). */
  files: string[];
  /** Variables the manager needs (pnpm: PNPM_HOME and its bin folder on PATH; bun: BUN_INSTALL_GLOBAL_DIR). */
  env: Record<string, string>;
  /** Arguments to append to its global command (yarn classic: --global-folder). */
  args: string[];
}

/**
 * Where a global install of `install.manager` lives: the folder of the
 * package found at `packageDir` (greeter's own real folder, so a plugin
 * lands beside greeter), else the manager's configured or default folder.
 * npm's prefix is `install.prefix`, which {@link packageCommand} passes on.
 * Reads the folder list of pnpm's global folder; spawns nothing.
 */
export function globalLocationOf(
  install: GlobalInstall,
  packageDir: string | undefined,
  env: Record<string, string | undefined>,
  home: string,
  platform: NodeJS.Platform = process.platform,
): GlobalLocation {
  const posix = packageDir?.split(path.sep).join('/');
  switch (install.manager.agent === 'yarn@berry' ? 'npm' : install.manager.agent) {
    case 'pnpm': {
      const fromDir = posix === undefined ? undefined : /^(.*)\/(?:global\/v\d+\/[^/]+\/node_modules|store\/v\d+\/links)\//.exec(posix)?.[1];
      const pnpmHome = fromDir?.split('/').join(path.sep) ?? pnpmHomeOf(env, platform, home);
      const globalDir = path.join(pnpmHome, 'global');
      const folders = findGlobalFolders({ env: { PNPM_HOME: pnpmHome }, execPath: process.execPath, platform, home }).filter((folder) =>
        isInside(folder, globalDir),
      );
      return {
        folder: globalDir,
        folders,
        files: [],
        env: { PNPM_HOME: pnpmHome, PATH: [path.join(pnpmHome, 'bin'), env['PATH']].filter(Boolean).join(path.delimiter) },
        args: [],
      };
    }
    case 'yarn': {
      const beside = packageDir === undefined ? undefined : installedBeside(packageDir);
      const folder = beside === undefined ? yarnGlobalFolder(env, home, platform) : path.dirname(beside);
      return {
        folder,
        folders: [path.join(folder, 'node_modules')],
        files: [path.join(folder, 'package.json'), path.join(folder, 'yarn.lock')],
        env: {},
        args: ['--global-folder', folder],
      };
    }
    case 'bun': {
      // BUN_INSTALL_GLOBAL_DIR holds the global package.json and node_modules.
      const beside = packageDir === undefined ? undefined : installedBeside(packageDir);
      const folder =
        beside === undefined
          ? (env['BUN_INSTALL_GLOBAL_DIR'] ?? path.join(env['BUN_INSTALL'] ?? path.join(home, '.bun'), 'install', 'global'))
          : path.dirname(beside);
      const files = ['package.json', 'bun.lock', 'bun.lockb'].map((file) => path.join(folder, file));
      return { folder, folders: [path.join(folder, 'node_modules')], files, env: { BUN_INSTALL_GLOBAL_DIR: folder }, args: [] };
    }
    default: {
      const prefix =
        install.prefix ??
        env['npm_config_prefix'] ??
        env['NPM_CONFIG_PREFIX'] ??
        (platform === 'win32' ? path.dirname(process.execPath) : path.dirname(path.dirname(process.execPath)));
      const folder = platform === 'win32' ? path.join(prefix, 'node_modules') : path.join(prefix, 'lib', 'node_modules');
      return { folder, folders: [folder], files: [], env: {}, args: [] };
    }
  }
}

// yarn classic's global folder: YARN_GLOBAL_FOLDER, else $XDG_DATA_HOME/yarn/global,
// else <home>/.config/yarn/global, where root's home is /usr/local/share.
function yarnGlobalFolder(env: Record<string, string | undefined>, home: string, platform: NodeJS.Platform): string {
  if (env['YARN_GLOBAL_FOLDER']) return env['YARN_GLOBAL_FOLDER'];
  if (env['XDG_DATA_HOME']) return path.join(env['XDG_DATA_HOME'], 'yarn', 'global');
  const yarnHome = platform !== 'win32' && process.getuid?.() === 0 ? '/usr/local/share' : home;
  return path.join(yarnHome, '.config', 'yarn', 'global');
}

/** An argv as a user would type it, for messages and hints. */
export function formatCommand(argv: readonly string[]): string {
  return argv.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`)).join(' ');
}

function declaredManager(packageJsonPath: string): PackageManager | undefined {
  let packageJson: unknown;
  try {
    packageJson = readJsonFile(packageJsonPath);
  } catch {
    // An unreadable package.json declares nothing.
    return undefined;
  }
  const field = isPlainObject(packageJson) ? packageJson['packageManager'] : undefined;
  if (typeof field !== 'string') return undefined;
  const [name, version] = field.replace(/^\^/, '').split('@');
  return name !== undefined && names.has(name) ? managerOf(name, version) : undefined;
}

function managerOf(name: string, version?: string): PackageManager {
  if (name === 'yarn') return { name: 'yarn', agent: version !== undefined && Number.parseInt(version, 10) > 1 ? 'yarn@berry' : 'yarn' };
  return { name: name as PackageManagerName, agent: name as PackageManager['agent'] };
}

function isBelow(child: string, parent: string): boolean {
  return child !== parent && isInside(child, parent);
}
