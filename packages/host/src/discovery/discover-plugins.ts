import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import resolvePackage from 'resolve-pkg';
import { errorFrom, isPluginPackageName, tryParseLanguageRequest } from '@greeter/core';
import { discoveryMessages } from '@greeter/core/messages';
import { ancestors, childPath, isPlainObject, readJsonFile } from '../_fs.js';
import type { LoadedConfig } from '../config/find-config.js';
import { isPathReference } from '../config/validate-config.js';
import type { Discovery, DiscoveryProblem, PluginCandidate, PluginSource, SearchedFolder } from '../types.js';
import { findGlobalFolders, type LayoutEnvironment } from '../layouts/layouts.js';
import type { Containment } from './containment.js';
import { type DiscoveryReader, freshReader } from './discovery-index.js';
import { findPnpProject, isWithinPnpProject, pnpPluginFolders } from './pnp.js';
import { isDiscoveryProblem, readPluginPackage, type PluginFolder, type ReadContext } from './read-plugin-package.js';

/** What discovery looks at. */
export interface DiscoverOptions {
  /** The folder greeter runs in; its node_modules and its parents' are searched. */
  cwd: string;
  /** The config in force, if any. */
  config: LoadedConfig | null;
  /** Plugin folders named with `--plugin`, relative to `cwd`. */
  explicitPlugins?: readonly string[] | undefined;
  /** The folder of the package whose plugin dependencies are the built-ins (the greeter CLI's). */
  builtinsFrom?: string | undefined;
  /** The machine whose global installs to search (with the folder greeter was installed into, `builtinsFrom`); omitted, none are searched. */
  global?: LayoutEnvironment | undefined;
  /**
   * Look only for these package names in the project, global and built-in
   * sources (the fast path of a greeting): each node_modules folder is asked
   * for those names instead of being listed. Config plugins are always read.
   */
  only?: readonly string[] | undefined;
  /**
   * The sources to read besides the config's (default: all). The fast path
   * reads the project first: a plugin found there that carries the name
   * cannot be outranked by a global or built-in copy.
   */
  sources?: ReadonlySet<'project' | 'global' | 'builtin'> | undefined;
  /** The containment rules and realpath cache of the host. */
  containment: Containment;
  /**
   * How node_modules folders and package.json files are read (default:
   * from the file system, keeping nothing); the host passes its discovery
   * index. Containment always reads the file system.
   */
  reader?: DiscoveryReader | undefined;
  /** The command that (re)installs a package, for hints. */
  addCommand: (packageName: string) => string;
}

type Entry = PluginCandidate | DiscoveryProblem;

/**
 * Finds plugins from every source, highest precedence first, reading
 * package.json files only. A later copy of a package already found is
 * recorded as shadowed by the first (the same folder reached twice is one
 * plugin); a broken plugin becomes a problem and never stops the search.
 */
export function discoverPlugins(options: DiscoverOptions): Discovery {
  const reader = options.reader ?? freshReader;
  const context: ReadContext = { realpath: options.containment.realpath, addCommand: options.addCommand, readPackageJson: reader.readPackageJson };
  const entries: Entry[] = [...configEntries(options, context)];
  const searched: SearchedFolder[] = [];
  const scan = (nodeModules: string, source: 'project' | 'global', isContained: (realPath: string) => boolean) => {
    if (searched.some((folder) => folder.path === nodeModules)) return;
    searched.push({ path: nodeModules, source });
    const found = options.only ? lookUp(nodeModules, options.only) : reader.pluginFolders(nodeModules);
    for (const { name, path: folder } of found) {
      entries.push(contained({ path: folder, source, origin: nodeModules, expectedName: name }, context, isContained));
    }
  };
  const notes: string[] = [];
  const reads = (source: 'project' | 'global' | 'builtin') => options.sources === undefined || options.sources.has(source);
  if (options.config?.config.autoDiscover !== false && reads('project')) {
    // Yarn Plug'n'Play: the project's dependencies are its map, not a folder.
    const pnp = findPnpProject(options.cwd);
    if (pnp) {
      searched.push({ path: pnp.mapFile, source: 'project' });
      for (const { name, path: folder } of pnpPluginFolders(pnp, options.only)) {
        entries.push(
          contained({ path: folder, source: 'project', origin: pnp.mapFile, expectedName: name }, context, (location) => isWithinPnpProject(pnp, location)),
        );
      }
    } else {
      const map = ancestors(options.cwd).find((folder) => existsSync(path.join(folder, '.pnp.cjs')));
      if (map !== undefined) {
        notes.push(`${map} is a Yarn Plug'n'Play project, whose packages greeter can read only when Yarn starts it: run \`yarn greeter\` there.`);
      }
    }
    for (const folder of ancestors(options.cwd)) {
      scan(childPath(folder, 'node_modules'), 'project', (realPath) => options.containment.withinProject(realPath, options.cwd));
    }
  }
  if (options.config?.config.autoDiscover !== false && options.global && reads('global')) {
    for (const nodeModules of findGlobalFolders(options.global, options.builtinsFrom)) {
      scan(nodeModules, 'global', (realPath) => options.containment.withinNodeModules(realPath, nodeModules));
    }
  }
  if (options.builtinsFrom !== undefined && reads('builtin')) entries.push(...builtinEntries(options.builtinsFrom, options, context));
  return { ...mergeEntries(entries), searched, only: options.only, notes };
}

// Asks a node_modules folder for a few names without listing it. lstat: a
// broken link here is that name's copy, reported, not skipped.
function lookUp(nodeModules: string, names: readonly string[]): Array<{ name: string; path: string }> {
  return names.map((name) => ({ name, path: childPath(nodeModules, name) })).filter((entry) => lstatSync(entry.path, { throwIfNoEntry: false }) !== undefined);
}

/**
 * Reads a plugin folder found by name, and refuses it by name when its real
 * path lies outside the folders that were searched: a symlink or NODE_PATH
 * entry pointing elsewhere is never used.
 */
function contained(folder: PluginFolder, context: ReadContext, isContained: (realPath: string) => boolean): Entry {
  const entry = readPluginPackage(folder, context);
  if (isDiscoveryProblem(entry) || isContained(entry.realPath)) return entry;
  return {
    name: entry.name,
    path: entry.path,
    source: entry.source,
    error: errorFrom(discoveryMessages.outsideSearchedFolders, { name: entry.name, path: entry.path, realPath: entry.realPath }),
  };
}

function configEntries(options: DiscoverOptions, context: ReadContext): Entry[] {
  const { config, explicitPlugins = [], cwd } = options;
  const fromFlag = explicitPlugins.map((entry) => readPluginPackage({ path: path.resolve(cwd, entry), source: 'config', origin: '--plugin' }, context));
  if (!config?.config.plugins) return fromFlag;
  const configDir = path.dirname(config.filepath);
  const origin = `${config.filepath} (plugins)`;
  const fromConfig = config.config.plugins.map((entry): Entry => {
    if (isPathReference(entry)) {
      return readPluginPackage({ path: path.resolve(configDir, entry), source: 'config', origin }, context);
    }
    return resolveByName(namesFor(entry), { from: configDir, source: 'config', origin }, options, context);
  });
  return [...fromFlag, ...fromConfig];
}

// A short name means the conventional package first; a full name is taken as
// written, since the config named it explicitly.
function namesFor(entry: string): string[] {
  if (isPluginPackageName(entry)) return [entry];
  const packageName = tryParseLanguageRequest(entry)?.packageName;
  return packageName !== undefined && packageName !== entry ? [packageName, entry] : [entry];
}

function resolveByName(
  names: string[],
  { from, source, origin }: { from: string; source: PluginSource; origin: string },
  options: DiscoverOptions,
  context: ReadContext,
  isContained: (realPath: string) => boolean = (realPath) => options.containment.withinProject(realPath, from),
): Entry {
  for (const name of names) {
    // The folder walk finds an installed package without Node's resolver
    // (2 ms saved per full discovery); resolve-pkg covers the rest (Plug'n'Play).
    const found =
      ancestors(from)
        .map((folder) => childPath(folder, `node_modules/${name}`))
        .find((folder) => lstatSync(folder, { throwIfNoEntry: false }) !== undefined) ?? resolvePackage(name, { cwd: from });
    if (found !== undefined) {
      return contained({ path: found, source, origin, expectedName: name }, context, isContained);
    }
  }
  const name = names[0]!;
  return {
    name,
    path: from,
    source,
    error: errorFrom(discoveryMessages.configPluginNotInstalled, { origin, name, addCommand: options.addCommand(name) }),
  };
}

function builtinEntries(hostDir: string, options: DiscoverOptions, context: ReadContext): Entry[] {
  let dependencies: Record<string, unknown> = {};
  try {
    const packageJson = (context.readPackageJson ?? readJsonFile)(path.join(hostDir, 'package.json'));
    if (isPlainObject(packageJson) && isPlainObject(packageJson['dependencies'])) dependencies = packageJson['dependencies'];
  } catch (error) {
    return [
      {
        name: undefined,
        path: hostDir,
        source: 'builtin',
        error: errorFrom(discoveryMessages.builtinsUnreadable, { folder: hostDir }, { cause: error }),
      },
    ];
  }
  const names = Object.keys(dependencies).filter((name) => isPluginPackageName(name) && (options.only === undefined || options.only.includes(name)));
  const origin = `${hostDir} (dependencies)`;
  // Under Plug'n'Play the host package's own map entry names its dependencies.
  const pnp = findPnpProject(hostDir);
  if (pnp) {
    return pnpPluginFolders(pnp, names).map(({ name, path: folder }) =>
      contained({ path: folder, source: 'builtin', origin, expectedName: name }, context, (location) => isWithinPnpProject(pnp, location)),
    );
  }
  return names.map((name) =>
    resolveByName([name], { from: hostDir, source: 'builtin', origin }, options, context, (realPath) =>
      options.containment.withinHostPackage(realPath, hostDir),
    ),
  );
}

function mergeEntries(entries: Entry[]): Pick<Discovery, 'candidates' | 'problems'> {
  const candidates: PluginCandidate[] = [];
  const problems: DiscoveryProblem[] = [];
  const byName = new Map<string, Entry>();
  for (const entry of entries) {
    const first = entry.name === undefined ? undefined : byName.get(entry.name);
    if (first !== undefined) {
      // The same folder reached twice (the project's node_modules holding
      // greeter's own dependency, say) is one plugin, not a shadow.
      if (
        !isDiscoveryProblem(first) &&
        !isDiscoveryProblem(entry) &&
        entry.realPath !== first.realPath &&
        !first.shadows.some((copy) => copy.realPath === entry.realPath)
      ) {
        first.shadows.push({ source: entry.source, version: entry.version, path: entry.path, realPath: entry.realPath });
      }
      continue;
    }
    if (entry.name !== undefined) byName.set(entry.name, entry);
    if (isDiscoveryProblem(entry)) problems.push(entry);
    else candidates.push(entry);
  }
  return { candidates, problems };
}
