import { readdirSync } from 'node:fs';
import { isPluginPackageName, pluginPrefix } from '@greeter/core';
import { childPath } from '../_fs.js';

/**
 * Lists the plugin packages installed in one node_modules folder, by name
 * alone: `greeter-plugin-*`, `@scope/greeter-plugin` and
 * `@scope/greeter-plugin-*`. Names are filtered before anything else is
 * touched: only scope folders are opened, and no entry is stat'ed here (a
 * matching name that is not a package folder is reported by its reader).
 * `beforeReading` is told each folder just before it is listed: the
 * node_modules folder, then each scope folder.
 */
export function findPluginFolders(nodeModules: string, beforeReading?: (folder: string) => void): Array<{ name: string; path: string }> {
  const found: Array<{ name: string; path: string }> = [];
  beforeReading?.(nodeModules);
  for (const name of namesWorthALook(readNames(nodeModules))) {
    if (name.startsWith(pluginPrefix)) {
      if (isPluginPackageName(name)) found.push({ name, path: childPath(nodeModules, name) });
    } else if (name.startsWith('@')) {
      const scopeFolder = childPath(nodeModules, name);
      beforeReading?.(scopeFolder);
      for (const scoped of readNames(scopeFolder)) {
        const fullName = `${name}/${scoped}`;
        if (scoped.startsWith(pluginPrefix) && isPluginPackageName(fullName)) {
          found.push({ name: fullName, path: childPath(scopeFolder, scoped) });
        }
      }
    }
  }
  return found;
}

// The entries that may be plugins or scopes, picked by one regular
// expression over the whole listing: a JavaScript loop over each of 10,000
// entries is hot enough for V8 to optimise it, at more cost than the loop.
// NUL cannot occur in a file name, so it separates them.
const worthALook = new RegExp(`\\0(${pluginPrefix}[^\\0]*|@[^\\0]*)`, 'g');

function namesWorthALook(names: string[]): string[] {
  if (names.length === 0) return names;
  return Array.from(`\0${names.join('\0')}`.matchAll(worthALook), (match) => match[1]!);
}

function readNames(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    // A missing or unreadable node_modules (or a scope that is a file) holds no plugins.
    return [];
  }
}
