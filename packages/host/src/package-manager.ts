import { readdirSync } from 'node:fs';
import path from 'node:path';
import { resolveCommand } from 'package-manager-detector/commands';
import { LOCKS } from 'package-manager-detector/constants';
import { ancestors, isPlainObject, readJsonFile } from './_fs.js';
import { scriptsOffOf, type GlobalInstall, type PackageManager, type PackageManagerName } from './layouts/layouts.js';

export type { GlobalInstall, GlobalLocation, PackageManager, PackageManagerName } from './layouts/layouts.js';

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
    // In the table's order, as package-manager-detector takes it: with two lockfiles, the same one wins on every file system.
    const present = new Set(entries);
    const locked = Object.entries(LOCKS as Record<string, string>).find(([file, name]) => present.has(file) && names.has(name))?.[1];
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
 * What greeter itself runs to add or remove a package: {@link packageCommand}
 * with the manager's lifecycle scripts off (its switch from the layouts
 * table, before the package name), and the environment that switch needs.
 * No plugin code runs before the sandbox does.
 */
export function installCommand(
  manager: PackageManager,
  action: PackageAction,
  packageName: string,
  global?: GlobalInstall,
): { argv: string[]; env: Record<string, string> } {
  const argv = packageCommand(manager, action, packageName, global);
  const off = scriptsOffOf(global?.manager ?? manager);
  return { argv: [...argv.slice(0, -1), ...off.args, ...argv.slice(-1)], env: { ...off.env } };
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
