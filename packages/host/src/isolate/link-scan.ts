import { lstatSync, readdirSync, readlinkSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { errorFrom, type GreeterError } from '@greeter/core';
import { isInside, realpathOrUndefined } from '../_fs.js';
import { isolationMessages } from '@greeter/core/messages';

// A tree larger than this is not searched to the end, so it is refused: a
// link past the limit would go unseen.
const maxEntries = 500_000;

/**
 * What of a package folder is granted: the folder itself, or — where it
 * holds a `node_modules` folder — each of its other entries. A package's
 * `node_modules` holds links to other packages (a workspace package's, or
 * pnpm's inside a folder installed with it), and a link in a granted tree
 * that leads up or sideways opens everything around its target (see
 * {@link refuseEscapingLinks}): those links are granted as roots of their
 * own, as dependencies, never as part of a granted tree.
 */
export function packageGrants(folder: string): string[] {
  const entries = listing(folder);
  if (!entries.some((entry) => entry.name === 'node_modules')) return [folder];
  return entries.filter((entry) => entry.name !== 'node_modules').map((entry) => path.join(folder, entry.name));
}

/**
 * Node's permission model checks a path after folding its `..` as text,
 * then the system resolves it, following each link before the `..` that
 * comes after it. So a link to a folder that is not below the link's own
 * folder — `self -> .`, `up -> ../..`, `dep -> ../../other` — lets
 * `link/../..` leave the granted tree while the text stays inside it, and a
 * link into a part of a folder that is not granted (a package's own
 * `node_modules`) reaches what is linked from there. Every granted tree is
 * therefore searched, at any depth, its root too, and a link is let be only
 * where it can do neither: a link to a folder below its own folder and
 * inside the granted trees, or a link to a file inside them. Anything else
 * — a link to a folder up or beside it, to anything outside the granted
 * trees, a dangling link — refuses the plugin before it starts.
 *
 * `trees` are the granted files and folders; `links` the dependency links
 * granted as roots of their own (`node_modules/<name>` of a virtual store or
 * of a package whose `node_modules` is not granted), which no tree holds.
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming the first such link.
 */
export function refuseEscapingLinks(pluginName: string, trees: readonly string[], links: readonly string[] = []): void {
  const isLink = (tree: string) => lstatSync(tree, { throwIfNoEntry: false })?.isSymbolicLink() === true;
  const realTrees = [...new Set(trees.map((tree) => realpathOrUndefined(tree) ?? tree))];
  // What the grants open, without what a tree that is a link would open itself: that link is judged, not trusted.
  const opened = [
    ...trees.filter((tree) => !isLink(tree)).map((tree) => realpathOrUndefined(tree) ?? tree),
    ...links.map((link) => realpathOrUndefined(link) ?? link),
  ];
  const insideGrants = (target: string) => opened.some((root) => isInside(target, root));
  const check = (link: string, folder: string) => {
    const target = realpathOrUndefined(link);
    const isFolder = target !== undefined && statSync(target, { throwIfNoEntry: false })?.isDirectory() === true;
    const safe = target !== undefined && insideGrants(target) && (!isFolder || (target !== folder && isInside(target, folder)));
    if (!safe) throw escapingLink(pluginName, link, target ?? danglingTarget(link));
  };
  for (const tree of trees) {
    if (isLink(tree)) check(tree, realpathOrUndefined(path.dirname(tree)) ?? path.dirname(tree));
  }
  const searched = new Set<string>();
  const stack = [...realTrees];
  let entries = 0;
  while (stack.length > 0) {
    const folder = stack.pop()!;
    if (searched.has(folder)) continue;
    searched.add(folder);
    for (const entry of listing(folder)) {
      if (++entries > maxEntries) throw tooLarge(pluginName, folder);
      const item = path.join(folder, entry.name);
      if (entry.isDirectory()) stack.push(item);
      else if (entry.isSymbolicLink()) check(item, folder);
    }
  }
}

/**
 * A package's own `node_modules`, which is not granted (see
 * {@link packageGrants}), still may not hold links that lead anywhere but to
 * packages: a link `node_modules/<name>` (or `@scope/<name>`) to a package
 * of that name a package manager installed — or, for a plugin that is one of
 * the user's workspace packages, to another of them — and any other link
 * inside the package folder itself (`.bin`). Searched at any depth; nothing
 * behind an allowed package link is granted, so it is not followed.
 *
 * @throws GreeterError `GREETER_PERMISSION_DENIED` naming a link that leads elsewhere.
 */
export function refuseStrayLinks(pluginName: string, packageFolder: string, isPackage: (link: string, target: string) => boolean): void {
  const stack = [path.join(packageFolder, 'node_modules')];
  let entries = 0;
  while (stack.length > 0) {
    const folder = stack.pop()!;
    for (const entry of listing(folder)) {
      if (++entries > maxEntries) throw tooLarge(pluginName, folder);
      const item = path.join(folder, entry.name);
      if (entry.isDirectory()) stack.push(item);
      if (!entry.isSymbolicLink()) continue;
      const target = realpathOrUndefined(item);
      if (target === undefined || !(isInside(target, packageFolder) || isPackage(item, target)))
        throw escapingLink(pluginName, item, target ?? danglingTarget(item));
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

// The path a dangling link (or a loop) names.
function danglingTarget(link: string): string {
  try {
    return path.resolve(path.dirname(link), readlinkSync(link));
  } catch {
    return link;
  }
}

function escapingLink(pluginName: string, link: string, target: string): GreeterError {
  return errorFrom(isolationMessages.escapingLink, { name: pluginName, link, target });
}

function tooLarge(pluginName: string, folder: string): GreeterError {
  return errorFrom(isolationMessages.tooManyEntries, { name: pluginName, limit: maxEntries, folder });
}
