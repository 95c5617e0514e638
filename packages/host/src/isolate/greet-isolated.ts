import module from 'node:module';
import path from 'node:path';
import { errorFrom, type GreetOptions } from '@greeter/core';
import { findPnpProject, type PnpProject } from '../discovery/pnp.js';
import { defaultMemoryLimitMb, defaultTimeoutMs } from '../greet/limits.js';
import { assertCompatible } from '../load/load-plugin.js';
import type { PluginCandidate } from '../types.js';
import { runChild } from './channel.js';
import { classifyOutcome } from './classify.js';
import { inheritedDescriptors } from './inherited-descriptors.js';
import { isolationMessages } from '@greeter/core/messages';
import { nodeFeaturesOf, planIsolation, type Grant } from './plan.js';
import { renderPluginOutput } from './plugin-output.js';
import { archiveOf, pnpReadGrants, readGrants } from './read-grants.js';

/** How an isolated greeting runs. */
export interface IsolateOptions {
  /** The host's `@greeter/core` version, for the plugin's peer range. */
  coreVersion: string;
  /** Milliseconds the plugin may take to load and greet. Default: 5000. */
  timeoutMs?: number | undefined;
  /** The plugin process's heap limit in MiB. Default: 256. */
  memoryLimitMb?: number | undefined;
  /** Where the plugin's stdout and stderr go, each line under its name. Default: `process.stderr`. */
  output?: NodeJS.WritableStream | undefined;
  /** The environment the plugin's variables are picked from. Default: `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** What the user granted this plugin (config `permissions`). Default: nothing. */
  grant?: Grant | undefined;
  /** The config file that holds grants, named in hints. */
  configFile?: string | undefined;
}

// The isolated process's own files, one folder above this file's (the
// host's dist/isolate/, or greeter's dist/bundle/): never resolved by
// package name, which could find another install's. Run from its sources
// (the host's own tests), they are the ones built into dist/.
const childFile = (name: string) => {
  const built = path.join(import.meta.dirname, '..', name);
  return path.basename(path.dirname(import.meta.dirname)) === 'src' ? path.join(import.meta.dirname, '..', '..', 'dist', name) : built;
};

/**
 * Loads and greets with a plugin in a separate Node.js process (the same
 * `node`) under Node's permission model: it may read its own package folder
 * and those of its installed dependencies, nothing else; it may not write
 * files, start processes or threads, load native addons or use the network
 * (unless granted); it sees only the locale, terminal and granted
 * variables. Its output goes to `output` under its name, never to greeter's
 * stdout; the timeout kills it and its heap and data are limited.
 *
 * @throws GreeterError with the code of whatever went wrong,
 *   `GREETER_PERMISSION_DENIED` for a forbidden operation.
 */
export async function greetIsolated(candidate: PluginCandidate, greetOptions: GreetOptions, options: IsolateOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  const memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb;
  // The process may not read semver: the range is checked here.
  assertCompatible(candidate, options.coreVersion);
  const childEntry = childFile('isolate-child.cjs');
  const pnp = findPnpProject(candidate.realPath);
  const loading = pnp ? pnpLoading(pnp, candidate, childEntry) : { preload: [], readable: [childEntry, ...readGrants(candidate)], via: undefined };
  const plan = planIsolation({
    candidate,
    greetOptions,
    timeoutMs,
    memoryLimitMb,
    childEntry,
    ...loading,
    inherited: inheritedDescriptors(),
    grant: options.grant ?? { net: false, env: [] },
    node: nodeFeaturesOf(process.version),
    env: options.env ?? process.env,
    execPath: process.execPath,
    platform: process.platform,
  });
  const outcome = await runChild(plan, timeoutMs);
  const result = classifyOutcome(outcome, { name: candidate.name, timeoutMs, memoryLimitMb, childEntry, configFile: options.configFile });
  (options.output ?? process.stderr).write(renderPluginOutput(candidate.name, result.output));
  if (!result.ok) throw result.error;
  return result.greeting;
}

/**
 * Under Yarn Plug'n'Play: the project's map is preloaded, and Yarn's ESM
 * loader needs a worker thread, so where Node can run hooks in the plugin's
 * thread (22.15+) greeter's own hooks resolve through the map; elsewhere the
 * plugin is loaded with require() (ESM through require(esm)). Greeter itself
 * may be installed by Yarn too: its files are then read out of a zip
 * archive, which is what is granted.
 */
function pnpLoading(pnp: PnpProject, candidate: PluginCandidate, childEntry: string) {
  const hooks = typeof (module as { registerHooks?: unknown }).registerHooks === 'function' ? childFile('pnp-hooks.cjs') : undefined;
  if (!hooks && isModuleWithDependencies(candidate)) {
    // require(esm) loads the plugin, but its own imports go through Node's resolver, which cannot see the Plug'n'Play map.
    throw errorFrom(isolationMessages.pnpNeedsNewerNode, { name: candidate.name, nodeVersion: process.version });
  }
  const preload = [pnp.mapFile, ...(hooks ? [hooks] : [])];
  const readable = [childEntry, ...preload].map(archiveOf).concat(pnpReadGrants(pnp, candidate));
  return { preload, readable, via: hooks ? ('import' as const) : ('require' as const) };
}

// An ES module entry (by "type" or extension) that depends on other packages.
function isModuleWithDependencies({ packageJson }: PluginCandidate): boolean {
  const dependencies = packageJson.dependencies;
  const hasDependencies = typeof dependencies === 'object' && dependencies !== null && Object.keys(dependencies).length > 0;
  const main = typeof packageJson.main === 'string' ? packageJson.main : '';
  return hasDependencies && (packageJson.type === 'module' || main.endsWith('.mjs'));
}
