import module from 'node:module';
import path from 'node:path';
import { isPluginPackageName } from '@greeter/core';
import { isInside } from '../_fs.js';

/** A package in Yarn's Plug'n'Play map. */
interface PnpLocator {
  name: string | null;
  reference: string | null;
}

/** What greeter uses of Yarn's PnP API (`pnpapi`, https://yarnpkg.com/advanced/pnpapi). */
export interface PnpApi {
  topLevel: PnpLocator;
  findPackageLocator(location: string): PnpLocator | null;
  getPackageInformation(locator: PnpLocator): { packageLocation: string; packageDependencies: Map<string, string | [string, string] | null> } | null;
  resolveVirtual?(location: string): string | null;
}

/** A Plug'n'Play project: its map, and the package whose dependencies are searched. */
export interface PnpProject {
  api: PnpApi;
  /** The project's root folder (the top-level workspace). */
  root: string;
  /** The `.pnp.cjs` file, shown as the folder searched. */
  mapFile: string;
  locator: PnpLocator;
}

/**
 * The Plug'n'Play project `from` lies in, when greeter runs under Yarn's PnP
 * runtime (`process.versions.pnp`: started by `yarn greeter`, `yarn dlx`):
 * found with the runtime's `module.findPnpApi`. Undefined otherwise.
 */
export function findPnpProject(from: string): PnpProject | undefined {
  if (process.versions['pnp'] === undefined) return undefined;
  const findPnpApi = (module as unknown as { findPnpApi?: (location: string) => PnpApi | null }).findPnpApi;
  const folder = from.endsWith(path.sep) ? from : `${from}${path.sep}`;
  const api = findPnpApi?.(folder);
  const locator = api?.findPackageLocator(folder);
  if (!api || !locator) return undefined;
  const root = stripSlash(api.getPackageInformation(api.topLevel)?.packageLocation ?? folder);
  return { api, root, mapFile: path.join(root, '.pnp.cjs'), locator };
}

/**
 * The plugin packages a PnP package depends on (its `packageDependencies`
 * that follow the naming convention, or only `names`), each at the location
 * the map gives (a folder inside a zip archive, or a virtual path).
 */
export function pnpPluginFolders(project: PnpProject, names?: readonly string[]): Array<{ name: string; path: string }> {
  const dependencies = project.api.getPackageInformation(project.locator)?.packageDependencies;
  const found: Array<{ name: string; path: string }> = [];
  for (const [name, reference] of dependencies ?? []) {
    if (names ? !names.includes(name) : !isPluginPackageName(name)) continue;
    // null: a peer dependency nobody provides.
    if (reference === null) continue;
    const locator = Array.isArray(reference) ? { name: reference[0], reference: reference[1] } : { name, reference };
    const location = project.api.getPackageInformation(locator)?.packageLocation;
    if (location !== undefined) found.push({ name, path: stripSlash(location) });
  }
  return found;
}

/**
 * The containment rule under Plug'n'Play, where the map (written by `yarn
 * install`) is the authority and real paths do not apply: a plugin must live
 * in a package archive of a Yarn cache (the project's `.yarn/cache` or the
 * global cache the map points into), in the project's `.yarn/unplugged`, or
 * be a folder of the project itself (a workspace or `portal:` package).
 */
export function isWithinPnpProject(project: PnpProject, location: string): boolean {
  const resolved = project.api.resolveVirtual?.(location) ?? location;
  if (/\.zip[/\\]node_modules[/\\]/.test(resolved)) return true;
  return isInside(resolved, project.root) && !isInside(resolved, path.join(project.root, 'node_modules'));
}

function stripSlash(location: string): string {
  return location.length > 1 && /[/\\]$/.test(location) ? location.slice(0, -1) : location;
}
