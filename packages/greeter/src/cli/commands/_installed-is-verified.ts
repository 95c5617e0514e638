import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { signatureMessages, type InstalledInstead } from '@greeter/core/messages';
import type { Registry } from '../../registry/find-registry.js';
import { fetchVerifiedTarball, firstDifference, tarballFiles } from '../../registry/installed/installed-files.js';
import { lockfileCandidates, readInstallRecord, type InstallPlace } from '../../registry/installed/read-install-record.js';
import type { VerifiedVersion } from '../../registry/verification.js';
import { dependencyOf, installedFolder, readPackageJson, type InstallTarget } from './_change-plugins.js';

/** What confirmed that the package installed is the one verified. */
export interface InstalledCheck {
  /** The lockfile whose entry was compared, if any. */
  lockfile: string | undefined;
  /**
   * How the tarball was compared: `integrity` (the manager's record of it),
   * `files` (no record: the files installed against the tarball verified),
   * or `version` only (no integrity to verify, or no folder to compare).
   */
  compared: 'integrity' | 'files' | 'version';
}

/**
 * Checks that what the package manager just installed is the version greeter
 * verified, at the integrity it verified: the lockfile's entry (project or
 * workspace lockfile, a global folder's own, npm's or pnpm's hidden one) and
 * the package.json in node_modules. Where the manager keeps no tarball
 * integrity (Yarn Berry checksums its own zip; npm writes no lockfile for
 * global packages), the tarball verified is fetched, checked against the
 * integrity verified, and its files compared with those installed. (Yarn's
 * Plug'n'Play keeps the package in a zip: there, only the version is.)
 *
 * @throws GreeterError `GREETER_SIGNATURE_INVALID` when a record differs from
 *   what was verified, or when nothing records what was installed.
 */
export async function checkInstalledIsVerified(target: InstallTarget, registry: Registry, verified: VerifiedVersion, manager: string): Promise<InstalledCheck> {
  const { name, version } = verified;
  const nodeModules = installedFolder(target, name);
  const record = readInstallRecord(installPlace(target, name, nodeModules), name);
  const installedVersion = nodeModules === undefined ? undefined : readPackageJson(path.join(nodeModules, name, 'package.json'))?.['version'];
  const differs = (installed: InstalledInstead, file: string) => errorFrom(signatureMessages.installedInstead, { manager, name, verified, installed, file });
  if (typeof installedVersion === 'string' && installedVersion !== version) {
    throw differs({ version: installedVersion }, path.join(nodeModules!, name, 'package.json'));
  }
  if (record?.version !== undefined && record.version !== version) throw differs({ version: record.version }, record.file);
  const recorded = sha512Of(record?.integrity);
  const expected = sha512Of(verified.integrity ?? undefined);
  if (recorded !== undefined && expected !== undefined && recorded !== expected) {
    throw differs({ version: record!.version ?? '', integrity: record!.integrity! }, record!.file);
  }
  if (record === undefined && typeof installedVersion !== 'string') {
    throw errorFrom(signatureMessages.noInstallRecord, { manager, name, verified });
  }
  const lockfile = record?.file;
  if (recorded !== undefined && expected !== undefined) return { lockfile, compared: 'integrity' };
  const { integrity, tarball } = verified;
  if (integrity === null || tarball === null || nodeModules === undefined) return { lockfile, compared: 'version' };
  const files = await tarballFiles(await fetchVerifiedTarball(registry, { ...verified, integrity, tarball }));
  const difference = firstDifference(path.join(nodeModules, name), files);
  if (difference !== undefined) throw differs({ difference }, path.join(nodeModules, name));
  return { lockfile, compared: 'files' };
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
      lockfiles: lockfileCandidates(target.manager.name, folder, nodeModules ?? path.join(target.root, 'node_modules')),
    };
  }
  if (nodeModules === undefined) return { root: '', spec: undefined, lockfiles: [] };
  const folder = path.dirname(nodeModules);
  return { root: folder, spec: dependencyOf(path.join(folder, 'package.json'), name), lockfiles: lockfileCandidates(target.manager.name, folder, nodeModules) };
}

// The sha512 part of an integrity string (`sha512-… sha1-…` may hold several).
function sha512Of(integrity: string | undefined): string | undefined {
  return integrity?.split(/\s+/).find((hash) => hash.startsWith('sha512-'));
}
