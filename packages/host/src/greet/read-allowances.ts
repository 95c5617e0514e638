import { lstatSync } from 'node:fs';
import path from 'node:path';
import { ancestors, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';
import type { PluginCandidate } from '../types.js';

// A plugin with more dependencies than this is read-allowed its closure's
// first packages only; the rest fail to import, as a denied read.
const maxPackages = 1000;

/**
 * The folders an isolated plugin may read: its own package folder and the
 * real folders of every package its dependencies resolve to, followed
 * through `dependencies`, `optionalDependencies` and `peerDependencies` from
 * each package's real folder up the node_modules tree, as Node resolves them
 * (pnpm: each package's folder in the virtual store; npm: folders of the
 * project's node_modules). Nothing else: not the project, not the home folder.
 */
export function readAllowances(candidate: PluginCandidate): string[] {
  const allowed = new Set<string>([candidate.realPath]);
  const queue: Array<{ dir: string; packageJson: unknown }> = [{ dir: candidate.realPath, packageJson: candidate.packageJson }];
  while (queue.length > 0 && allowed.size < maxPackages) {
    const { dir, packageJson } = queue.shift()!;
    for (const name of dependencyNames(packageJson)) {
      const found = locate(name, dir);
      if (found === undefined || allowed.has(found)) continue;
      allowed.add(found);
      let manifest: unknown;
      try {
        manifest = readJsonFile(path.join(found, 'package.json'));
      } catch {
        // A dependency without a readable package.json has no dependencies to follow.
        continue;
      }
      queue.push({ dir: found, packageJson: manifest });
    }
  }
  return [...allowed];
}

function dependencyNames(packageJson: unknown): string[] {
  if (!isPlainObject(packageJson)) return [];
  const names = new Set<string>();
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const value = packageJson[field];
    if (isPlainObject(value)) for (const name of Object.keys(value)) names.add(name);
  }
  return [...names];
}

// The real folder Node would resolve `name` to from a package in `dir`.
function locate(name: string, dir: string): string | undefined {
  for (const folder of ancestors(dir)) {
    if (path.basename(folder) === 'node_modules') continue;
    const candidate = path.join(folder, 'node_modules', name);
    if (lstatSync(candidate, { throwIfNoEntry: false }) !== undefined) return realpathOrUndefined(candidate);
  }
  return undefined;
}
