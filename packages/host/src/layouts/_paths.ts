import path from 'node:path';
import { isInside } from '../_fs.js';

/**
 * The virtual store a real path lies in, if any: the folder up to
 * `node_modules/.pnpm` (pnpm) or `node_modules/.bun` (bun's isolated
 * linker), or a pnpm global virtual store's `<store>/v<N>/links`.
 */
export function virtualStoreRootOf(realPath: string): string | undefined {
  const segments = realPath.split(path.sep);
  for (let index = segments.length - 1; index > 0; index--) {
    const segment = segments[index];
    const isProjectStore = (segment === '.pnpm' || segment === '.bun') && segments[index - 1] === 'node_modules';
    const isLinks = segment === 'links' && /^v\d+$/.test(segments[index - 1] ?? '');
    if (isProjectStore || isLinks) return segments.slice(0, index + 1).join(path.sep);
  }
  return undefined;
}

/**
 * The node_modules folder a package was installed into, from its real
 * folder: `<x>/node_modules/greeter` or, in a project's virtual store,
 * `<x>/node_modules/.pnpm/greeter@1.0.0/node_modules/greeter` — both
 * `<x>/node_modules`. Undefined for pnpm's global virtual store, whose
 * folders hold one package's own dependencies only.
 */
export function installedBeside(packageDir: string): string | undefined {
  const store = virtualStoreRootOf(packageDir);
  if (store !== undefined) return path.basename(store) === 'links' ? undefined : path.dirname(store);
  const parent = path.dirname(packageDir);
  const folder = path.basename(parent).startsWith('@') ? path.dirname(parent) : parent;
  return path.basename(folder) === 'node_modules' ? folder : undefined;
}

/**
 * Whether a real folder is where a package manager puts the package `name`:
 * `<…>/node_modules/<name>`. Every layout greeter knows ends so — a
 * project's node_modules, pnpm's and bun's virtual stores, pnpm's global
 * virtual store, Yarn's unplugged folder and cache archives, global folders
 * — and a source folder a link points at (a workspace package, `link:`,
 * the home folder) does not.
 */
export function isInstallLocation(realPath: string, name: string): boolean {
  const suffix = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}`;
  return realPath.endsWith(suffix);
}

/** True when `child` lies strictly below `parent`. */
export function isBelow(child: string, parent: string): boolean {
  return child !== parent && isInside(child, parent);
}

/** A path with `/` separators, for matching layouts by pattern. */
export function posixOf(file: string): string {
  return file.split(path.sep).join('/');
}
