import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { errorFrom } from '@greeter/core';
import { signatureMessages } from '@greeter/core/messages';
import { readFileBytes } from '@greeter/host/internal';
import { Parser, type ReadEntry } from 'tar';
import { getBytes } from '../fetch-packument.js';
import type { Registry } from '../find-registry.js';
import type { VerifiedVersion } from '../verification.js';

// Where a package manager keeps no record of the tarball it installed (Yarn
// Berry checksums its own zip; npm writes no lockfile for a global package),
// what it installed is compared with the tarball greeter verified, file by file.

/**
 * The tarball of `verified`, fetched from the registry and checked against
 * the integrity greeter verified (its sha512).
 *
 * @throws GreeterError `GREETER_SIGNATURE_INVALID` when it is not that
 *   tarball; `GREETER_REGISTRY_UNREACHABLE` when it cannot be fetched.
 */
export async function fetchVerifiedTarball(registry: Registry, verified: VerifiedVersion & { integrity: string; tarball: string }): Promise<Buffer> {
  const { name, version, integrity, tarball } = verified;
  const bytes = await getBytes(registry, tarball, { kind: 'tarball', name, version });
  const expected = integrity.split(/\s+/).find((hash) => hash.startsWith('sha512-'));
  const actual = bytes === undefined ? undefined : `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
  if (bytes === undefined || expected === undefined || actual !== expected) {
    throw errorFrom(signatureMessages.tarballNotVerified, { name, version, tarball, integrity, actual });
  }
  return bytes;
}

/**
 * The regular files of an npm tarball (gzip'd tar), by path inside the
 * package: the first path segment (`package/`) stripped, as npm does; links
 * and folders left out, as npm leaves them out.
 */
export function tarballFiles(bytes: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  return new Promise((resolve, reject) => {
    const parser = new Parser({
      onReadEntry: (entry: ReadEntry) => {
        const inside = entry.path
          .split('/')
          .slice(1)
          .filter((part) => part !== '' && part !== '.')
          .join('/');
        if (entry.type !== 'File' && entry.type !== 'OldFile' && entry.type !== 'ContiguousFile') return entry.resume();
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => inside !== '' && files.set(inside, Buffer.concat(chunks)));
      },
    });
    parser.on('error', reject);
    parser.on('close', () => resolve(files));
    parser.end(bytes);
  });
}

/**
 * The first difference between the files installed in `folder` and those of
 * the tarball: a file missing, a file with other bytes, or a file the
 * tarball does not hold (outside `node_modules`, where the manager puts the
 * package's dependencies). Undefined when they are the same.
 */
export function firstDifference(folder: string, files: ReadonlyMap<string, Buffer>): string | undefined {
  for (const [file, bytes] of files) {
    let installed: Buffer | undefined;
    try {
      installed = readFileBytes(path.join(folder, file));
    } catch {
      installed = undefined;
    }
    if (installed === undefined) return `${file} is missing`;
    if (!installed.equals(bytes)) return `${file} differs`;
  }
  const extra = installedFiles(folder, '').find((file) => !files.has(file));
  return extra === undefined ? undefined : `${extra} is not in the tarball`;
}

function installedFiles(folder: string, prefix: string): string[] {
  return readdirSync(path.join(folder, prefix), { withFileTypes: true }).flatMap((entry) => {
    const file = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (prefix === '' && entry.name === 'node_modules') return [];
    if (entry.isDirectory()) return installedFiles(folder, file);
    return [file];
  });
}
