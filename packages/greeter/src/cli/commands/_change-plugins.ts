import { spawn } from 'node:child_process';
import { existsSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { GreeterError, displayName, parseLanguageRequest } from '@greeter/core';
import type { GlobalInstall, PackageManager } from '@greeter/host';
import {
  detectPackageManager,
  formatCommand,
  globalInstallOf,
  globalLocationOf,
  packageCommand,
  readFileBytes,
  readTextFile,
  type GlobalLocation,
} from '@greeter/host/stages';
import { findRegistry, type Registry } from '../../registry/find-registry.js';
import { envValue, readNpmConfig } from '../../registry/npmrc.js';
import type { CommandContext } from '../context.js';

/** Where `greeter add` and `greeter remove` work: a project, or a global folder. */
export interface InstallTarget {
  /** The project root (nearest package.json), or undefined for a global folder. */
  root: string | undefined;
  /** The manager whose commands run. */
  manager: PackageManager;
  /** Set for -g: whose global folder, where it is (read again after an install: pnpm adds a folder per package). */
  global: { install: GlobalInstall; location(): GlobalLocation; greeterIsThere: boolean } | undefined;
  /** Files a failed add restores byte for byte: package.json and the lockfile. */
  files: string[];
  /** The registry the manager would install `packageName` from. */
  registry(packageName: string): Registry;
  /** The argv and extra environment of an add or remove. */
  command(action: 'add' | 'remove', spec: string): { argv: string[]; env: Record<string, string> };
}

const lockfiles = ['package-lock.json', 'npm-shrinkwrap.json', 'pnpm-lock.yaml', 'yarn.lock', 'bun.lock', 'bun.lockb'];

/** The plugin package a `<language|package>` argument names by convention (`chinese` → `greeter-plugin-chinese`). */
export function conventionalPackageName(argument: string): string {
  const request = parseLanguageRequest(argument);
  if (request.packageName !== undefined) return request.packageName;
  throw new GreeterError('GREETER_INVALID_NAME', `${displayName(argument)} cannot be part of a plugin package name: npm names are lower-case ASCII.`, {
    hint: 'Name the plugin package instead, e.g. `greeter add greeter-plugin-chinese` or `greeter add @acme/klingon`.',
  });
}

/**
 * The project (the nearest folder with a package.json at or above the
 * working folder) or, with -g, the global folder of the manager that
 * installed greeter; outside a project without -g, a usage error naming -g.
 */
export function findInstallTarget(context: CommandContext, command: 'add' | 'remove', argument: string): InstallTarget {
  const { env, cwd } = context;
  const home = homedir();
  if (context.args.flags['global'] !== true) {
    const root = findProjectRoot(cwd);
    if (root === undefined) {
      throw new GreeterError(
        'GREETER_USAGE',
        `There is no package.json in ${displayName(cwd, 200)} or any folder above it, so there is no project to ${command} a plugin ${command === 'add' ? 'to' : 'from'}.`,
        {
          hint: `Run it in a project, or ${command} it globally: \`greeter ${command} -g ${argument}\`.`,
        },
      );
    }
    const manager = detectPackageManager(root, env);
    return {
      root,
      manager,
      global: undefined,
      files: projectFiles(root),
      registry: (packageName) => findRegistry({ manager, projectRoot: root, packageName, env, home }),
      command: (action, spec) => ({ argv: packageCommand(manager, action, spec), env: {} }),
    };
  }
  const dir = greeterDir();
  const own = globalInstallOf(dir, env, home);
  const projectManager = detectPackageManager(cwd, env);
  const install: GlobalInstall = own ?? fallbackInstall(projectManager, env, home);
  const location = () => globalLocationOf(install, own ? dir : undefined, env, home);
  const { files, args, env: managerEnv } = location();
  return {
    root: undefined,
    manager: install.manager,
    global: { install, location, greeterIsThere: own !== undefined },
    files,
    registry: (packageName) => findRegistry({ manager: install.manager, projectRoot: undefined, packageName, env, home }),
    command: (action, spec) => ({ argv: [...packageCommand(install.manager, action, spec, install), ...args], env: managerEnv }),
  };
}

/** The nearest folder at or above `cwd` that holds a package.json. */
export function findProjectRoot(cwd: string): string | undefined {
  for (let folder = path.resolve(cwd); ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    if (path.dirname(folder) === folder) return undefined;
  }
}

/**
 * Runs the package manager with its output on greeter's stderr (never
 * stdout, which holds greeter's result alone).
 *
 * @throws GreeterError `GREETER_PLUGIN_LOAD_FAILED` when it cannot start or fails.
 */
export async function runPackageManager(argv: string[], cwd: string, env: Record<string, string | undefined>): Promise<void> {
  const command = formatCommand(argv);
  const outcome = await new Promise<{ code: number | null; error?: Error }>((resolve) => {
    const child = spawn(argv[0]!, argv.slice(1), { cwd, env, stdio: ['ignore', 2, 2], shell: process.platform === 'win32' });
    child.on('error', (error) => resolve({ code: null, error }));
    child.on('close', (code) => resolve({ code }));
  });
  if (outcome.error) {
    throw new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `\`${command}\` could not start: ${outcome.error.message}.`, {
      hint: `Install ${argv[0]} or put it on PATH, then run the greeter command again.`,
      cause: outcome.error,
    });
  }
  if (outcome.code !== 0) {
    throw new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `\`${command}\` failed with exit code ${outcome.code}.`, {
      hint: `Its output is above; run \`${command}\` yourself to see the package manager's whole report.`,
    });
  }
}

/** Files as they are now (undefined: absent), to be put back byte for byte. */
export type Snapshot = Map<string, Buffer | undefined>;

export function snapshotFiles(files: readonly string[]): Snapshot {
  const snapshot: Snapshot = new Map();
  for (const file of files) {
    try {
      snapshot.set(file, existsSync(file) ? readFileBytes(file) : undefined);
    } catch (error) {
      // A FIFO or a device is never read (nor waited on), and so never put back: it is left as it is.
      if ((error as NodeJS.ErrnoException).code !== 'EFTYPE') throw error;
    }
  }
  return snapshot;
}

export function restoreFiles(snapshot: Snapshot): void {
  for (const [file, bytes] of snapshot) {
    if (bytes === undefined) rmSync(file, { force: true });
    else if (!existsSync(file) || !readFileBytes(file).equals(bytes)) writeFileSync(file, bytes);
  }
}

/** The greeter package's real folder: the nearest package.json named `greeter` above this module (also when bundled). */
export function greeterDir(): string {
  for (let folder = import.meta.dirname; ; folder = path.dirname(folder)) {
    const file = path.join(folder, 'package.json');
    if (existsSync(file) && (JSON.parse(readTextFile(file)) as { name?: unknown }).name === 'greeter') return realpathSync(folder);
    if (path.dirname(folder) === folder) throw new Error(`No greeter package.json above ${import.meta.filename}`);
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
