import { coreVersion, errorFrom, type GreeterError, type GreetOptions } from '@greeter/core';
import { testkitMessages } from '@greeter/core/messages';
import type { LoadedPlugin } from '@greeter/host';
import { errorForFailure, greetWith, loadPlugin, resolveEntry } from '@greeter/host/stages';
import { forAuthor } from './_author-errors.js';
import { findRuntimeImports, isCoreSpecifier } from './_find-runtime-imports.js';
import type { PluginUnderTest } from './_read-plugin.js';
import type { PluginCheck } from './types.js';

// A name no plugin would greet by accident.
const probeName = 'Testkit-Ada';

/** Greets with the plugin, loading it first (once); every failure a fresh author-facing error. */
export type Greet = (options?: GreetOptions) => Promise<string>;

/**
 * The checks that run the plugin's code: it loads through the host's own
 * loader, needs nothing from @greeter/core at run time, greets, and greets
 * a name. The plugin is imported once, when the first of them runs.
 */
export function codeChecks(plugin: PluginUnderTest, timeoutMs: number): { checks: PluginCheck[]; greet: Greet } {
  const { name, candidate, rejection } = plugin;
  let loading: Promise<LoadedPlugin> | undefined;
  const startLoad = (): Promise<LoadedPlugin> => {
    if (candidate === undefined) return Promise.reject(rejection);
    // Unguarded (a test runner's reporter writes to stdout), but timed, so a
    // top-level await that never settles fails here, not in the runner.
    const timeout = () => errorForFailure({ kind: 'timeout', timeoutMs }, 'load', name);
    return withTimeout(loadPlugin(candidate, { coreVersion }), timeoutMs, timeout);
  };
  // The shared load is never rejected to a check directly: each gets its own copy.
  const rejectedHint = 'Fix the entries the language-words check names: greeter does not load a plugin whose manifest is invalid.';
  const load = async (): Promise<LoadedPlugin> => {
    loading ??= startLoad();
    try {
      return await loading;
    } catch (error) {
      throw forAuthor(error, candidate === undefined ? rejectedHint : undefined);
    }
  };
  const greet: Greet = async (options = {}) => {
    const loaded = await load();
    try {
      return await greetWith(loaded, options, { timeoutMs });
    } catch (error) {
      throw forAuthor(error);
    }
  };
  const dependencies = plugin.packageJson.dependencies;
  const dependsOnCore = typeof dependencies === 'object' && dependencies !== null && Object.hasOwn(dependencies, '@greeter/core');
  const checks: PluginCheck[] = [
    { id: 'loads', title: 'loads through the greeter host', run: async () => void (await load()) },
    {
      id: 'no-runtime-core',
      title: dependsOnCore
        ? 'depends on @greeter/core, so its run-time imports of it resolve'
        : 'the built code imports nothing from @greeter/core at run time',
      run: async () => {
        if (dependsOnCore) return;
        // From package.json alone: a plugin that fails to load is still scanned.
        if (candidate === undefined) return Promise.reject(rejection);
        const entry = resolveEntry(candidate.realPath, candidate.packageJson);
        if (entry === undefined) return void (await load());
        const sites = findRuntimeImports(entry, candidate.realPath, isCoreSpecifier);
        if (sites.length === 0) return;
        throw errorFrom(testkitMessages.runtimeCoreImport, { name, sites: sites.map((site) => `${site.file}:${site.line} imports ${site.specifier}`) });
      },
    },
    {
      id: 'greets',
      title: 'greet() returns a non-empty string',
      run: async () => {
        if ((await greet()).trim() !== '') return;
        throw errorFrom(testkitMessages.emptyGreeting, { name });
      },
    },
    {
      id: 'uses-name',
      title: 'greet({ name }) greets that name',
      run: async () => {
        const greeting = await greet({ name: probeName });
        if (greeting.includes(probeName)) return;
        throw errorFrom(testkitMessages.nameNotGreeted, { name, probe: probeName, greeting });
      },
    },
  ];
  return { checks, greet };
}

async function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => GreeterError): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
