import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { makeTree } from '@greeter/fixtures';
import { settleMs } from '../discovery/_fingerprint.js';
import { createContainment } from '../discovery/containment.js';
import { discoverPlugins } from '../discovery/discover-plugins.js';
import { type DiscoveryReader, indexFileFor, openDiscoveryIndex } from '../discovery/discovery-index.js';
import type { LayoutEnvironment } from '../layouts/layouts.js';
import type { Discovery } from '../types.js';

// Runs of full discovery on real trees, fresh and through a discovery index,
// compared as the data a command shows: names, versions, languages, where
// each plugin is and what it shadows, and each problem's code.

/** What a run needs besides its folder: global folders (from `env`) and the host package. */
export interface RunSetup {
  env?: Record<string, string> | undefined;
  builtinsFrom?: string | undefined;
}

const key = 'test';

/** Full discovery in `cwd` through `reader` (default: fresh). */
export function run(cwd: string, setup: RunSetup = {}, reader?: DiscoveryReader): Discovery {
  const machine: LayoutEnvironment = {
    env: setup.env ?? {},
    platform: 'linux',
    home: '/nonexistent-greeter-home',
    uid: 1000,
    execPath: '/nonexistent/bin/node',
  };
  return discoverPlugins({
    cwd,
    config: null,
    global: setup.env === undefined ? undefined : machine,
    builtinsFrom: setup.builtinsFrom,
    containment: createContainment(machine),
    addCommand: (name) => `npm i ${name}`,
    reader,
  });
}

/** Discovery as a command shows it. */
export function summary(discovery: Discovery) {
  return {
    candidates: discovery.candidates.map((candidate) => ({
      name: candidate.name,
      version: candidate.version,
      languages: candidate.languages,
      source: candidate.source,
      path: candidate.path,
      realPath: candidate.realPath,
      packageJson: candidate.packageJson,
      shadows: candidate.shadows,
    })),
    problems: discovery.problems.map((problem) => ({ name: problem.name, path: problem.path, code: problem.error.code })),
    searched: discovery.searched,
  };
}

/** A fresh search, reading everything. */
export function freshRun(cwd: string, setup: RunSetup = {}) {
  return summary(run(cwd, setup, undefined));
}

/** A cache folder of its own, and the index file the runs below use in it. */
export function newIndexFile(): string {
  return indexFileFor(makeTree(), key);
}

/** A start time after everything written so far has settled: a run made a while later. */
export function later(): number {
  return Date.now() + settleMs + 1000;
}

/** A search through the index in `file`, started at `readStartedAt`, which then saves the index. */
export function indexedRun(file: string, cwd: string, readStartedAt: number, setup: RunSetup = {}) {
  const index = openDiscoveryIndex(file, key, readStartedAt);
  const discovery = summary(run(cwd, setup, index));
  index.save();
  return discovery;
}

interface StoredIndex {
  listings: Record<string, { folders: Array<[string, unknown]>; names: string[] }>;
  manifests: Record<string, { fingerprint: unknown; json: Record<string, unknown> }>;
}

/** The node_modules folders and package.json files the index file keeps, relative to `root`. */
export function keptIn(file: string, root: string): { listings: string[]; manifests: string[] } {
  let data: StoredIndex;
  try {
    data = JSON.parse(readFileSync(file, 'utf8')) as StoredIndex;
  } catch {
    return { listings: [], manifests: [] };
  }
  const relative = (paths: string[]) => paths.map((entry) => path.relative(root, entry)).sort();
  return { listings: relative(Object.keys(data.listings)), manifests: relative(Object.keys(data.manifests)) };
}

/**
 * Changes what the index file says while keeping its stat data: a run that
 * answers from the index shows the change, a run that reads the file system
 * does not.
 */
export function tamper(file: string, edit: (data: StoredIndex) => void): void {
  const data = JSON.parse(readFileSync(file, 'utf8')) as StoredIndex;
  edit(data);
  writeFileSync(file, JSON.stringify(data));
}
