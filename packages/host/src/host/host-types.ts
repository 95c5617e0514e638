import type { GreeterError, GreetOptions } from '@greeter/core';
import type { LoadedConfig } from '../config/find-config.js';
import type { Compatibility } from '../load/check-compatibility.js';
import type { LoadedPlugin } from '../load/load-plugin.js';
import type { GlobalInstall, PackageManager } from '../package-manager.js';
import type { Resolution } from '../resolve/resolve-plugin.js';
import type { Discovery, PluginCandidate } from '../types.js';
import type { PluginPlacement } from './placement.js';

export type { PluginPlacement } from './placement.js';

// The host's types: what createHost() takes and what its stages return.

/** Options of {@link createHost}. Every input is explicit, so embedders and tests need no globals. */
export interface HostOptions {
  /** The folder to work from: config search and project discovery start here. Default: `process.cwd()`. */
  cwd?: string | undefined;
  /** A config file to use instead of searching for one. */
  configFile?: string | undefined;
  /** A config already loaded (or `null` for none): no file is searched or read. */
  config?: LoadedConfig | null | undefined;
  /** Plugin folders to load explicitly (the CLI's `--plugin`), relative to `cwd`. */
  plugins?: readonly string[] | undefined;
  /** Milliseconds a plugin may take to load and greet (and a config module to load). Default: 5000. */
  timeoutMs?: number | undefined;
  /**
   * Where plugins run. `true`: every plugin, built-in ones too, in a separate
   * process under Node's permission model; `false`: every plugin in-process,
   * guarded. Default: isolated, except built-in plugins, plugins the
   * config's `trust` names, and all plugins when the config says
   * `"isolate": false`.
   */
  isolate?: boolean | undefined;
  /** The environment: the package manager's user agent, global folders. Default: `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /**
   * The folder of a package whose plugin dependencies are always available,
   * as the lowest-precedence source: your program's own folder, or the
   * greeter CLI's (its english). Default: none.
   */
  builtinsFrom?: string | undefined;
  /** Search global installs (npm, pnpm, yarn, bun). Default: true. */
  global?: boolean | undefined;
  /** Told about what was passed over (an unparsable package.json while searching for a config). */
  onWarning?: ((message: string) => void) | undefined;
  /**
   * A folder in which to keep what discovery read between runs (the
   * discovery index), so that a later full discovery reads only what
   * changed. Every entry is checked against the file system's stat data at
   * each run, so no change is missed; a folder that cannot be read or
   * written only means no cache. The CLI passes greeter's cache folder.
   * Default: none.
   */
  cacheFolder?: string | undefined;
}

/** A finished greeting and the plugin that made it. */
export interface Greeting {
  greeting: string;
  plugin: PluginCandidate;
}

/** A plugin as a check left it: loaded and asked to greet, in a process of its own. */
export interface PluginHealth extends PluginPlacement {
  candidate: PluginCandidate;
  ok: boolean;
  greeting?: string | undefined;
  error?: GreeterError | undefined;
}

/** A discovered plugin with its compatibility with this greeter, from package.json alone. */
export interface ListedPlugin extends PluginPlacement {
  candidate: PluginCandidate;
  status: 'ok' | 'incompatible';
  compatibility: Compatibility;
}

/** The package manager greeter works with here, and the command lines it gives. */
export interface PackageManagerContext {
  manager: PackageManager;
  /** Set when greeter itself runs from a global install: hints and `add -g` use that manager's global folder. */
  global: GlobalInstall | undefined;
  /** The command that adds a package (globally when greeter is global); in a one-off run, the run again with it, greeting in `language`. */
  addCommand(packageName: string, language?: string): string;
}

/** The plugin host: each stage returns data and caches what it read. */
export interface Host {
  /** The folder the host works from. */
  readonly cwd: string;
  /** Stage 1: the config in force, or null when there is none. */
  config(): Promise<LoadedConfig | null>;
  /** Stage 2: every plugin from every source, from package.json files only. */
  discover(): Promise<Discovery>;
  /** Stage 3: how a language argument resolves, step by step; never throws. */
  explain(language?: string): Promise<Resolution>;
  /** Stage 3: the plugin a language argument names (default: the config's `default`, else english). */
  resolve(language?: string): Promise<PluginCandidate>;
  /** Stage 4: import a plugin and check it, inside the process guard. */
  load(candidate: PluginCandidate): Promise<LoadedPlugin>;
  /** Stages 1–5: resolve, load and greet (isolated when asked). */
  greet(language?: string, options?: GreetOptions): Promise<Greeting>;
  /** Loads and greets with a plugin in an isolated process, reporting instead of throwing: `doctor`'s and `add`'s check. */
  check(candidate: PluginCandidate): Promise<PluginHealth>;
  /** Where a plugin runs (isolated or in-process) and what the config grants it. */
  placement(candidate: PluginCandidate): Promise<PluginPlacement>;
  /** Every discovered plugin with its compatibility; nothing is imported. */
  list(): Promise<{ config: LoadedConfig | null; discovery: Discovery; plugins: ListedPlugin[] }>;
  /** The package manager of this project (or of greeter's global install). */
  packageManager(): PackageManagerContext;
}
