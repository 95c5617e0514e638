import { lstatSync } from 'node:fs';
import path from 'node:path';
import { ancestors } from '../_fs.js';
import type { DiscoveryProblem, PluginCandidate } from '../types.js';
import { checkedRead } from './checked-read.js';
import { isInSearchedFolder } from './searched-folders.js';

/**
 * Looks for one package by name in the node_modules of `cwd` and each
 * parent, nearest first, as Node resolves it — touching only that name's
 * folder, never listing node_modules. Undefined when no folder has it.
 */
export function findProjectPlugin(cwd: string, packageName: string): PluginCandidate | DiscoveryProblem | undefined {
  for (const folder of ancestors(cwd)) {
    const nodeModules = path.join(folder, 'node_modules');
    const candidate = path.join(nodeModules, packageName);
    // lstat: a broken link here is this name's copy, reported, not skipped.
    if (lstatSync(candidate, { throwIfNoEntry: false }) === undefined) continue;
    return checkedRead({ path: candidate, source: 'project', origin: nodeModules, expectedName: packageName }, cwd, (realPath) =>
      isInSearchedFolder(realPath, cwd),
    );
  }
  return undefined;
}
