import { existsSync } from 'node:fs';
import path from 'node:path';
import { ancestors, childPath, isInside, isPlainObject, readJsonFile, readTextFile, realpathOrUndefined } from '../_fs.js';
import { requireOnUse } from '../_require.js';
import { pnpmLayout } from '../layouts/pnpm.js';
import { virtualStoreRootOf, type LayoutEnvironment } from '../layouts/layouts.js';

/**
 * The one rule for where a plugin may be loaded from: its real path must lie
 * in a folder greeter searched. One instance per host, with one realpath
 * cache.
 */
export interface Containment {
  /**
   * Whether a real path lies where resolution from `from` searches: a
   * node_modules folder of `from` or a parent (or the pnpm virtual store it
   * records, where trusted), or a package folder that a workspace root above
   * `from` lists.
   */
  withinProject(realPath: string, from: string): boolean;
  /**
   * The same from the package that embeds the host (greeter's own folder,
   * for the built-ins), which may itself lie in a virtual store (pnpm's
   * `node_modules/.pnpm`, bun's `.bun`, pnpm's global `links`, trusted only
   * inside pnpm's own folders): its dependencies are in that store too.
   */
  withinHostPackage(realPath: string, hostDir: string): boolean;
  /**
   * Whether a real path lies in one node_modules folder or the virtual store
   * it records, where trusted; `from` is the folder greeter searched from
   * (default: the folder holding that node_modules).
   */
  withinNodeModules(realPath: string, nodeModules: string, from?: string): boolean;
  /** `realpath`, cached for the host's lifetime. */
  realpath(target: string): string | undefined;
}

/** Creates the containment rules for one host. */
export function createContainment(environment: LayoutEnvironment): Containment {
  const realpaths = new Map<string, string | undefined>();
  const realpath = (target: string) => {
    if (!realpaths.has(target)) realpaths.set(target, realpathOrUndefined(target));
    return realpaths.get(target);
  };
  // Each node_modules folder's .modules.yaml is read once per host, not once per plugin.
  const recordedStores = new Map<string, string | undefined>();
  const recorded = (nodeModules: string) => {
    if (!recordedStores.has(nodeModules)) recordedStores.set(nodeModules, recordedVirtualStore(nodeModules));
    return recordedStores.get(nodeModules);
  };
  const pnpmFolders = () =>
    pnpmLayout
      .storeRoots(environment)
      .map(realpath)
      .filter((folder) => folder !== undefined);

  const containment: Containment = {
    realpath,
    withinNodeModules(realPath, nodeModules, from = path.dirname(nodeModules)) {
      const real = realpath(nodeModules);
      if (real === undefined) return false;
      if (isInside(realPath, real)) return true;
      const store = trustedVirtualStore(nodeModules, from, { realpath, recorded, pnpmFolders });
      return store !== undefined && isInside(realPath, store);
    },
    withinProject(realPath, from) {
      const folders = ancestors(from);
      if (folders.some((folder) => containment.withinNodeModules(realPath, childPath(folder, 'node_modules'), from))) return true;
      return folders.some((folder) => isListedWorkspacePackage(realPath, folder, realpath));
    },
    withinHostPackage(realPath, hostDir) {
      if (containment.withinProject(realPath, hostDir)) return true;
      const store = virtualStoreRootOf(realpath(hostDir) ?? hostDir);
      if (store === undefined || !isInside(realPath, store)) return false;
      // A global virtual store is pnpm's, in pnpm's own folders; a project's store is its node_modules/.pnpm or .bun.
      return path.basename(store) !== 'links' || pnpmFolders().some((folder) => isInside(store, folder));
    },
  };
  return containment;
}

// The virtual store that node_modules/.modules.yaml records, trusted only
// inside that project (the folder holding the node_modules) or inside
// pnpm's own folders — never `/`, never the folder greeter searched from or
// one of its parents.
function trustedVirtualStore(
  nodeModules: string,
  from: string,
  {
    realpath,
    recorded,
    pnpmFolders,
  }: { realpath: (target: string) => string | undefined; recorded: (nodeModules: string) => string | undefined; pnpmFolders: () => string[] },
): string | undefined {
  const storeDir = recorded(nodeModules);
  if (storeDir === undefined) return undefined;
  const store = realpath(path.resolve(nodeModules, storeDir));
  const project = realpath(path.dirname(nodeModules));
  const searchedFrom = realpath(from) ?? from;
  if (store === undefined || project === undefined) return undefined;
  if (isInside(project, store) || isInside(searchedFrom, store)) return undefined;
  if (isInside(store, project)) return store;
  return pnpmFolders().some((folder) => isInside(store, folder)) ? store : undefined;
}

function recordedVirtualStore(nodeModules: string): string | undefined {
  let text: string;
  try {
    text = readTextFile(path.join(nodeModules, '.modules.yaml'));
  } catch {
    // Not a pnpm node_modules folder.
    return undefined;
  }
  const data = parseYaml(text);
  const store = isPlainObject(data) ? data['virtualStoreDir'] : undefined;
  return typeof store === 'string' && store !== '' ? store : undefined;
}

// pnpm 11+ writes its metadata as JSON, a subset of YAML that needs no
// parser; older files and workspace files take js-yaml, loaded only then.
function parseYaml(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return (requireOnUse('js-yaml') as { load(text: string): unknown }).load(text);
    } catch {
      // An unreadable file records nothing greeter may trust.
      return undefined;
    }
  }
}

/**
 * The workspace root above `realPath` whose workspace config
 * (`pnpm-workspace.yaml` `packages`, or package.json `workspaces`) lists it
 * as one of its packages: the user's own code. Undefined for anything else.
 */
export function listingWorkspaceRoot(realPath: string, realpath: (target: string) => string | undefined): string | undefined {
  return ancestors(path.dirname(realPath)).find((folder) => isListedWorkspacePackage(realPath, folder, realpath));
}

/**
 * Whether `realPath` is a package folder that the workspace rooted at
 * `folder` lists (`pnpm-workspace.yaml` `packages`, or package.json
 * `workspaces`): a workspace root blesses those folders and nothing else,
 * and never a folder inside a node_modules.
 */
export function isListedWorkspacePackage(realPath: string, folder: string, realpath: (target: string) => string | undefined): boolean {
  const patterns = workspacePatterns(folder);
  if (patterns.length === 0) return false;
  const root = realpath(folder);
  if (root === undefined || !isInside(realPath, root) || realPath === root) return false;
  const relative = path.relative(root, realPath).split(path.sep).join('/');
  // Package managers never take an installed package for a workspace package, whatever the globs say.
  if (relative.split('/').includes('node_modules')) return false;
  const picomatch = requireOnUse('picomatch') as (glob: string) => (input: string) => boolean;
  const normalize = (glob: string) => glob.replace(/^\.\//, '').replace(/\/+$/, '');
  const included = patterns.filter((glob) => !glob.startsWith('!')).some((glob) => picomatch(normalize(glob))(relative));
  const excluded = patterns.filter((glob) => glob.startsWith('!')).some((glob) => picomatch(normalize(glob.slice(1)))(relative));
  return included && !excluded;
}

function workspacePatterns(folder: string): string[] {
  const pnpmWorkspace = path.join(folder, 'pnpm-workspace.yaml');
  if (existsSync(pnpmWorkspace)) {
    let data: unknown;
    try {
      data = parseYaml(readTextFile(pnpmWorkspace));
    } catch {
      // Unreadable: lists nothing.
      return [];
    }
    return stringList(isPlainObject(data) ? data['packages'] : undefined);
  }
  let packageJson: unknown;
  try {
    packageJson = readJsonFile(path.join(folder, 'package.json'));
  } catch {
    // No package.json (or an unreadable one) means no workspace root here.
    return [];
  }
  const workspaces = isPlainObject(packageJson) ? packageJson['workspaces'] : undefined;
  return stringList(isPlainObject(workspaces) ? workspaces['packages'] : workspaces);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item !== '') : [];
}
