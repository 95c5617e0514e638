import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { isPluginPackageName, pluginPrefix } from '@greeter/core';

/**
 * Lists the plugin packages installed in one node_modules folder, by name
 * alone: `greeter-plugin-*`, `@scope/greeter-plugin` and
 * `@scope/greeter-plugin-*`. Only scope folders are opened; no other
 * package is touched.
 */
export function findPluginFolders(nodeModules: string): Array<{ name: string; path: string }> {
  const found: Array<{ name: string; path: string }> = [];
  for (const entry of readEntries(nodeModules)) {
    if (entry.name.startsWith(pluginPrefix)) {
      if (isPluginPackageName(entry.name) && isFolderLike(entry)) {
        found.push({ name: entry.name, path: path.join(nodeModules, entry.name) });
      }
    } else if (entry.name.startsWith('@') && isFolderLike(entry)) {
      const scopeFolder = path.join(nodeModules, entry.name);
      for (const scoped of readEntries(scopeFolder)) {
        const name = `${entry.name}/${scoped.name}`;
        if (scoped.name.startsWith(pluginPrefix) && isPluginPackageName(name) && isFolderLike(scoped)) {
          found.push({ name, path: path.join(scopeFolder, scoped.name) });
        }
      }
    }
  }
  return found;
}

function readEntries(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    // A missing or unreadable node_modules holds no plugins; the search goes on.
    return [];
  }
}

// A symlink may point at a folder (pnpm) or be broken; it is kept and the
// reader reports a broken one by name.
function isFolderLike(entry: Dirent): boolean {
  return entry.isDirectory() || entry.isSymbolicLink();
}
