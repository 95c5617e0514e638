import { homedir } from 'node:os';
import path from 'node:path';
import { coreVersion, errorFrom, isGreeterError, parseLanguageRequest } from '@greeter/core';
import { configMessages } from '@greeter/core/messages';
import { findConfig, loadConfigFile, type LoadedConfig } from '../config/find-config.js';
import { createContainment } from '../discovery/containment.js';
import { type DiscoverOptions, discoverPlugins } from '../discovery/discover-plugins.js';
import { openHostIndex } from '../discovery/discovery-index.js';
import { defaultTimeoutMs, greetInProcess } from '../greet/greet-in-process.js';
import { checkCompatibility } from '../load/check-compatibility.js';
import { loadPlugin } from '../load/load-plugin.js';
import { globalInstallOf, type LayoutEnvironment } from '../layouts/layouts.js';
import { oneOffCommand, oneOffRunOf } from '../one-off-run.js';
import { detectPackageManager, formatCommand, packageCommand } from '../package-manager.js';
import { runGuarded } from '../process-guard.js';
import { localeDefault, localeLanguage } from '../resolve/locale-language.js';
import { conventionalNames, isConclusive, resolvePlugin } from '../resolve/resolve-plugin.js';
import type { Discovery, PluginCandidate, PluginSource } from '../types.js';
import type { Host, HostOptions, ListedPlugin, PackageManagerContext } from './host-types.js';
import { createPlacer, grantOf } from './placement.js';

const builtinSource: ReadonlySet<'builtin'> = new Set(['builtin']);

// The sources the fast path reads, in turn (the config's are always read).
const fastPathSources: ReadonlyArray<ReadonlySet<'project' | 'global' | 'builtin'>> = [new Set(['project']), new Set(['project', 'global', 'builtin'])];

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
  const home = homedir();
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const explicitPlugins = options.plugins ?? [];
  const machine: LayoutEnvironment = { env, platform: process.platform, home, uid: process.getuid?.(), execPath: process.execPath };
  const containment = createContainment(machine);
  let configPromise: Promise<LoadedConfig | null> | undefined;
  let discoveryPromise: Promise<Discovery> | undefined;
  let packageManagerContext: PackageManagerContext | undefined;

  const packageManager = (): PackageManagerContext => {
    if (packageManagerContext) return packageManagerContext;
    const global = options.builtinsFrom === undefined ? undefined : globalInstallOf(options.builtinsFrom, machine);
    const manager = global?.manager ?? detectPackageManager(cwd, env);
    // A one-off run (npx -p, pnpm dlx) installs nothing for later: its hint is the same run with the plugin added.
    const oneOff = options.builtinsFrom === undefined || global !== undefined ? undefined : oneOffRunOf(options.builtinsFrom);
    const addCommand = (name: string, language?: string) =>
      formatCommand(oneOff ? oneOffCommand(oneOff, name, language) : packageCommand(manager, 'add', name, global));
    packageManagerContext = { manager, global, addCommand };
    return packageManagerContext;
  };
  const addCommand = (name: string, language?: string) => packageManager().addCommand(name, language);
  const globalEnvironment = options.global === false ? undefined : machine;
  const discover = (config: LoadedConfig | null, scope: Pick<DiscoverOptions, 'only' | 'sources' | 'reader'> = {}) =>
    discoverPlugins({ cwd, config, explicitPlugins, builtinsFrom: options.builtinsFrom, global: globalEnvironment, containment, addCommand, ...scope });
  const resolveOptions = (config: LoadedConfig | null) => ({ aliases: config?.config.aliases, configFile: config?.filepath, addCommand });
  const disabledSources = (config: LoadedConfig | null): Set<PluginSource> =>
    new Set<PluginSource>(config?.config.autoDiscover === false ? ['project', 'global'] : options.global === false ? ['global'] : []);

  // Built-in folders: the same discovery, of the built-in source alone, read when a placement needs it.
  const placed = createPlacer(options.isolate, options.builtinsFrom === undefined ? undefined : (config) => discover(config, { sources: builtinSource }));

  const isolateOptions = (candidate: PluginCandidate, config: LoadedConfig | null) => ({
    coreVersion,
    timeoutMs,
    env,
    grant: grantOf(candidate.name, config),
    configFile: config?.filepath,
  });
  // The config's default, else english; `"auto"`: the locale's language among those installed.
  const defaultInput = async (config: LoadedConfig | null): Promise<string> => {
    const chosen = config?.config.default ?? defaultLanguage;
    if (chosen !== localeDefault) return chosen;
    const known = new Set([...(await host.discover()).candidates.flatMap((candidate) => candidate.languages), ...Object.keys(config?.config.aliases ?? {})]);
    return localeLanguage(env, known, defaultLanguage);
  };

  const host: Host = {
    cwd,
    config() {
      configPromise ??=
        options.config !== undefined
          ? Promise.resolve(options.config)
          : options.configFile !== undefined
            ? loadConfigFile(path.resolve(cwd, options.configFile), { timeoutMs, onWarning: options.onWarning })
            : findConfig(cwd, { timeoutMs, onWarning: options.onWarning });
      return configPromise;
    },
    discover() {
      discoveryPromise ??= host.config().then((config) => {
        const index = openHostIndex(options.cacheFolder, cwd, options.builtinsFrom);
        const discovery = discover(config, { reader: index });
        index?.save();
        return discovery;
      });
      return discoveryPromise;
    },
    async explain(language) {
      const config = await host.config();
      const input = language ?? (await defaultInput(config));
      return resolvePlugin(await host.discover(), input, resolveOptions(config));
    },
    async resolve(language) {
      // The argument is checked before any file is read.
      if (language !== undefined) parseLanguageRequest(language);
      const config = await host.config();
      if (language === undefined && explicitPlugins.length > 0) return explicitPlugin(discover(config, { only: [] }), cwd, explicitPlugins[0]!);
      const input = language ?? (await defaultInput(config));
      // The fast path: the same discovery and resolution over the names the
      // argument can mean, the project alone first, then every source; the
      // full discovery only when neither can decide.
      const names = conventionalNames(input, config?.config.aliases);
      // A pass that cannot decide needs no hint: the package manager is asked
      // for the "to add it" command only for an error that is thrown.
      for (const sources of fastPathSources) {
        const scoped = discover(config, { only: names, sources });
        const resolution = resolvePlugin(scoped, input, { ...resolveOptions(config), addCommand: undefined });
        if (!isConclusive(resolution, scoped, disabledSources(config))) continue;
        if (resolution.error) throw resolvePlugin(scoped, input, resolveOptions(config)).error;
        return resolution.candidate;
      }
      const resolution = resolvePlugin(await host.discover(), input, resolveOptions(config));
      if (resolution.error) throw resolution.error;
      return resolution.candidate;
    },
    load(candidate) {
      const deadline = Date.now() + timeoutMs;
      return runGuarded(() => loadPlugin(candidate, { coreVersion, addCommand }), { phase: 'load', subject: candidate.name, deadline, timeoutMs });
    },
    async greet(language, greetOptions = {}) {
      const candidate = await host.resolve(language);
      const config = await host.config();
      const greeting = placed(candidate, config).isolated
        ? await (await import('../isolate/greet-isolated.js')).greetIsolated(candidate, greetOptions, isolateOptions(candidate, config))
        : await greetInProcess(candidate, greetOptions, { coreVersion, timeoutMs, addCommand });
      return { greeting, plugin: candidate };
    },
    async check(candidate) {
      // Imported on use: an in-process greeting does not need the isolated process's code.
      const { greetIsolated } = await import('../isolate/greet-isolated.js');
      const config = await host.config();
      const placement = placed(candidate, config);
      try {
        const greeting = await greetIsolated(candidate, {}, isolateOptions(candidate, config));
        return { candidate, ...placement, ok: true, greeting };
      } catch (error) {
        if (!isGreeterError(error)) throw error;
        return { candidate, ...placement, ok: false, error };
      }
    },
    async placement(candidate) {
      return placed(candidate, await host.config());
    },
    async list() {
      const [config, discovery] = await Promise.all([host.config(), host.discover()]);
      const plugins = discovery.candidates.map((candidate): ListedPlugin => {
        const compatibility = checkCompatibility(candidate.coreRange, coreVersion);
        return { candidate, ...placed(candidate, config), compatibility, status: compatibility.compatible ? 'ok' : 'incompatible' };
      });
      return { config, discovery, plugins };
    },
    packageManager,
  };
  return host;
}

function explicitPlugin(discovery: Discovery, cwd: string, entry: string): PluginCandidate {
  const folder = path.resolve(cwd, entry);
  const found = discovery.candidates.find((candidate) => candidate.origin === '--plugin' && candidate.path === folder);
  if (found) return found;
  const problem = discovery.problems.find((candidate) => candidate.path === folder);
  throw problem?.error ?? errorFrom(configMessages.pluginFolderNotLoaded, { folder });
}
