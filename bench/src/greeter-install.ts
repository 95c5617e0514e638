import { lstatSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { Pkg } from './generate.js';

interface Manifest {
  name: string;
  version: string;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const dependencyFields = ['dependencies', 'peerDependencies', 'optionalDependencies'] as const;

/**
 * Reads the greeter CLI as a registry install would lay it down: greeter and
 * the packages of this workspace it depends on (@greeter/host, @greeter/core,
 * greeter-plugin-english), as their published files, with `workspace:`
 * ranges written out as `pnpm publish` does; their outside dependencies
 * (cosmiconfig, semver, …) as links to this workspace's installed copies.
 *
 * Copied, not linked to the workspace: greeter takes its built-in plugin
 * (english) from the folder it runs from, which after a real install is
 * inside the project, laid out the project's way.
 */
export function loadGreeterInstall(greeterDir: string): Pkg[] {
  const packages = new Map<string, Pkg>();
  const visit = (folder: string): Pkg => {
    const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Manifest;
    const known = packages.get(manifest.name);
    if (known !== undefined) return known;
    if (folder.split(path.sep).includes('node_modules')) {
      const linked: Pkg = { name: manifest.name, version: manifest.version, linkTo: folder };
      packages.set(manifest.name, linked);
      return linked;
    }
    const names = dependencyFields.flatMap((field) => Object.keys(manifest[field] ?? {}));
    const pkg: Pkg = { name: manifest.name, version: manifest.version, dependencies: names, files: {} };
    packages.set(manifest.name, pkg);
    const versions = new Map(names.map((name) => [name, visit(findDependency(folder, name)).version]));
    pkg.files = { ...publishedFiles(folder, manifest), 'package.json': JSON.stringify(publishedManifest(manifest, versions), null, 2) };
    return pkg;
  };
  visit(realpathSync(greeterDir));
  return [...packages.values()];
}

// The folder Node would load `name` from, starting at `from`.
function findDependency(from: string, name: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const candidate = path.join(folder, 'node_modules', name);
    if (lstatSync(candidate, { throwIfNoEntry: false }) !== undefined) return realpathSync(candidate);
    if (path.dirname(folder) === folder) throw new Error(`${name}, a dependency of ${from}, is not installed: run pnpm install.`);
  }
}

// The folders `files` names (bin, dist), without the test files it excludes.
function publishedFiles(folder: string, manifest: Manifest): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (relative: string): void => {
    const absolute = path.join(folder, relative);
    if (lstatSync(absolute).isDirectory()) {
      for (const entry of readdirSync(absolute)) walk(path.join(relative, entry));
    } else if (!path.basename(relative).includes('.test.')) {
      files[relative] = readFileSync(absolute, 'utf8');
    }
  };
  for (const entry of manifest.files ?? []) {
    if (!entry.startsWith('!') && lstatSync(path.join(folder, entry), { throwIfNoEntry: false }) !== undefined) walk(entry);
  }
  return files;
}

// `workspace:^` becomes `^<version>`, `workspace:*` the version itself, as
// pnpm publishes it; a real range means the host checks it with semver, as
// it will for users.
function publishedManifest(manifest: Manifest, versions: Map<string, string>): Manifest {
  const published: Manifest = { ...manifest };
  delete published.devDependencies;
  for (const field of dependencyFields) {
    const ranges = manifest[field];
    if (ranges === undefined) continue;
    published[field] = Object.fromEntries(Object.entries(ranges).map(([name, range]) => [name, publishedRange(range, versions.get(name) ?? '0.0.0')]));
  }
  return published;
}

function publishedRange(range: string, version: string): string {
  if (!range.startsWith('workspace:')) return range;
  const rest = range.slice('workspace:'.length);
  if (rest === '*') return version;
  if (rest === '^' || rest === '~') return `${rest}${version}`;
  return rest;
}
