import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { types } from 'node:util';
import { errorFrom, lookupGreeter, type Greeter, type GreeterError, type GreeterSymbol } from '@greeter/core';
import { loadingMessages } from '@greeter/core/messages';
import { errorForFailure, hostError } from '../failures.js';
import { isInside } from '../_fs.js';
import { requireOnUse } from '../_require.js';
import type { PluginCandidate } from '../types.js';
import { checkCompatibility } from './check-compatibility.js';
import { resolveEntry } from './resolve-entry.js';

/** A plugin whose code has been imported and whose greeter passed the shape check. */
export interface LoadedPlugin {
  candidate: PluginCandidate;
  greeter: Greeter;
  /** The export the greeter came from. */
  symbol: GreeterSymbol;
  /** The entry file that was imported. */
  entry: string;
}

/** What loading needs from the host. */
export interface LoadOptions {
  /**
   * The host's `@greeter/core` version, checked against the plugin's peer
   * range; undefined when the caller checked already (an isolated plugin's
   * process, which may not read semver).
   */
  coreVersion: string | undefined;
  /**
   * How the entry is loaded. Default: `require()` — ESM entries through
   * Node's require(esm), which skips the asynchronous ES module loader —
   * and `import()` for a module graph with a top-level await, which
   * require() refuses before running any of it. `'import'` always imports
   * (Yarn Plug'n'Play, whose ES module resolution runs in hooks); `'require'`
   * always requires, ESM entries through require(esm) too (an isolated
   * Plug'n'Play plugin on Node 20, where no ES module loader hook can run).
   */
  via?: 'import' | 'require' | undefined;
  /** The command that installs a package, for the hint of an incompatible plugin. */
  addCommand?: ((packageName: string) => string) | undefined;
}

/**
 * Loads one discovered plugin: checks its peer range from package.json, finds
 * its entry file inside its own folder, imports it by file URL and looks up
 * its greeter (Go's `plugin.Open` and `Lookup`). It does not guard the
 * process itself: the host runs it inside the process guard, an isolated
 * plugin's process runs it as is.
 *
 * @throws GreeterError `GREETER_PLUGIN_INCOMPATIBLE`, `GREETER_PLUGIN_LOAD_FAILED`,
 *   `GREETER_PLUGIN_INVALID` or, isolated, `GREETER_PERMISSION_DENIED`
 */
export async function loadPlugin(candidate: PluginCandidate, options: LoadOptions): Promise<LoadedPlugin> {
  if (options.coreVersion !== undefined) assertCompatible(candidate, options.coreVersion, options.addCommand);
  const entry = findEntry(candidate);
  let moduleNamespace: unknown;
  try {
    moduleNamespace = options.via === 'import' ? await import(pathToFileURL(entry).href) : await loadByRequire(entry, options.via === 'require');
  } catch (error) {
    throw errorForFailure({ kind: 'threw', value: error }, 'load', candidate.name);
  }
  try {
    const { greeter, symbol } = lookupGreeter(moduleNamespace, candidate.name);
    return { candidate, greeter, symbol, entry };
  } catch (error) {
    // lookupGreeter catches whatever the plugin's exports throw and makes its own error.
    throw hostError(error as GreeterError);
  }
}

// A CommonJS module's exports, as import() would show them: `default` the
// exports object, `Greeter` its property of that name, read only when the
// lookup asks; an ES module's namespace as it is. A module graph with a
// top-level await is imported instead, unless require() was asked for.
async function loadByRequire(entry: string, only: boolean): Promise<unknown> {
  try {
    const loaded: unknown = requireOnUse(entry);
    if (types.isModuleNamespaceObject(loaded)) return loaded;
    return {
      default: loaded,
      get Greeter(): unknown {
        return typeof loaded === 'object' || typeof loaded === 'function' ? (loaded as { Greeter?: unknown } | null)?.Greeter : undefined;
      },
    };
  } catch (error) {
    if (only || (error as { code?: unknown } | null)?.code !== 'ERR_REQUIRE_ASYNC_MODULE') throw error;
    return import(pathToFileURL(entry).href);
  }
}

/**
 * Refuses a plugin whose `peerDependencies["@greeter/core"]` excludes this
 * greeter, from package.json alone, before any of its code runs.
 *
 * @throws GreeterError `GREETER_PLUGIN_INCOMPATIBLE`
 */
export function assertCompatible(candidate: PluginCandidate, coreVersion: string, add?: (packageName: string) => string): void {
  const result = checkCompatibility(candidate.coreRange, coreVersion);
  if (result.compatible) return;
  const { name } = candidate;
  const plugin = { name, version: candidate.version, range: candidate.coreRange, reason: result.reason, coreVersion };
  throw hostError(
    add === undefined
      ? errorFrom(loadingMessages.incompatible, plugin)
      : errorFrom(loadingMessages.incompatibleInstalled, { ...plugin, installPlugin: add(`${name}@latest`), installGreeter: add('greeter@latest') }),
  );
}

// The entry must exist and, with every symlink resolved, stay inside the
// plugin's own folder: package.json cannot point the host at another file.
function findEntry(candidate: PluginCandidate): string {
  const missing = () => hostError(errorFrom(loadingMessages.noEntryFile, { name: candidate.name, folder: candidate.realPath }));
  const entry = resolveEntry(candidate.realPath, candidate.packageJson);
  if (entry === undefined) throw missing();
  let realEntry: string;
  try {
    realEntry = realpathSync(entry);
  } catch {
    // The file went away between discovery and now.
    throw missing();
  }
  if (!isInside(realEntry, candidate.realPath)) {
    throw hostError(errorFrom(loadingMessages.entryOutsideFolder, { name: candidate.name, entry: realEntry, folder: candidate.realPath }));
  }
  return realEntry;
}
