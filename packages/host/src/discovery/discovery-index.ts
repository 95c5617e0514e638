import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isPluginPackageName } from '@greeter/core';
import { childPath, isPlainObject, readManifestFile, readTextFile } from '../_fs.js';
import { type Fingerprint, fingerprintOf, isFingerprint, isSettled, isUnchanged, sameFingerprint, statOrUndefined } from './_fingerprint.js';
import { findPluginFolders } from './find-plugin-folders.js';

/** How discovery reads the file system: the plugin folders of a node_modules folder, and package.json files. */
export interface DiscoveryReader {
  /** The plugin folders in one node_modules folder, by name ({@link findPluginFolders}). */
  pluginFolders(nodeModules: string): Array<{ name: string; path: string }>;
  /** A package.json file, parsed ({@link readManifestFile}); throws as it does. */
  readPackageJson(file: string): unknown;
}

/** Reading straight from the file system, keeping nothing. */
export const freshReader: DiscoveryReader = { pluginFolders: (nodeModules) => findPluginFolders(nodeModules), readPackageJson: readManifestFile };

/** A reader that answers from what an earlier run read where nothing changed since, and keeps what it read for the next. */
export interface DiscoveryIndex extends DiscoveryReader {
  /** Writes what this run used and read to the index file, if anything differs from what was there; never throws. */
  save(): void;
}

// What one node_modules folder held: its plugin names, valid while the
// folder and each scope folder in it (the folders listed) are unchanged.
interface Listing {
  folders: Array<[string, Fingerprint]>;
  names: string[];
}

// One package.json, parsed: valid while the file is unchanged.
interface Manifest {
  fingerprint: Fingerprint;
  json: unknown;
}

interface IndexData {
  format: typeof format;
  key: string;
  listings: Record<string, Listing>;
  manifests: Record<string, Manifest>;
}

const format = 1;

/**
 * Opens the discovery index in `file` (for the run identified by `key`:
 * another key, or a file that is missing, unreadable or not an index, is
 * an empty index). A listing or manifest is answered from it only while the
 * stat data of everything it was read from is as it was, and only what had
 * settled before this run began (`readStartedAt`) is kept: a file changed
 * in the same clock tick as the read is read again next time.
 */
export function openDiscoveryIndex(file: string, key: string, readStartedAt = Date.now()): DiscoveryIndex {
  const stored = loadIndex(file, key);
  const kept: IndexData = { format, key, listings: {}, manifests: {} };
  let changed = false;
  return {
    pluginFolders(nodeModules) {
      const listing = own(stored.listings, nodeModules);
      if (isListing(listing) && listing.folders[0]![0] === nodeModules && listing.folders.every(([folder, fingerprint]) => isUnchanged(folder, fingerprint))) {
        kept.listings[nodeModules] = listing;
        return listing.names.map((name) => ({ name, path: childPath(nodeModules, name) }));
      }
      const folders: Listing['folders'] = [];
      let settled = true;
      // Each folder is stat'ed before it is listed: a change in between makes the next run read it again.
      const found = findPluginFolders(nodeModules, (folder) => {
        const stats = statOrUndefined(folder);
        if (stats === undefined || !isSettled(stats, readStartedAt)) settled = false;
        else folders.push([folder, fingerprintOf(stats)]);
      });
      if (settled) kept.listings[nodeModules] = { folders, names: found.map((entry) => entry.name) };
      changed ||= settled || listing !== undefined;
      return found;
    },
    readPackageJson(packageJson) {
      const stats = statOrUndefined(packageJson);
      const manifest = own(stored.manifests, packageJson);
      const fingerprint = stats?.isFile() ? fingerprintOf(stats) : undefined;
      if (fingerprint !== undefined && isManifest(manifest) && sameFingerprint(manifest.fingerprint, fingerprint)) {
        kept.manifests[packageJson] = manifest;
        return manifest.json;
      }
      changed ||= manifest !== undefined;
      const json = readManifestFile(packageJson);
      if (fingerprint !== undefined && isSettled(stats!, readStartedAt)) {
        kept.manifests[packageJson] = { fingerprint, json };
        changed = true;
      }
      return json;
    },
    save() {
      if (!changed) return;
      let text: string;
      try {
        text = JSON.stringify(kept);
      } catch {
        // A manifest nested too deeply to write back (JSON.stringify recurses): that run keeps nothing.
        return;
      }
      writeAtomically(file, text);
    },
  };
}

/**
 * The index a host's full discovery reads through: one file per working
 * folder and host package, in `cacheFolder`. None without a cache folder,
 * or under Plug'n'Play, where the map is the authority and packages lie in
 * archives whose entries carry no stat data of their own. (The fast path
 * reads a few files, fewer than the index is, and goes without it.)
 */
export function openHostIndex(cacheFolder: string | undefined, cwd: string, builtinsFrom: string | undefined): DiscoveryIndex | undefined {
  if (cacheFolder === undefined || process.versions['pnp'] !== undefined) return undefined;
  const key = JSON.stringify([cwd, builtinsFrom ?? null]);
  return openDiscoveryIndex(indexFileFor(cacheFolder, key), key);
}

/** The index file of a run, in the cache folder: one per working folder and host (`key`). */
export function indexFileFor(cacheFolder: string, key: string): string {
  return path.join(cacheFolder, 'discovery', `${hashOf(key)}.json`);
}

function loadIndex(file: string, key: string): Pick<IndexData, 'listings' | 'manifests'> {
  let data: unknown;
  try {
    // Asked first: a missing index is the first run's case, and an error thrown costs its stack.
    if (statOrUndefined(file) === undefined) return { listings: {}, manifests: {} };
    // A regular file only: a FIFO or device put in its place is never waited on.
    data = JSON.parse(readTextFile(file));
  } catch {
    // Unreadable or corrupt: an empty index, and a slower start.
    return { listings: {}, manifests: {} };
  }
  if (!isPlainObject(data) || data['format'] !== format || data['key'] !== key || !isPlainObject(data['listings']) || !isPlainObject(data['manifests'])) {
    return { listings: {}, manifests: {} };
  }
  return { listings: data['listings'] as IndexData['listings'], manifests: data['manifests'] as IndexData['manifests'] };
}

function own<T>(records: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(records, key) ? records[key] : undefined;
}

// Records are checked when used: a damaged one is a miss, and a name that is
// not a plugin package name (a path, say) is never taken from the file.
function isListing(value: unknown): value is Listing {
  if (!isPlainObject(value) || !Array.isArray(value['folders']) || !Array.isArray(value['names'])) return false;
  const folders = value['folders'] as unknown[];
  const names = value['names'] as unknown[];
  return (
    folders.length > 0 &&
    folders.every((entry) => Array.isArray(entry) && typeof entry[0] === 'string' && isFingerprint(entry[1])) &&
    names.every((name) => typeof name === 'string' && isPluginPackageName(name))
  );
}

function isManifest(value: unknown): value is Manifest {
  return isPlainObject(value) && isFingerprint(value['fingerprint']) && Object.hasOwn(value, 'json');
}

// A temporary file renamed over the index: a reader sees the old index or
// the new one, whole, and of two runs writing at once the last one wins.
function writeAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, text, { mode: 0o600 });
    renameSync(temporary, file);
  } catch {
    // A cache that cannot be written (read-only, deleted, full) only means a slower next start.
    removeQuietly(temporary);
  }
}

function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Never written, or in a folder that is gone: nothing to remove.
  }
}

// cyrb53: a 53-bit string hash, enough to name one file per working folder
// (the file holds the whole key, and another key is a miss).
function hashOf(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}
