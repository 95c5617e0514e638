import { existsSync } from 'node:fs';
import path from 'node:path';
import { ancestors, isInside, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';

/**
 * Whether a plugin's real path lies in a folder that resolution from `from`
 * searches: a node_modules folder of `from` or a parent, or a workspace root
 * above it (pnpm, npm and yarn link workspace packages from there).
 * NODE_PATH and home-folder module paths are deliberately not among them.
 */
export function isInSearchedFolder(realPath: string, from: string): boolean {
  const folders = ancestors(from);
  for (const folder of folders) {
    const nodeModules = realpathOrUndefined(path.join(folder, 'node_modules'));
    if (nodeModules !== undefined && isInside(realPath, nodeModules)) return true;
  }
  return folders.some((folder) => {
    if (!isWorkspaceRoot(folder)) return false;
    const real = realpathOrUndefined(folder);
    return real !== undefined && isInside(realPath, real);
  });
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
