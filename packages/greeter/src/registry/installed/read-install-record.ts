import { existsSync } from 'node:fs';
import path from 'node:path';
import type { PackageManagerName } from '@greeter/host';
import { readTextFile } from '@greeter/host/internal';
import { lockedInBun, lockedInNpm, lockedInPnpm, lockedInYarn, type LockedPackage } from './lockfile-formats.js';

/** Where a package manager just installed a package, and the files that record it. */
export interface InstallPlace {
  /** The folder whose package.json names the package: the project, or the global folder (pnpm: the package's own). */
  root: string;
  /** The range that package.json gives the package (yarn keys its entries by it). */
  spec: string | undefined;
  /** Candidate lockfiles, most authoritative first; absent ones are skipped. */
  lockfiles: string[];
}

/** A lockfile's record of what was installed, and the file it was read from. */
export interface InstallRecord extends LockedPackage {
  file: string;
}

// The lockfiles each manager writes beside a package.json, and its hidden ones in node_modules.
const lockfilesOf: Record<PackageManagerName, { beside: string[]; hidden: string[] }> = {
  npm: { beside: ['npm-shrinkwrap.json', 'package-lock.json'], hidden: ['.package-lock.json'] },
  pnpm: { beside: ['pnpm-lock.yaml'], hidden: ['.pnpm/lock.yaml'] },
  yarn: { beside: ['yarn.lock'], hidden: [] },
  bun: { beside: ['bun.lock'], hidden: [] },
};

/**
 * The lockfiles `manager` keeps for a project (its own or its workspace
 * root's) or a global folder, then its hidden ones in node_modules. Only
 * that manager's: another's lockfile left in the project records an older
 * install, not the one just made.
 */
export function lockfileCandidates(manager: PackageManagerName, lockfileFolder: string, nodeModules: string | undefined): string[] {
  const { beside, hidden } = lockfilesOf[manager];
  return [...beside.map((name) => path.join(lockfileFolder, name)), ...(nodeModules === undefined ? [] : hidden.map((name) => path.join(nodeModules, name)))];
}

/**
 * What the package manager recorded about `name` after installing it: the
 * entry of the first lockfile that has one (npm's, pnpm's, yarn's either
 * kind, bun's text lockfile; npm's and pnpm's hidden ones in node_modules).
 * Reads files only; a file it cannot parse is passed over.
 */
export function readInstallRecord(place: InstallPlace, name: string): InstallRecord | undefined {
  for (const file of place.lockfiles) {
    if (!existsSync(file)) continue;
    const entry = lockedIn(file, name, place);
    if (entry !== undefined) return { ...entry, file };
  }
  return undefined;
}

function lockedIn(file: string, name: string, { root, spec }: InstallPlace): LockedPackage | undefined {
  const base = path.basename(file);
  const hidden = path.basename(path.dirname(file)) === 'node_modules' || base === 'lock.yaml';
  // A workspace lockfile keys a member's dependencies by its folder, relative to the lockfile's.
  const importer = hidden ? '' : path.relative(path.dirname(file), root).split(path.sep).join('/');
  let text: string;
  try {
    text = readTextFile(file);
    if (base.endsWith('.json')) return lockedInNpm(text, name, importer);
    if (base === 'pnpm-lock.yaml' || base === 'lock.yaml') return lockedInPnpm(text, name, importer);
    if (base === 'bun.lock') return lockedInBun(text, name);
    return spec === undefined ? undefined : lockedInYarn(text, name, spec);
  } catch {
    // Unreadable or unparsable: this file records nothing greeter can use.
    return undefined;
  }
}
