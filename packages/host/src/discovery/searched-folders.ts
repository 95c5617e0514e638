import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ancestors, isInside, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';

/** Real paths of node_modules folders, shared by the checks of one discovery run. */
export type RealpathCache = Map<string, string | undefined>;

/**
 * Whether a plugin's real path lies in a folder that resolution from `from`
 * searches: a node_modules folder of `from` or a parent (or the virtual
 * store pnpm recorded for it), or a workspace root above it (pnpm, npm and
 * yarn link workspace packages from there). NODE_PATH and home-folder
 * module paths are deliberately not among them.
 */
export function isInSearchedFolder(realPath: string, from: string, realpaths: RealpathCache = new Map()): boolean {
  const folders = ancestors(from);
  if (folders.some((folder) => isInNodeModules(realPath, path.join(folder, 'node_modules'), realpaths))) return true;
  // Resolving from inside a pnpm virtual store (the greeter package's own
  // dependencies) stays inside that store.
  const store = virtualStoreRootOf(realpathOrUndefined(from) ?? from);
  if (store !== undefined && isInside(realPath, store)) return true;
  return folders.some((folder) => {
    if (!isWorkspaceRoot(folder)) return false;
    const real = realpathOrUndefined(folder);
    return real !== undefined && isInside(realPath, real);
  });
}

/**
 * Whether a real path lies inside one node_modules folder, or inside the
 * virtual store its pnpm `.modules.yaml` names (pnpm 11+ global installs and
 * the global virtual store link packages from outside node_modules).
 */
export function isInNodeModules(realPath: string, nodeModules: string, realpaths: RealpathCache = new Map()): boolean {
  if (!realpaths.has(nodeModules)) realpaths.set(nodeModules, realpathOrUndefined(nodeModules));
  const real = realpaths.get(nodeModules);
  if (real === undefined) return false;
  if (isInside(realPath, real)) return true;
  const store = virtualStoreOf(nodeModules);
  const realStore = store === undefined ? undefined : realpathOrUndefined(store);
  return realStore !== undefined && isInside(realPath, realStore);
}

/**
 * The pnpm virtual store a real path lies in, if any: the folder up to
 * `node_modules/.pnpm`, or a global virtual store's `<store>/v<N>/links`.
 */
export function virtualStoreRootOf(realPath: string): string | undefined {
  const segments = realPath.split(path.sep);
  for (let index = segments.length - 1; index > 0; index--) {
    const segment = segments[index];
    const isPnpmStore = segment === '.pnpm' && segments[index - 1] === 'node_modules';
    const isLinks = segment === 'links' && /^v\d+$/.test(segments[index - 1] ?? '');
    if (isPnpmStore || isLinks) return segments.slice(0, index + 1).join(path.sep);
  }
  return undefined;
}

function virtualStoreOf(nodeModules: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path.join(nodeModules, '.modules.yaml'), 'utf8');
  } catch {
    // Not a pnpm node_modules folder.
    return undefined;
  }
  // pnpm 11+ writes it as JSON; older releases as YAML.
  const match = /"?virtualStoreDir"?\s*:\s*"?([^"\n]+)"?/.exec(text);
  return match?.[1] === undefined ? undefined : path.resolve(nodeModules, match[1].trim());
}

function isWorkspaceRoot(folder: string): boolean {
  if (existsSync(path.join(folder, 'pnpm-workspace.yaml'))) return true;
  try {
    const packageJson = readJsonFile(path.join(folder, 'package.json'));
    return isPlainObject(packageJson) && packageJson['workspaces'] !== undefined;
  } catch {
    // No package.json (or an unreadable one) means no workspace root here.
    return false;
  }
}
