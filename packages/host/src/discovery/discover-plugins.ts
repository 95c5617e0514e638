import path from 'node:path';
import resolvePackage from 'resolve-pkg';
import { GreeterError, isPluginPackageName, parseLanguageRequest } from '@greeter/core';
import { ancestors, isPlainObject, readJsonFile } from '../_fs.js';
import type { LoadedConfig } from '../config/find-config.js';
import { isPathReference } from '../config/validate-config.js';
import type { Discovery, DiscoveryProblem, PluginCandidate, PluginSource, SearchedFolder } from '../types.js';
import { findPluginFolders } from './find-plugin-folders.js';
import { findInNodeModules } from './find-in-node-modules.js';
import { checkedRead } from './checked-read.js';
import { isDiscoveryProblem, readPluginPackage } from './read-plugin-package.js';
import { findGlobalFolders, type GlobalEnvironment } from './find-global-folders.js';
import { isInNodeModules, isInSearchedFolder, type RealpathCache } from './searched-folders.js';

/** What discovery looks at. */
export interface DiscoverOptions {
  /** The folder greeter runs in; its node_modules and its parents' are searched. */
  cwd: string;
  /** The config in force, if any. */
  config: LoadedConfig | null;
  /** Plugin folders named with `--plugin`, relative to `cwd`. */
  explicitPlugins?: string[];
  /** The folder of the package whose plugin dependencies are the built-ins (the greeter CLI's). */
  builtinsFrom?: string | undefined;
  /** Where to look for global installs; omitted, none are searched. */
  global?: GlobalEnvironment | undefined;
}

type Entry = PluginCandidate | DiscoveryProblem;

/**
 * Finds every plugin from every source, highest precedence first, reading
 * package.json files only. A later copy of a package already found is
 * recorded as shadowed by the first; a broken plugin becomes a problem and
 * never stops the search.
 */
export function discoverPlugins(options: DiscoverOptions): Discovery {
  const entries: Entry[] = [...configEntries(options)];
  const realpaths: RealpathCache = new Map();
  const searched: SearchedFolder[] = [];
  if (options.config?.config.autoDiscover !== false) {
    for (const folder of ancestors(options.cwd)) {
      const nodeModules = path.join(folder, 'node_modules');
      searched.push({ path: nodeModules, source: 'project' });
      for (const found of findPluginFolders(nodeModules)) {
        const read = { path: found.path, source: 'project' as const, origin: nodeModules, expectedName: found.name };
        entries.push(checkedRead(read, options.cwd, (realPath) => isInSearchedFolder(realPath, options.cwd, realpaths)));
      }
    }
    if (options.global) {
      for (const nodeModules of findGlobalFolders(options.global)) {
        if (searched.some((folder) => folder.path === nodeModules)) continue;
        searched.push({ path: nodeModules, source: 'global' });
        for (const found of findPluginFolders(nodeModules)) {
          const read = { path: found.path, source: 'global' as const, origin: nodeModules, expectedName: found.name };
          entries.push(checkedRead(read, nodeModules, (realPath) => isInNodeModules(realPath, nodeModules, realpaths)));
        }
      }
    }
  }
  if (options.builtinsFrom !== undefined) entries.push(...builtinEntries(options.builtinsFrom));
  return mergeEntries(entries, searched);
}

function configEntries({ config, explicitPlugins = [], cwd }: DiscoverOptions): Entry[] {
  const fromFlag = explicitPlugins.map((entry) =>
    readPluginPackage({ path: path.resolve(cwd, entry), source: 'config', origin: '--plugin' }),
  );
  if (!config?.config.plugins) return fromFlag;
  const configDir = path.dirname(config.filepath);
  const origin = `${config.filepath} (plugins)`;
  const fromConfig = config.config.plugins.map((entry): Entry => {
    if (isPathReference(entry)) {
      return readPluginPackage({ path: path.resolve(configDir, entry), source: 'config', origin });
    }
    return resolveByName(namesFor(entry), { from: configDir, source: 'config', origin });
  });
  return [...fromFlag, ...fromConfig];
}

// A short name means the conventional package first; a full name is taken as
// written, since the config named it explicitly.
function namesFor(entry: string): string[] {
  if (isPluginPackageName(entry)) return [entry];
  try {
    const request = parseLanguageRequest(entry);
    if (request.packageName !== undefined && request.packageName !== entry) return [request.packageName, entry];
  } catch {
    // Not a short name (it has a dot, say): only the name as written applies.
  }
  return [entry];
}

function resolveByName(
  names: string[],
  { from, source, origin }: { from: string; source: PluginSource; origin: string },
): Entry {
  for (const name of names) {
    const found = resolvePackage(name, { cwd: from });
    if (found !== undefined) {
      return checkedRead({ path: found, source, origin, expectedName: name }, from, (realPath) => isInSearchedFolder(realPath, from));
    }
  }
  const name = names[0]!;
  return {
    name,
    path: from,
    source,
    error: new GreeterError('GREETER_PLUGIN_NOT_FOUND', `${origin} names ${name}, but it is not installed.`, {
      hint: `Install it (\`npm install ${name}\`) or remove it from the config.`,
    }),
  };
}

function builtinEntries(hostDir: string): Entry[] {
  let dependencies: Record<string, unknown> = {};
  try {
    const packageJson = readJsonFile(path.join(hostDir, 'package.json'));
    if (isPlainObject(packageJson) && isPlainObject(packageJson['dependencies'])) {
      dependencies = packageJson['dependencies'];
    }
  } catch (error) {
    return [
      {
        name: 'greeter',
        path: hostDir,
        source: 'builtin',
        error: new GreeterError('GREETER_PLUGIN_LOAD_FAILED', `The greeter package at ${hostDir} has no readable package.json.`, {
          cause: error,
          hint: 'Reinstall greeter.',
        }),
      },
    ];
  }
  return Object.keys(dependencies)
    .filter(isPluginPackageName)
    .map(
      (name) =>
        // The folder walk finds an installed dependency without Node's resolver
        // (2 ms saved per full discovery); resolve-pkg covers the rest.
        findInNodeModules(hostDir, name, { source: 'builtin', origin: 'greeter (built-in)' }) ??
        resolveByName([name], { from: hostDir, source: 'builtin', origin: 'greeter (built-in)' }),
    );
}

function mergeEntries(entries: Entry[], searched: SearchedFolder[]): Discovery {
  const byName = new Map<string, Entry>();
  const candidates: PluginCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  for (const entry of entries) {
    const first = entry.name === undefined ? undefined : byName.get(entry.name);
    if (first !== undefined) {
      if (!isDiscoveryProblem(first) && !isDiscoveryProblem(entry)) {
        first.shadows.push({ source: entry.source, version: entry.version, path: entry.path });
      }
      continue;
    }
    if (entry.name !== undefined) byName.set(entry.name, entry);
    if (isDiscoveryProblem(entry)) problems.push(entry);
    else candidates.push(entry);
  }
  return { candidates, problems, searched };
}
