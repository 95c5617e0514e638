import path from 'node:path';
import { GreeterError, displayText } from '@greeter/core';
import { lockfileCandidates, readInstallRecord, type InstallPlace } from '../../registry/installed/read-install-record.js';
import type { VerifiedVersion } from '../../registry/verification.js';
import { dependencyOf, installedFolder, readPackageJson, type InstallTarget } from './_change-plugins.js';

/** What confirmed that the package installed is the one verified. */
export interface InstalledCheck {
  /** The lockfile whose entry was compared, if any. */
  lockfile: string | undefined;
  /** Whether a tarball integrity was compared (false: the manager recorded none, only the version was). */
  integrity: boolean;
}

/**
 * Checks that what the package manager just installed is the version greeter
 * verified, at the integrity it verified: the lockfile's entry (project or
 * workspace lockfile, a global folder's own, npm's or pnpm's hidden one) and
 * the package.json in node_modules. Where the manager keeps no tarball
 * integrity (Yarn Berry checksums its own zip; npm writes no lockfile for
 * global packages), the version is all there is to compare, and that is
 * compared.
 *
 * @throws GreeterError `GREETER_SIGNATURE_INVALID` when a record differs from
 *   what was verified, or when nothing records what was installed.
 */
export function checkInstalledIsVerified(target: InstallTarget, verified: VerifiedVersion, manager: string): InstalledCheck {
  const { name, version } = verified;
  const nodeModules = installedFolder(target, name);
  const record = readInstallRecord(installPlace(target, name, nodeModules), name);
  const installedVersion = nodeModules === undefined ? undefined : readPackageJson(path.join(nodeModules, name, 'package.json'))?.['version'];
  const differs = (what: string, file: string) =>
    new GreeterError(
      'GREETER_SIGNATURE_INVALID',
      `${manager} installed ${name} ${what} (${displayText(file)}), not the ${displayText(version, 40)} at ${displayText(verified.integrity ?? 'the integrity', 100)} that greeter verified (a registry that served it another package than it served greeter, or an override in the project).`,
    );
  if (typeof installedVersion === 'string' && installedVersion !== version) {
    throw differs(displayText(installedVersion, 40), path.join(nodeModules!, name, 'package.json'));
  }
  if (record?.version !== undefined && record.version !== version) throw differs(displayText(record.version, 40), record.file);
  const recorded = sha512Of(record?.integrity);
  const expected = sha512Of(verified.integrity ?? undefined);
  if (recorded !== undefined && expected !== undefined && recorded !== expected) {
    throw differs(`${displayText(record!.version ?? '', 40)} at ${displayText(record!.integrity!, 100)}`, record!.file);
  }
  if (record === undefined && typeof installedVersion !== 'string') {
    throw new GreeterError(
      'GREETER_SIGNATURE_INVALID',
      `${manager} left no record of the ${name} it installed (no lockfile entry, no package.json in node_modules), so greeter cannot tell it is the ${displayText(version, 40)} it verified.`,
    );
  }
  return { lockfile: record?.file, integrity: recorded !== undefined && expected !== undefined };
}

// Where the records are: the project (its lockfile may be a workspace root's,
// the folder `target.files` found it in), or the global folder holding the package.
function installPlace(target: InstallTarget, name: string, nodeModules: string | undefined): InstallPlace {
  if (target.root !== undefined) {
    const lockfile = target.files.find((file) => path.basename(file) !== 'package.json');
    const folder = lockfile === undefined ? target.root : path.dirname(lockfile);
    return {
      root: target.root,
      spec: dependencyOf(path.join(target.root, 'package.json'), name),
      lockfiles: lockfileCandidates(folder, nodeModules ?? path.join(target.root, 'node_modules')),
    };
  }
  if (nodeModules === undefined) return { root: '', spec: undefined, lockfiles: [] };
  const folder = path.dirname(nodeModules);
  return { root: folder, spec: dependencyOf(path.join(folder, 'package.json'), name), lockfiles: lockfileCandidates(folder, nodeModules) };
}

// The sha512 part of an integrity string (`sha512-… sha1-…` may hold several).
function sha512Of(integrity: string | undefined): string | undefined {
  return integrity?.split(/\s+/).find((hash) => hash.startsWith('sha512-'));
}
