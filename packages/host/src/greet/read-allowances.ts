import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isPackageName } from '@greeter/core';
import { ancestors, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';
import type { PnpProject } from '../discovery/pnp.js';
import type { PluginCandidate } from '../types.js';

// A plugin with more dependencies than this is read-allowed its closure's
// first packages only; the rest fail to load, as a denied read.
const maxPackages = 1000;

/**
 * The paths an isolated plugin may read: its own package folder and every
 * package its dependencies resolve to (`dependencies`, `optionalDependencies`,
 * `peerDependencies`), followed as Node resolves them. For each dependency
 * both the path Node finds it at (a pnpm symlink) and its real folder are
 * allowed, since the permission model checks the path as read. Nothing
 * else: not the project's sources, not the home folder. A path with `*` in
 * it is left out (the permission model reads `*` as a wildcard).
 */
export function readAllowances(candidate: PluginCandidate): string[] {
  const allowed = new Set<string>([candidate.realPath]);
  const seen = new Set<string>([candidate.realPath]);
  const queue: Array<{ dir: string; packageJson: unknown }> = [{ dir: candidate.realPath, packageJson: candidate.packageJson }];
  while (queue.length > 0 && seen.size < maxPackages) {
    const { dir, packageJson } = queue.shift()!;
    for (const name of dependencyNames(packageJson)) {
      const found = locate(name, dir);
      if (found === undefined) continue;
      allowed.add(found.at);
      if (seen.has(found.real)) continue;
      seen.add(found.real);
      allowed.add(found.real);
      let manifest: unknown;
      try {
        manifest = readJsonFile(path.join(found.real, 'package.json'));
      } catch {
        // A dependency without a readable package.json has no dependencies to follow.
        continue;
      }
      queue.push({ dir: found.real, packageJson: manifest });
    }
  }
  return [...allowed].filter((entry) => !entry.includes('*'));
}

/**
 * The same under Yarn Plug'n'Play, from the map: the project's `.pnp.cjs`
 * (and `.pnp.data.json` when the map is not inlined), and for the plugin and
 * every package it depends on, the zip archive holding it (one file, even in
 * the global cache) or its unplugged folder.
 */
export function pnpReadAllowances(project: PnpProject, candidate: PluginCandidate): string[] {
  const allowed = new Set<string>([project.mapFile, path.join(project.root, '.pnp.data.json')]);
  const seen = new Set<string>();
  const grant = (location: string) => {
    const real = project.api.resolveVirtual?.(location) ?? location;
    const zip = real.indexOf('.zip/');
    allowed.add(zip >= 0 ? real.slice(0, zip + 4) : real.replace(/[/\\]$/, ''));
  };
  const walk = (locator: { name: string | null; reference: string | null }) => {
    const key = `${locator.name}@${locator.reference}`;
    if (seen.has(key) || seen.size >= maxPackages) return;
    seen.add(key);
    const info = project.api.getPackageInformation(locator);
    if (!info) return;
    grant(info.packageLocation);
    for (const [name, reference] of info.packageDependencies) {
      if (reference === null || name === locator.name) continue;
      walk(Array.isArray(reference) ? { name: reference[0], reference: reference[1] } : { name, reference });
    }
  };
  const locator = project.api.findPackageLocator(`${candidate.realPath}${path.sep}`);
  if (locator) walk(locator);
  else grant(candidate.realPath);
  return [...allowed].filter((entry) => !entry.includes('*'));
}

// Only real package names: a dependency named `../../etc` must not open a folder.
function dependencyNames(packageJson: unknown): string[] {
  if (!isPlainObject(packageJson)) return [];
  const names = new Set<string>();
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies']) {
    const value = packageJson[field];
    if (isPlainObject(value)) for (const name of Object.keys(value)) if (isPackageName(name)) names.add(name);
  }
  return [...names];
}

// Where Node finds `name` from a package in `dir`, and that folder's real path.
function locate(name: string, dir: string): { at: string; real: string } | undefined {
  for (const folder of ancestors(dir)) {
    if (path.basename(folder) === 'node_modules') continue;
    const at = path.join(folder, 'node_modules', name);
    if (lstatSync(at, { throwIfNoEntry: false }) === undefined) continue;
    const real = realpathOrUndefined(at);
    return real === undefined ? undefined : { at, real };
  }
  return undefined;
}
