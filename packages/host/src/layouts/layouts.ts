import { bunLayout } from './bun.js';
import { npmLayout } from './npm.js';
import { pnpmLayout } from './pnpm.js';
import type { GlobalInstall, GlobalLocation, LayoutEnvironment, ManagerLayout, PackageManager } from './types.js';
import { yarnBerryLayout, yarnClassicLayout } from './yarn.js';
import { installedBeside } from './_paths.js';

/**
 * Every package manager's layout, one record each (see ARCHITECTURE.md):
 * discovery, containment, hints, `add -g` and the sandbox's read grants
 * all read these.
 */
export const layouts: readonly ManagerLayout[] = [npmLayout, pnpmLayout, yarnClassicLayout, yarnBerryLayout, bunLayout];

// Which record says whether a real path is a global install, most specific first:
// npm's `<prefix>/lib/node_modules` pattern also matches paths inside the others'.
const globalOwners: readonly ManagerLayout[] = [bunLayout, yarnClassicLayout, pnpmLayout, npmLayout];

/** A manager's switch that turns off lifecycle scripts (Yarn 2+ its own, not npm's). */
export function scriptsOffOf(manager: PackageManager): ManagerLayout['scriptsOff'] {
  return (layouts.find((layout) => layout.manager.agent === manager.agent) ?? npmLayout).scriptsOff;
}

/** The layout of a manager; Yarn 2+ installs globally with npm. */
function layoutOf(manager: PackageManager): ManagerLayout {
  if (manager.agent === 'yarn@berry') return npmLayout;
  return layouts.find((layout) => layout.manager.agent === manager.agent) ?? npmLayout;
}

/**
 * The global node_modules folders to search, highest precedence first,
 * from the environment alone (nothing is spawned): the one greeter itself
 * was installed into (a global folder, or the temporary one of `npx -p` /
 * `pnpm dlx --package`), then npm's, pnpm's, yarn classic's and bun's.
 */
export function findGlobalFolders(environment: LayoutEnvironment, hostDir?: string): string[] {
  const beside = hostDir === undefined ? undefined : installedBeside(hostDir);
  const folders = [...(beside === undefined ? [] : [beside]), ...layouts.flatMap((layout) => layout.globalFolders(environment))];
  return [...new Set(folders)];
}

/** Which manager installed the package at this real folder globally, if one did. */
export function globalInstallOf(realDir: string, environment: LayoutEnvironment): GlobalInstall | undefined {
  for (const layout of globalOwners) {
    const install = layout.globalInstallOf(realDir, environment);
    if (install) return install;
  }
  return undefined;
}

/** Where the packages of every manager's stores and caches lie, outside projects. */
export function storeRoots(environment: LayoutEnvironment): string[] {
  return [...new Set(layouts.flatMap((layout) => layout.storeRoots(environment)))];
}

export { installedBeside, isInstallLocation, virtualStoreRootOf } from './_paths.js';
export { pnpmHomeOf } from './pnpm.js';
export { defaultPrefix as npmDefaultPrefix } from './npm.js';
export type { GlobalInstall, GlobalLocation, LayoutEnvironment, ManagerLayout, PackageManager, PackageManagerName } from './types.js';

/** Where a global add or remove with `install`'s manager works, beside the package at `packageDir` when given. */
export function globalLocationOf(install: GlobalInstall, packageDir: string | undefined, environment: LayoutEnvironment): GlobalLocation {
  return layoutOf(install.manager).globalLocation(install, packageDir, environment);
}
