import { readdirSync, readlinkSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { GreeterError, isPackageName } from '@greeter/core';
import { isInside, isPlainObject, readJsonFile, realpathOrUndefined } from '../_fs.js';
import { isInstallLocation } from '../layouts/layouts.js';

// A tree larger than this is not searched to the end, so it is refused: a
// link past the limit would go unseen.
const maxEntries = 500_000;

/**
 * Node's permission model checks the path as written, then the system
 * follows symlinks: a link inside a granted folder opens wherever it points.
 * So every granted folder is searched, at any depth, and a link is let be
 * only where it stays inside the granted folders, or where it is
 * `node_modules/<name>` pointing at the package `<name>` as a package
 * manager installed it (a workspace plugin's link to a dev dependency) —
 * whose folder is then searched the same way. A plugin that is itself one
 * of the user's workspace packages may also link to the others (its own
 * code's siblings, as the workspace links them).
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming the first link that leaves.
 */
export function refuseEscapingLinks(pluginName: string, folders: readonly string[], isOwnWorkspacePackage: (target: string) => boolean = () => false): void {
  const inside = (target: string) => folders.some((folder) => isInside(target, folder));
  const searched = new Set<string>();
  const stack = [...folders];
  let entries = 0;
  while (stack.length > 0) {
    const folder = stack.pop()!;
    if (searched.has(folder)) continue;
    searched.add(folder);
    for (const entry of listing(folder)) {
      if (++entries > maxEntries) throw tooLarge(pluginName, folder);
      const item = path.join(folder, entry.name);
      if (entry.isDirectory()) stack.push(item);
      if (!entry.isSymbolicLink()) continue;
      const target = linkTarget(item);
      if (inside(target) || isOwnWorkspacePackage(target)) continue;
      if (isPackageLink(item, target)) stack.push(target);
      else throw escapingLink(pluginName, item, target);
    }
  }
}

function listing(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    // A file, or a folder that cannot be listed: the child cannot list it either.
    return [];
  }
}

// Where a link leads: its real path, or for a dangling one (or a loop) the path it names.
function linkTarget(link: string): string {
  const real = realpathOrUndefined(link);
  if (real !== undefined) return real;
  try {
    return path.resolve(path.dirname(link), readlinkSync(link));
  } catch {
    return link;
  }
}

// `node_modules/<name>` or `node_modules/@scope/<name>` linking to an installed package `<name>`.
function isPackageLink(link: string, target: string): boolean {
  const parts = link.split(path.sep);
  const scoped = parts.at(-2)?.startsWith('@') === true;
  if (parts.at(scoped ? -3 : -2) !== 'node_modules') return false;
  const name = scoped ? `${parts.at(-2)}/${parts.at(-1)}` : parts.at(-1)!;
  if (!isPackageName(name) || !isInstallLocation(target, name)) return false;
  try {
    const manifest = readJsonFile(path.join(target, 'package.json'));
    return isPlainObject(manifest) && manifest['name'] === name;
  } catch {
    return false;
  }
}

function escapingLink(pluginName: string, link: string, target: string): GreeterError {
  return new GreeterError(
    'GREETER_PERMISSION_DENIED',
    `${pluginName} cannot be isolated: ${link} links to ${target}, outside the folders an isolated plugin may read.`,
    {
      hint: `Remove the link. If you trust ${pluginName}, run it in-process: add it to "trust" in your greeter config, or pass --no-isolate for one run.`,
    },
  );
}

function tooLarge(pluginName: string, folder: string): GreeterError {
  return new GreeterError(
    'GREETER_PERMISSION_DENIED',
    `${pluginName} cannot be isolated: its folders hold more than ${maxEntries} entries (at ${folder}), too many to check for links that leave them.`,
    { hint: `If you trust ${pluginName}, run it in-process: add it to "trust" in your greeter config, or pass --no-isolate for one run.` },
  );
}
