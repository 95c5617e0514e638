import yaml from 'js-yaml';
import { parse as parseJsonc } from 'jsonc-parser';
import { isObject } from '../fetch-packument.js';

/** What a lockfile records of one dependency: the version, and the tarball's integrity where the format keeps it. */
export interface LockedPackage {
  version: string | undefined;
  /** `sha512-…` of the registry tarball; undefined where the format keeps none (Yarn Berry checksums its own zip). */
  integrity: string | undefined;
}

/**
 * npm's package-lock.json, npm-shrinkwrap.json or hidden
 * `node_modules/.package-lock.json`: the entry at the importer's
 * `node_modules/<name>`, else the hoisted one at the root.
 */
export function lockedInNpm(text: string, name: string, importer: string): LockedPackage | undefined {
  const packages = objectAt(JSON.parse(text), 'packages');
  const entry = [importer === '' ? undefined : `${importer}/node_modules/${name}`, `node_modules/${name}`]
    .map((key) => (key === undefined ? undefined : packages[key]))
    .find(isObject);
  if (entry === undefined || entry['link'] === true) return undefined;
  return { version: stringOf(entry['version']), integrity: stringOf(entry['integrity']) };
}

/** pnpm-lock.yaml (lockfile v6 and v9): the importer's dependency, then its `packages` entry's resolution. */
export function lockedInPnpm(text: string, name: string, importer: string): LockedPackage | undefined {
  const lockfile = yaml.load(text);
  const project = objectAt(objectAt(lockfile, 'importers'), importer === '' ? '.' : importer);
  const dependency = ['dependencies', 'optionalDependencies', 'devDependencies']
    .map((field) => objectAt(project, field)[name])
    .find((value) => value !== undefined);
  const reference = isObject(dependency) ? stringOf(dependency['version']) : stringOf(dependency);
  // `1.0.0(@greeter/core@1.2.0)`: the peers pnpm resolved with it; `link:`/`file:` are not from a registry.
  const version = reference?.replace(/\(.*$/, '');
  if (version === undefined || /^[a-z]+:/.test(version)) return undefined;
  const packages = objectAt(lockfile, 'packages');
  const entry = packages[`${name}@${version}`] ?? packages[`/${name}@${version}`];
  return { version, integrity: stringOf(objectAt(entry, 'resolution')['integrity']) };
}

/**
 * yarn.lock, either kind: Yarn 1's own format (`version`, `integrity`) or
 * Yarn Berry's YAML (`version` only: its `checksum` is of the zip Yarn makes,
 * not of the registry's tarball). Entries are keyed by the descriptors that
 * resolve to them, so `spec` is the range package.json gives the package.
 */
export function lockedInYarn(text: string, name: string, spec: string): LockedPackage | undefined {
  if (/^__metadata:/m.test(text)) {
    const descriptor = `${name}@${/^[a-z]+:/.test(spec) ? spec : `npm:${spec}`}`;
    const lockfile = yaml.load(text);
    const entry = isObject(lockfile) ? Object.entries(lockfile).find(([key]) => key.split(/,\s*/).includes(descriptor))?.[1] : undefined;
    if (!isObject(entry) || !String(entry['resolution']).startsWith(`${name}@npm:`)) return undefined;
    return { version: entry['version'] === undefined ? undefined : String(entry['version']), integrity: undefined };
  }
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^[^\s#].*:$/.test(line) && headerSpecs(line).includes(`${name}@${spec}`));
  if (start === -1) return undefined;
  const fields = new Map<string, string>();
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith('  ')) break;
    const field = /^ {2}(\w+) "?([^"]*)"?$/.exec(line);
    if (field) fields.set(field[1]!, field[2]!);
  }
  return { version: fields.get('version'), integrity: fields.get('integrity') };
}

/** bun.lock (text, JSON with trailing commas): `packages[name]` is `["name@version", registry, info, integrity]`. */
export function lockedInBun(text: string, name: string): LockedPackage | undefined {
  const entry = objectAt(parseJsonc(text, [], { allowTrailingComma: true }), 'packages')[name];
  if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !entry[0].startsWith(`${name}@`)) return undefined;
  const version = entry[0].slice(name.length + 1);
  if (/^[a-z]+:/.test(version)) return undefined;
  return { version, integrity: stringOf(entry[3]) };
}

// `"@acme/x@^1.0.0", "@acme/x@^1.1.0":` → ['@acme/x@^1.0.0', '@acme/x@^1.1.0']
function headerSpecs(line: string): string[] {
  return line
    .slice(0, -1)
    .split(/,\s*/)
    .map((spec) => spec.replace(/^"|"$/g, ''));
}

function objectAt(value: unknown, key: string): Record<string, unknown> {
  const field = isObject(value) ? value[key] : undefined;
  return isObject(field) ? field : {};
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
