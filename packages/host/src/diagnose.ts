import path from 'node:path';
import { coreVersion, isGreeterError, type GreeterError } from '@greeter/core';
import { globalEnvironmentFor } from './_global-environment.js';
import { findConfig, loadConfigFile, type LoadedConfig } from './config/find-config.js';
import { discoverPlugins } from './discovery/discover-plugins.js';
import { defaultTimeoutMs } from './greet/greet.js';
import { greetIsolated } from './greet/greet-isolated.js';
import { detectPackageManager } from './package-manager.js';
import { explainResolution, type ResolutionExplanation } from './resolve/explain-resolution.js';
import type { HostOptions } from './host.js';
import type { DiscoveryProblem, PluginCandidate, SearchedFolder } from './types.js';

type ErrorData = ReturnType<GreeterError['toJSON']>;

/** A plugin as `greeter doctor` checked it: loaded in a worker and asked to greet. */
export interface PluginHealth {
  candidate: PluginCandidate;
  ok: boolean;
  greeting?: string | undefined;
  error?: ErrorData | undefined;
}

/** Everything `greeter doctor` reports. */
export interface Diagnosis {
  config: { filepath: string | null; error?: ErrorData | undefined };
  searched: SearchedFolder[];
  plugins: PluginHealth[];
  problems: DiscoveryProblem[];
  language?: ResolutionExplanation | undefined;
  healthy: boolean;
}

/**
 * Checks the whole setup: the config, every folder searched, every plugin
 * loaded and greeted in isolation (a worker each, with the timeout), broken
 * and shadowed copies, and, for `language`, how it resolves. A broken config
 * is reported, and discovery goes on without it.
 */
export async function diagnose(options: HostOptions & { language?: string | undefined } = {}): Promise<Diagnosis> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  let config: LoadedConfig | null = null;
  let configError: ErrorData | undefined;
  try {
    config = options.configFile ? await loadConfigFile(path.resolve(cwd, options.configFile)) : await findConfig(cwd);
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    configError = error.toJSON();
  }
  const discovery = discoverPlugins({
    cwd,
    config,
    explicitPlugins: options.plugins ?? [],
    builtinsFrom: options.builtinsFrom,
    global: globalEnvironmentFor(options, env),
  });
  const plugins: PluginHealth[] = [];
  for (const candidate of discovery.candidates) plugins.push(await checkHealth(candidate, options.timeoutMs ?? defaultTimeoutMs));
  const language =
    options.language === undefined
      ? undefined
      : explainResolution(discovery, options.language, {
          aliases: config?.config.aliases,
          configFile: config?.filepath,
          packageManager: () => detectPackageManager(cwd, env['npm_config_user_agent']),
        });
  const healthy =
    configError === undefined &&
    discovery.problems.length === 0 &&
    plugins.every((plugin) => plugin.ok) &&
    (language === undefined || language.error === undefined);
  return {
    config: { filepath: config?.filepath ?? null, error: configError },
    searched: discovery.searched,
    plugins,
    problems: discovery.problems,
    language,
    healthy,
  };
}

async function checkHealth(candidate: PluginCandidate, timeoutMs: number): Promise<PluginHealth> {
  try {
    const greeting = await greetIsolated(candidate, {}, { coreVersion, timeoutMs });
    return { candidate, ok: true, greeting };
  } catch (error) {
    if (!isGreeterError(error)) throw error;
    return { candidate, ok: false, error: error.toJSON() };
  }
}
