import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { GreeterError, lookupGreeter, type Greeter, type GreeterSymbol } from '@greeter/core';
import { isInside } from '../_fs.js';
import { PluginExitError, runGuarded } from '../greet/guard.js';
import { describeThrown } from '../_describe-thrown.js';
import { installCommand, type PackageManager } from '../package-manager.js';
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
  /** The host's `@greeter/core` version, checked against the plugin's peer range. */
  coreVersion: string;
  /** Guard stdout and `process.exit` while the plugin's module runs. Default: true. */
  guard?: boolean;
  /** Asked only for an incompatible plugin, to write the fix as a command. */
  packageManager?: () => PackageManager;
}

/**
 * Loads one discovered plugin: checks its peer range from package.json, finds
 * its entry file inside its own folder, imports it by file URL and looks up
 * its greeter (Go's `plugin.Open` and `Lookup`).
 *
 * @throws GreeterError `GREETER_PLUGIN_INCOMPATIBLE`, `GREETER_PLUGIN_LOAD_FAILED`
 *   or `GREETER_PLUGIN_INVALID`
 */
export async function loadPlugin(candidate: PluginCandidate, options: LoadOptions): Promise<LoadedPlugin> {
  assertCompatible(candidate, options);
  const entry = findEntry(candidate);
  let moduleNamespace: unknown;
  try {
    const load = () => import(pathToFileURL(entry).href);
    moduleNamespace = await (options.guard === false ? load() : runGuarded(load));
  } catch (error) {
    const reason =
      error instanceof PluginExitError
        ? `it called ${error.message.replace(' was called', '')} while loading`
        : `importing ${entry} threw ${describeThrown(error)}`;
    throw new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `${candidate.name} could not be loaded: ${reason}.`, {
      cause: error,
    });
  }
  const { greeter, symbol } = lookupGreeter(moduleNamespace, candidate.name);
  return { candidate, greeter, symbol, entry };
}

function assertCompatible(candidate: PluginCandidate, options: LoadOptions): void {
  const result = checkCompatibility(candidate.coreRange, options.coreVersion);
  if (result.compatible) return;
  const { name, version = 'this version', coreRange } = candidate;
  const manager = options.packageManager?.() ?? 'npm';
  const detail =
    result.reason === 'invalid-range'
      ? `declares an invalid @greeter/core range "${coreRange}"`
      : `needs @greeter/core ${coreRange}, but this greeter has ${options.coreVersion}`;
  throw new GreeterError('GREETER_PLUGIN_INCOMPATIBLE', `${name} ${version} ${detail}.`, {
    hint: `Install a release of the plugin made for this greeter (\`${installCommand(manager, `${name}@latest`)}\`), or a greeter it supports (\`${installCommand(manager, 'greeter@latest')}\`).`,
  });
}

// The entry must exist and, with every symlink resolved, stay inside the
// plugin's own folder: package.json cannot point the host at another file.
function findEntry(candidate: PluginCandidate): string {
  const entry = resolveEntry(candidate.realPath, candidate.packageJson);
  if (entry === undefined) {
    throw new GreeterError(
      'GREETER_PLUGIN_LOAD_FAILED',
      `${candidate.name} has no entry file: the "exports" or "main" of ${candidate.realPath}/package.json names no existing file.`,
      { hint: 'Reinstall the plugin; if it still fails, the published package is incomplete: report it to its author.' },
    );
  }
  const realEntry = realpathSync(entry);
  if (!isInside(realEntry, candidate.realPath)) {
    throw new GreeterError(
      'GREETER_PLUGIN_LOAD_FAILED',
      `${candidate.name}'s entry ${realEntry} lies outside its own folder ${candidate.realPath}.`,
      { hint: 'A plugin is loaded only from its own folder; report this package to its author.' },
    );
  }
  return realEntry;
}
