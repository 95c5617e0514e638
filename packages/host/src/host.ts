import path from 'node:path';
import { GreeterError, coreVersion, parseLanguageRequest, type GreetOptions } from '@greeter/core';
import { globalEnvironmentFor } from './_global-environment.js';
import { findConfig, loadConfigFile, type LoadedConfig } from './config/find-config.js';
import { discoverPlugins } from './discovery/discover-plugins.js';
import { defaultTimeoutMs, greetWith } from './greet/greet.js';
import { greetIsolated } from './greet/greet-isolated.js';
import { loadPlugin, type LoadedPlugin } from './load/load-plugin.js';
import { detectPackageManager, type PackageManager } from './package-manager.js';
import { resolveDirectly } from './resolve/resolve-directly.js';
import { resolvePlugin } from './resolve/resolve-plugin.js';
import type { Discovery, PluginCandidate } from './types.js';

/** Options of {@link createHost}. Every input is explicit, so embedders and tests need no globals. */
export interface HostOptions {
  /** The folder to work from: config search and project discovery start here. Default: `process.cwd()`. */
  cwd?: string;
  /** A config file to use instead of searching for one. */
  configFile?: string;
  /** Plugin folders to load explicitly (the CLI's `--plugin`), relative to `cwd`. */
  plugins?: string[];
  /** Milliseconds `greet` may take. Default: 5000. */
  timeoutMs?: number;
  /** Guard stdout and `process.exit` while plugin code runs. Default: true. */
  guard?: boolean;
  /** The environment, read for the package manager's user agent. Default: `process.env`. */
  env?: Record<string, string | undefined>;
  /**
   * The folder of the package whose plugin dependencies are built in (the
   * lowest-precedence source). The `greeter` package passes its own folder.
   * Default: none.
   */
  builtinsFrom?: string;
  /** Search global installs (npm, pnpm, yarn). Default: true. */
  global?: boolean;
  /**
   * Load and greet in a worker thread with a time and heap limit, which also
   * stops a synchronous busy loop or a runaway allocation. Default: false
   * (in-process, guarded: faster to start).
   */
  isolate?: boolean;
}

/** A finished greeting and the plugin that made it. */
export interface Greeting {
  greeting: string;
  plugin: PluginCandidate;
}

/** The plugin host: each stage returns data and caches what it read. */
export interface Host {
  /** The folder the host works from. */
  readonly cwd: string;
  /** Stage 1: the config in force, or null when there is none. */
  config(): Promise<LoadedConfig | null>;
  /** Stage 2: every plugin from every source, from package.json files only. */
  discover(): Promise<Discovery>;
  /** Stage 3: the plugin a language argument names (default: the config's `default`, else english). */
  resolve(language?: string): Promise<PluginCandidate>;
  /** Stage 4: import a plugin and check it. */
  load(candidate: PluginCandidate): Promise<LoadedPlugin>;
  /** Stages 1–5: resolve, load and greet. */
  greet(language?: string, options?: GreetOptions): Promise<Greeting>;
}

/** The language greeted when neither the argument nor the config names one. */
export const defaultLanguage = 'english';

/**
 * Creates a plugin host. Nothing is read until a stage is called.
 *
 * @example
 * const host = createHost({ cwd: '/my/project' });
 * const { greeting } = await host.greet('chinese'); // '你好宇宙'
 */
export function createHost(options: HostOptions = {}): Host {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const explicitPlugins = options.plugins ?? [];
  let configPromise: Promise<LoadedConfig | null> | undefined;
  let discoveryPromise: Promise<Discovery> | undefined;
  const packageManager = (): PackageManager => detectPackageManager(cwd, env['npm_config_user_agent']);

  const host: Host = {
    cwd,
    config() {
      configPromise ??= options.configFile
        ? loadConfigFile(path.resolve(cwd, options.configFile))
        : findConfig(cwd);
      return configPromise;
    },
    discover() {
      discoveryPromise ??= host
        .config()
        .then((config) =>
          discoverPlugins({
            cwd,
            config,
            explicitPlugins,
            builtinsFrom: options.builtinsFrom,
            global: globalEnvironmentFor(options, env),
          }),
        );
      return discoveryPromise;
    },
    async resolve(language) {
      // The argument is checked before any file is read.
      if (language !== undefined) parseLanguageRequest(language);
      const config = await host.config();
      if (language === undefined && explicitPlugins.length > 0) return explicitPlugin(await host.discover(), cwd, explicitPlugins[0]!);
      const input = language ?? config?.config.default ?? defaultLanguage;
      const direct = explicitPlugins.length > 0 ? undefined : resolveDirectly(input, { cwd, config });
      if (direct !== undefined) return direct;
      const discovery = await host.discover();
      return resolvePlugin(discovery, input, {
        aliases: config?.config.aliases,
        configFile: config?.filepath,
        packageManager,
      });
    },
    load(candidate) {
      return loadPlugin(candidate, { coreVersion, guard: options.guard ?? true, packageManager });
    },
    async greet(language, greetOptions = {}) {
      const candidate = await host.resolve(language);
      if (options.isolate) {
        const greeting = await greetIsolated(candidate, greetOptions, { coreVersion, timeoutMs: options.timeoutMs });
        return { greeting, plugin: candidate };
      }
      const plugin = await host.load(candidate);
      const greeting = await greetWith(plugin, greetOptions, {
        timeoutMs: options.timeoutMs ?? defaultTimeoutMs,
        guard: options.guard ?? true,
      });
      return { greeting, plugin: plugin.candidate };
    },
  };
  return host;
}

function explicitPlugin(discovery: Discovery, cwd: string, entry: string): PluginCandidate {
  const folder = path.resolve(cwd, entry);
  const found = discovery.candidates.find((candidate) => candidate.origin === '--plugin' && candidate.path === folder);
  if (found) return found;
  const problem = discovery.problems.find((candidate) => candidate.path === folder);
  throw (
    problem?.error ??
    new GreeterError('GREETER_PLUGIN_NOT_FOUND', `The plugin folder ${folder} given with --plugin was not loaded.`)
  );
}
