import { lstatSync } from 'node:fs';
import path from 'node:path';
import { ancestors } from '../_fs.js';
import type { DiscoveryProblem, PluginCandidate, PluginSource } from '../types.js';
import { checkedRead } from './checked-read.js';
import { isInSearchedFolder } from './searched-folders.js';

/**
 * Looks for one package by name in the node_modules of `from` and each
 * parent, nearest first, as Node resolves it — touching only that name's
 * folder, never listing node_modules. Undefined when no folder has it.
 */
export function findInNodeModules(
  from: string,
  packageName: string,
  { source, origin }: { source: PluginSource; origin?: string } = { source: 'project' },
): PluginCandidate | DiscoveryProblem | undefined {
  for (const folder of ancestors(from)) {
    const nodeModules = path.join(folder, 'node_modules');
    const candidate = path.join(nodeModules, packageName);
    // lstat: a broken link here is this name's copy, reported, not skipped.
    if (lstatSync(candidate, { throwIfNoEntry: false }) === undefined) continue;
    return checkedRead({ path: candidate, source, origin: origin ?? nodeModules, expectedName: packageName }, from, (realPath) =>
      isInSearchedFolder(realPath, from),
    );
  }
  return undefined;
}
