import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { GreeterError, isPackageName } from '@greeter/core';
import { ancestors, isInside, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';
import type { PnpProject } from '../discovery/pnp.js';
import type { PluginCandidate } from '../types.js';

// A plugin with more dependencies than this is read-allowed its closure's
// first packages only; the rest fail to load, as a denied read.
const maxPackages = 1000;
// How deep folders are searched for links that leave the allowed folders.
const maxLinkDepth = 32;

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
  const readable = [...allowed].filter((entry) => !entry.includes('*'));
  refuseEscapingLinks(candidate.name, readable);
  return readable;
}

/**
 * Node's permission model checks the path as written and then follows
 * symlinks: a link inside an allowed folder that points elsewhere would open
 * that elsewhere. Packages from a registry hold no links, but a plugin
 * folder named in the config, a workspace package or a `file:` dependency
 * may. Only folder listings are read, and the manifest behind a link in a
 * `node_modules` folder: a link there to the package of the same name (a
 * workspace's link to a dev dependency) opens code, not the user's files,
 * and is let be.
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming the link.
 */
function refuseEscapingLinks(name: string, readable: string[]): void {
  const inside = (target: string) => readable.some((folder) => isInside(target, folder));
  const visit = (folder: string, depth: number): void => {
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      // Not a folder (a file grant), or unreadable: nothing to follow there.
      return;
    }
    for (const entry of entries) {
      const target = path.join(folder, entry.name);
      if (entry.isSymbolicLink()) {
        const real = realpathOrUndefined(target);
        if (real !== undefined && !inside(real) && !isPackageLink(target, real)) {
          throw new GreeterError(
            'GREETER_PERMISSION_DENIED',
            `${name} cannot be isolated: ${target} links to ${real}, outside the folders an isolated plugin may read.`,
            {
              hint: 'Remove the link from the plugin folder, or run the plugin in-process if you trust it: `--no-isolate`.',
            },
          );
        }
      } else if (entry.isDirectory() && depth < maxLinkDepth) visit(target, depth + 1);
    }
  };
  for (const folder of readable) visit(folder, 0);
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

// `node_modules/<name>` or `node_modules/@scope/<name>` linking to the package `name`.
function isPackageLink(link: string, real: string): boolean {
  const parts = link.split(path.sep);
  const scoped = parts.at(-2)?.startsWith('@') === true;
  if (parts.at(scoped ? -3 : -2) !== 'node_modules') return false;
  const name = scoped ? `${parts.at(-2)}/${parts.at(-1)}` : parts.at(-1);
  try {
    const manifest = readJsonFile(path.join(real, 'package.json'));
    return isPlainObject(manifest) && manifest.name === name;
  } catch {
    return false;
  }
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
