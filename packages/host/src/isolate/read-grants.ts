import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isPackageName } from '@greeter/core';
import { ancestors, isInside, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';
import { isListedWorkspacePackage, listingWorkspaceRoot } from '../discovery/containment.js';
import type { PnpProject } from '../discovery/pnp.js';
import { isInstallLocation } from '../layouts/layouts.js';
import type { PluginCandidate } from '../types.js';
import { packageGrants, refuseEscapingLinks, refuseStrayLinks } from './link-scan.js';

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
 * path Node finds it at (a link, granted as a root of its own) and its real
 * folder are granted; a folder holding a `node_modules` is granted entry by
 * entry without it (see {@link packageGrants}).
 *
 * Then every granted tree is searched for links that could leave it, at any
 * depth (see {@link refuseEscapingLinks}).
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming such a link.
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
  const trees = [...folders].flatMap(packageGrants);
  refuseEscapingLinks(candidate.name, trees, [...links]);
  const isPackage = (link: string, target: string) => isPackageLink(link, target, workspace);
  for (const folder of folders) refuseStrayLinks(candidate.name, folder, isPackage);
  // The permission model reads `*` in a path as a wildcard: such a path is never granted.
  return [...trees, ...links].filter((entry) => !entry.includes('*'));
}

/**
 * The same under Yarn Plug'n'Play, from the map: the project's `.pnp.cjs`
 * (and `.pnp.data.json` when the map is not inlined), the plugin's own
 * location, and, for every package it depends on, the zip archive holding
 * it (one file, even in the global cache) or its unplugged folder — only
 * where Yarn installed it (`…/node_modules/<name>` inside an archive or the
 * unplugged folder): a `link:` or `portal:` target, or a workspace package,
 * is not granted, unless the plugin is itself a workspace package of that
 * project and the dependency another. Folders are searched for links as
 * elsewhere.
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming a link that could leave.
 */
export function pnpReadGrants(project: PnpProject, candidate: PluginCandidate): string[] {
  const files = new Set<string>([project.mapFile, path.join(project.root, '.pnp.data.json')]);
  const folders = new Set<string>();
  const isWorkspace = (location: string) => isInside(location, project.root) && !location.split(path.sep).includes('node_modules');
  const pluginIsWorkspace = isWorkspace(candidate.realPath);
  const grant = (location: string, name: string | null, own: boolean) => {
    const real = (project.api.resolveVirtual?.(location) ?? location).replace(/[/\\]$/, '');
    if (real.includes('.zip/')) {
      if (own || (name !== null && isInstallLocation(real, name))) files.add(archiveOf(real));
    } else if (own || (name !== null && isInstallLocation(real, name)) || (pluginIsWorkspace && isWorkspace(real))) folders.add(real);
  };
  const seen = new Set<string>();
  const walk = (locator: { name: string | null; reference: string | null }, own: boolean) => {
    const key = `${locator.name}@${locator.reference}`;
    if (seen.has(key) || seen.size >= maxPackages) return;
    seen.add(key);
    const info = project.api.getPackageInformation(locator);
    if (!info) return;
    grant(info.packageLocation, locator.name, own);
    for (const [name, reference] of info.packageDependencies) {
      if (reference === null || name === locator.name) continue;
      walk(Array.isArray(reference) ? { name: reference[0], reference: reference[1] } : { name, reference }, false);
    }
  };
  const locator = project.api.findPackageLocator(`${candidate.realPath}${path.sep}`);
  if (locator) walk(locator, true);
  else grant(candidate.realPath, null, true);
  const trees = [...folders].flatMap(packageGrants);
  refuseEscapingLinks(candidate.name, trees);
  return [...files, ...trees].filter((entry) => !entry.includes('*'));
}

/** The zip archive a path inside one is read from (`…/x.zip/node_modules/y` → `…/x.zip`); any other path as it is. */
export function archiveOf(file: string): string {
  const zip = file.indexOf('.zip/');
  return zip >= 0 ? file.slice(0, zip + 4) : file;
}

// `node_modules/<name>` or `node_modules/@scope/<name>` linking to an
// installed package `<name>`, or, for a workspace plugin, to another listed
// workspace package.
function isPackageLink(link: string, target: string, workspace: string | undefined): boolean {
  const parts = link.split(path.sep);
  const scoped = parts.at(-2)?.startsWith('@') === true;
  if (parts.at(scoped ? -3 : -2) !== 'node_modules') return false;
  const name = scoped ? `${parts.at(-2)}/${parts.at(-1)}` : parts.at(-1)!;
  if (!isPackageName(name)) return false;
  if (workspace !== undefined && isListedWorkspacePackage(target, workspace, realpathOrUndefined)) return true;
  const manifest = readManifest(target);
  return isInstallLocation(target, name) && isPlainObject(manifest) && manifest['name'] === name;
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
