import { existsSync, realpathSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { errorFrom, parseLanguageRequest, type ParamsOf } from '@greeter/core';
import { installMessages } from '@greeter/core/messages';
import type { GlobalInstall, PackageManager } from '@greeter/host';
import { detectPackageManager, installCommand, type LayoutEnvironment } from '@greeter/host/stages';
import { globalInstallOf, globalLocationOf, readTextFile, type GlobalLocation } from '@greeter/host/internal';
import { findRegistry, type Registry } from '../../registry/find-registry.js';
import { envValue, readNpmConfig } from '../../registry/npmrc.js';
import { withoutInjectedRegistry } from '../../registry/yarn-classic.js';
import { greeterDir } from '../../package-dir.js';
import type { CommandContext } from '../context.js';

/** Where `greeter add`, `remove`, `update` and `outdated` work: a project, or a global folder. */
export interface InstallTarget {
  /** The project root (nearest package.json), or undefined for a global folder. */
  root: string | undefined;
  /** Where the package manager runs. */
  cwd: string;
  /** The manager whose commands run. */
  manager: PackageManager;
  /** Set for -g: whose global folder, where it is (read again after an install: pnpm adds a folder per package). */
  global: { install: GlobalInstall; location(): GlobalLocation; greeterIsThere: boolean } | undefined;
  /** Files a failed add restores byte for byte: package.json and the lockfile. */
  files: string[];
  /** The registry the manager would install `packageName` from (--registry when given). */
  registry(packageName: string): Registry;
  /** The argv and the whole environment of an add or remove: lifecycle scripts off, --registry passed on to the manager. */
  command(action: 'add' | 'remove', spec: string): { argv: string[]; env: Record<string, string | undefined> };
}

/** What the command does there, for the message when there is no project: `add`, `remove`, `update` or `check`. */
export type TargetPurpose = ParamsOf<typeof installMessages.noProject>['purpose'];

const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/** The plugin package a `<language|package>` argument names by convention (`chinese` → `greeter-plugin-chinese`). */
export function conventionalPackageName(argument: string): string {
  const request = parseLanguageRequest(argument);
  if (request.packageName !== undefined) return request.packageName;
  throw errorFrom(installMessages.notAPackageName, { argument });
}

/**
 * The project (the nearest folder with a package.json at or above the
 * working folder) or, with -g, the global folder of the manager that
 * installed greeter; outside a project without -g, a usage error naming -g.
 */
export function findInstallTarget(context: CommandContext, purpose: TargetPurpose): InstallTarget {
  const { env, cwd } = context;
  const home = homedir();
  const override = typeof context.args.flags['registry'] === 'string' ? context.args.flags['registry'] : undefined;
  if (context.args.flags['global'] !== true) {
    const root = findProjectRoot(cwd);
    if (root === undefined) {
      const globalCommand = ['greeter', context.args.command, '-g', ...context.args.positionals].join(' ');
      throw errorFrom(installMessages.noProject, { folder: cwd, purpose, globalCommand });
    }
    const manager = detectPackageManager(root, env);
    return {
      root,
      cwd: root,
      manager,
      global: undefined,
      files: projectFiles(root),
      registry: (packageName) => findRegistry({ manager, projectRoot: root, packageName, env, home, override }),
      command: (action, spec) => {
        const { argv, env: scriptsOff } = installCommand(manager, action, spec);
        return withRegistry(manager, argv, env, scriptsOff, action === 'add' ? override : undefined);
      },
    };
  }
  const dir = realpathSync(greeterDir);
  const machine: LayoutEnvironment = { env, home, platform: process.platform, uid: process.getuid?.(), execPath: process.execPath };
  const own = globalInstallOf(dir, machine);
  const projectManager = detectPackageManager(cwd, env);
  const install: GlobalInstall = own ?? fallbackInstall(projectManager, env, home);
  const location = () => globalLocationOf(install, own ? dir : undefined, machine);
  const { files, args, env: managerEnv } = location();
  return {
    root: undefined,
    cwd,
    manager: install.manager,
    global: { install, location, greeterIsThere: own !== undefined },
    files,
    registry: (packageName) => findRegistry({ manager: install.manager, projectRoot: undefined, packageName, env, home, override }),
    command: (action, spec) => {
      const { argv, env: scriptsOff } = installCommand(install.manager, action, spec, install);
      return withRegistry(install.manager, [...argv, ...args], env, { ...managerEnv, ...scriptsOff }, action === 'add' ? override : undefined);
    },
  };
}

// The manager's argv and environment: --registry passed on (Yarn 2+ takes it
// from its environment), and without what `yarn run` injected (see yarn-classic.ts).
function withRegistry(
  manager: PackageManager,
  argv: string[],
  env: Record<string, string | undefined>,
  extra: Record<string, string>,
  registry: string | undefined,
): { argv: string[]; env: Record<string, string | undefined> } {
  const base = { ...withoutInjectedRegistry(env), ...extra };
  if (registry === undefined) return { argv, env: base };
  if (manager.agent === 'yarn@berry') return { argv, env: { ...base, YARN_NPM_REGISTRY_SERVER: registry } };
  return { argv: [...argv, '--registry', registry], env: base };
}

/** The nearest folder at or above `cwd` that holds a package.json. */
export function findProjectRoot(cwd: string): string | undefined {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

// package.json and the lockfile: at the root, or at the nearest folder above
// that has one (a workspace's lockfile is at its root).
function projectFiles(root: string): string[] {
  for (let folder = root; ; folder = path.dirname(folder)) {
    const found = lockfiles.map((name) => path.join(folder, name)).filter((file) => existsSync(file));
    if (found.length > 0 || path.dirname(folder) === folder) {
      return [path.join(root, 'package.json'), ...(found.length > 0 ? found : lockfiles.map((name) => path.join(root, name)))];
    }
  }
}

// greeter was not installed globally: the project's manager's global folder,
// npm's at the prefix its config names (Yarn 2+ has none: npm's).
function fallbackInstall(manager: PackageManager, env: Record<string, string | undefined>, home: string): GlobalInstall {
  const globalManager: PackageManager = manager.agent === 'yarn@berry' ? { name: 'npm', agent: 'npm' } : manager;
  if (globalManager.agent !== 'npm') return { manager: globalManager };
  const prefix = envValue(env, 'npm_config_prefix') ?? readNpmConfig({ projectRoot: undefined, env, home, registryEnv: [] }).get('prefix');
  return prefix === undefined ? { manager: globalManager } : { manager: globalManager, prefix };
}

/** The range a package.json's dependencies (of any kind) give `name`, if it depends on it. */
export function dependencyOf(packageJsonPath: string, name: string): string | undefined {
  const packageJson = readPackageJson(packageJsonPath);
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const range = (packageJson?.[field] as Record<string, unknown> | undefined)?.[name];
    if (typeof range === 'string') return range;
  }
  return undefined;
}

/** A package.json's data; undefined when it cannot be read (it then depends on nothing greeter can change). */
export function readPackageJson(file: string): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(readTextFile(file).replace(/^\uFEFF/, ''));
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The node_modules folder of the target that holds `name`, if any. */
export function installedFolder(target: InstallTarget, name: string): string | undefined {
  const folders = target.global ? target.global.location().folders : [path.join(target.root!, 'node_modules')];
  return folders.find((folder) => existsSync(path.join(folder, name, 'package.json')));
}
