import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { makeTree } from '@greeter/fixtures';
import { runBoundedAsync, runOkBounded, type Bounded } from './shell.js';

// A layout of the managers matrix: greeter and the plugins as one package
// manager installs them, greeter started as that manager's user starts it,
// and checks on disk that the manager made what the matrix means to test.

/** The plugins every layout installs beside greeter. */
export const plugins = ['greeter-plugin-chinese', '@acme/greeter-plugin-klingon'];

/** greeter and the plugins: what every layout installs first. */
export const everything = ['greeter', ...plugins];

/**
 * What a layout's manager installs first: klingon at 1.0.0, one version
 * behind, so that `greeter outdated` has something to show and `greeter
 * update` something to install.
 */
export const firstInstall = ['greeter', 'greeter-plugin-chinese', '@acme/greeter-plugin-klingon@1.0.0'];

/** The time limit of an install (and of `greeter add`, which runs one). */
export const installMs = 240_000;
const greeterMs = 30_000;

/** One way of installing greeter and running it. */
export interface Layout {
  /** Where greeter runs: the project, or a folder outside any project. */
  cwd: string;
  /** Installs packages as this layout's user would (`yarn add`, `npm install -g`, …). */
  install(names: string[]): Promise<Bounded>;
  /** What on disk is not the layout this is meant to be: empty when the manager made it. */
  misfits(): string[];
  /** Runs greeter as this layout's user does, in `cwd` unless told otherwise, with the layout's environment and `env`. */
  greeter(args: readonly string[], options?: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Bounded>;
  /** Runs a command that installs (add, update, remove) as this layout's user types it: `yarn greeter add …` for yarn 1. */
  change(args: readonly string[], options?: { env?: NodeJS.ProcessEnv }): Promise<Bounded>;
  /** Whether `name` is installed: a project dependency, or in the global folder. */
  has(name: string): boolean;
}

/** What makes a layout: its manager's environment, how it installs, how greeter starts, and what it looks like on disk. */
export interface LayoutSpec {
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The command line that installs `names`, and the folder it runs in. */
  install(names: string[]): { argv: string[]; cwd: string };
  /** greeter's command line before its own arguments. */
  start: string[];
  /** The command line of add, update and remove, when the layout's user starts those differently. Default: `start`. */
  changeStart?: string[];
  misfits(): string[];
  has(name: string): boolean;
}

/** A {@link Layout} from its spec: installs and greeter runs are time-limited, so a hang fails. */
export function createLayout(spec: LayoutSpec): Layout {
  const [command, ...args] = spec.start;
  return {
    cwd: spec.cwd,
    install: (names) => {
      const { argv, cwd } = spec.install(names);
      return runOkBounded(argv[0]!, argv.slice(1), cwd, spec.env, installMs);
    },
    misfits: spec.misfits,
    greeter: (more, options = {}) =>
      runBoundedAsync(command!, [...args, ...more], options.cwd ?? spec.cwd, { ...spec.env, ...options.env }, options.timeoutMs ?? greeterMs),
    change: (more, options = {}) => {
      const [changer, ...before] = spec.changeStart ?? spec.start;
      return runBoundedAsync(changer!, [...before, ...more], spec.cwd, { ...spec.env, ...options.env }, installMs);
    },
    has: spec.has,
  };
}

/** A throwaway HOME (XDG folders inside it too), with `binDirs` first on PATH (`<home>` in them: that HOME). */
export function homeEnv(base: NodeJS.ProcessEnv, binDirs: string[], extra: (home: string) => NodeJS.ProcessEnv = () => ({})): NodeJS.ProcessEnv {
  const home = makeTree();
  return {
    ...base,
    HOME: home,
    XDG_CACHE_HOME: path.join(home, '.cache'),
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    ...extra(home),
    PATH: [...binDirs.map((dir) => dir.replace('<home>', home)), base['PATH'] ?? ''].join(path.delimiter),
  };
}

/** A fresh project folder (package.json with `fields`, and `files`) outside the workspace. */
export function projectWith(name: string, files: Record<string, string> = {}, fields: Record<string, unknown> = {}): string {
  return makeTree({ 'package.json': JSON.stringify({ name, version: '1.0.0', private: true, ...fields }), ...files });
}

/**
 * The plugin `greeter add` installs in every layout, and its dependency:
 * each has `preinstall`, `install`, `postinstall` and `prepare` scripts
 * that leave a file in the folder GREETER_E2E_SCRIPTS names.
 */
export const scripted = ['greeter-plugin-latin', '@acme/latin-grammar'];

/** Whether the project's package.json lists `name` in `dependencies`. */
export function dependsOn(project: string, name: string): boolean {
  const packageJson = JSON.parse(readFileSync(path.join(project, 'package.json'), 'utf8'));
  return Object.hasOwn(packageJson.dependencies ?? {}, name);
}

/** `description` unless `holds`. */
export function unless(holds: boolean, description: string): string[] {
  return holds ? [] : [description];
}

/** Each package is a real folder (not a link) in `nodeModules`. */
export function flat(nodeModules: string, names = everything): string[] {
  return names.flatMap((name) => {
    const folder = path.join(nodeModules, name);
    return unless(existsSync(path.join(folder, 'package.json')) && !lstatSync(folder).isSymbolicLink(), `${name} is not a folder in ${nodeModules}`);
  });
}

/** Each package in `nodeModules` is a link into a store whose path contains `store`. */
export function linked(nodeModules: string, store: string, names = everything): string[] {
  return names.flatMap((name) => {
    const folder = path.join(nodeModules, name);
    return unless(existsSync(folder) && lstatSync(folder).isSymbolicLink() && realpathSync(folder).includes(store), `${name} is not linked from ${store}`);
  });
}

/** The entries of `folder`, as paths; none when it does not exist. */
export function subfolders(folder: string): string[] {
  return existsSync(folder) ? readdirSync(folder).map((name) => path.join(folder, name)) : [];
}
