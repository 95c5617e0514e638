import { GreeterError } from '@greeter/core';
import type { DiscoveryProblem, PluginCandidate } from '../types.js';
import { isDiscoveryProblem, readPluginPackage, type PluginFolder } from './read-plugin-package.js';

/**
 * Reads a plugin folder found by name, and refuses it by name when its real
 * path lies outside the folders that were searched: a symlink or NODE_PATH
 * entry pointing elsewhere is never used.
 */
export function checkedRead(folder: PluginFolder, from: string, isSearched: (realPath: string) => boolean): PluginCandidate | DiscoveryProblem {
  const entry = readPluginPackage(folder);
  if (isDiscoveryProblem(entry) || isSearched(entry.realPath)) return entry;
  return {
    name: entry.name,
    path: entry.path,
    source: entry.source,
    error: new GreeterError(
      'GREETER_PLUGIN_LOAD_FAILED',
      `${entry.name} resolves to ${entry.realPath}, outside the folders greeter searches from ${from}.`,
      { hint: 'Install the plugin into the project, or name its folder with `--plugin <path>` or in the config `plugins`.' },
    ),
  };
}
