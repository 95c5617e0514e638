import { readdirSync } from 'node:fs';
import path from 'node:path';
import { isPluginPackageName, pluginPrefix } from '@greeter/core';

/**
 * Lists the plugin packages installed in one node_modules folder, by name
 * alone: `greeter-plugin-*`, `@scope/greeter-plugin` and
 * `@scope/greeter-plugin-*`. Names are filtered before anything else is
 * touched: only scope folders are opened, and no entry is stat'ed here (a
 * matching name that is not a package folder is reported by its reader).
 */
export function findPluginFolders(nodeModules: string): Array<{ name: string; path: string }> {
  const found: Array<{ name: string; path: string }> = [];
  for (const name of readNames(nodeModules)) {
    if (name.startsWith(pluginPrefix)) {
      if (isPluginPackageName(name)) found.push({ name, path: path.join(nodeModules, name) });
    } else if (name.startsWith('@')) {
      const scopeFolder = path.join(nodeModules, name);
      for (const scoped of readNames(scopeFolder)) {
        const fullName = `${name}/${scoped}`;
        if (scoped.startsWith(pluginPrefix) && isPluginPackageName(fullName)) {
          found.push({ name: fullName, path: path.join(scopeFolder, scoped) });
        }
      }
    }
  }
  return found;
}

function readNames(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    // A missing or unreadable node_modules (or a scope that is a file) holds no plugins.
    return [];
  }
}
