import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isPackageName } from '@greeter/core';
import { ancestors, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';
import { isListedWorkspacePackage, listingWorkspaceRoot } from '../discovery/containment.js';
import type { PnpProject } from '../discovery/pnp.js';
import { isInstallLocation } from '../layouts/layouts.js';
import type { PluginCandidate } from '../types.js';
import { refuseEscapingLinks } from './link-scan.js';

// A plugin with more packages than this in its closure is granted the first
// ones only; the rest fail to load, as a denied read.
const maxPackages = 1000;

/**
 * The paths an isolated plugin may read: its own package folder, and the
 * folders of the packages its package.json names (`dependencies`,
 * `optionalDependencies`, `peerDependencies`), transitively, found as Node
 * resolves them. A dependency counts only where a package manager installed
 * it: its real path is `<…>/node_modules/<name>` and its package.json is
 * named `<name>`. A workspace package, a `link:` target or whatever else a
 * link points at does not count — except that a plugin which is itself a
 * listed workspace package (the user's own code) may read the workspace
 * packages of the same workspace it depends on. For each dependency both the
 * path Node finds it at (a pnpm symlink) and its real folder are granted,
 * since the permission model checks the path as read.
 *
 * Then every granted folder is searched for links that leave them, at any
 * depth (see {@link refuseEscapingLinks}); a workspace plugin's links to the
 * other packages of its workspace (its dev dependencies there) are let be,
 * not granted.
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming a link that leaves.
 */
export function readGrants(candidate: PluginCandidate): string[] {
  const workspace = listingWorkspaceRoot(candidate.realPath, realpathOrUndefined);
  const installed = (name: string, real: string) =>
    isInstallLocation(real, name) || (workspace !== undefined && isListedWorkspacePackage(real, workspace, realpathOrUndefined));
  const links = new Set<string>();
  const folders = new Set<string>([candidate.realPath]);
  const queue: Array<{ dir: string; packageJson: unknown }> = [{ dir: candidate.realPath, packageJson: candidate.packageJson }];
  while (queue.length > 0 && folders.size < maxPackages) {
    const { dir, packageJson } = queue.shift()!;
    for (const name of dependencyNames(packageJson)) {
      const found = locate(name, dir);
      if (found === undefined || !installed(name, found.real)) continue;
      if (folders.has(found.real)) {
        if (found.at !== found.real) links.add(found.at);
        continue;
      }
      const manifest = readManifest(found.real);
      if (!isPlainObject(manifest) || manifest['name'] !== name) continue;
      if (found.at !== found.real) links.add(found.at);
      folders.add(found.real);
      queue.push({ dir: found.real, packageJson: manifest });
    }
  }
  refuseEscapingLinks(candidate.name, [...folders], (target) => workspace !== undefined && isListedWorkspacePackage(target, workspace, realpathOrUndefined));
  // The permission model reads `*` in a path as a wildcard: such a path is never granted.
  return [...folders, ...links].filter((entry) => !entry.includes('*'));
}

/**
 * The same under Yarn Plug'n'Play, from the map: the project's `.pnp.cjs`
 * (and `.pnp.data.json` when the map is not inlined), and for the plugin and
 * every package it depends on, the zip archive holding it (one file, even in
 * the global cache) or its unplugged folder.
 */
export function pnpReadGrants(project: PnpProject, candidate: PluginCandidate): string[] {
  const allowed = new Set<string>([project.mapFile, path.join(project.root, '.pnp.data.json')]);
  const seen = new Set<string>();
  const grant = (location: string) => {
    const real = project.api.resolveVirtual?.(location) ?? location;
    allowed.add(archiveOf(real).replace(/[/\\]$/, ''));
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

/** The zip archive a path inside one is read from (`…/x.zip/node_modules/y` → `…/x.zip`); any other path as it is. */
export function archiveOf(file: string): string {
  const zip = file.indexOf('.zip/');
  return zip >= 0 ? file.slice(0, zip + 4) : file;
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

function readManifest(folder: string): unknown {
  try {
    return readJsonFile(path.join(folder, 'package.json'));
  } catch {
    // A package without a readable package.json has no name to match and no dependencies to follow.
    return undefined;
  }
}
