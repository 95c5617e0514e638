import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTree, type Tree } from '@greeter/fixtures';

/** A tarball as the registry serves it. */
export interface Packed {
  bytes: Buffer;
  /** `sha512-<base64>`, as `dist.integrity` carries it. */
  integrity: string;
  shasum: string;
}

/** The registry path of a version's tarball: `/<name>/-/<basename>-<version>.tgz`. */
export function tarballPath(name: string, version: string): string {
  return `/${name}/-/${name.split('/').at(-1)}-${version}.tgz`;
}

/** Packs each package folder (package.json written from `manifest`) with one real `npm pack`, by tarball path. */
export function packTarballs(packages: Array<{ manifest: { name: string; version: string }; files: Tree }>, env: Record<string, string>): Map<string, Packed> {
  const tarballs = new Map<string, Packed>();
  if (packages.length === 0) return tarballs;
  const root = makeTree(
    Object.fromEntries(packages.map(({ manifest, files }, index) => [`p${index}`, { ...files, 'package.json': JSON.stringify(manifest) }])),
  );
  const out = makeTree();
  const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', out, ...packages.map((_, index) => `./p${index}`)], {
    cwd: root,
    encoding: 'utf8',
    env,
  });
  if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr}`);
  const results = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  packages.forEach(({ manifest }, index) => {
    const bytes = readFileSync(path.join(out, results[index]!.filename));
    tarballs.set(tarballPath(manifest.name, manifest.version), {
      bytes,
      integrity: `sha512-${createHash('sha512').update(bytes).digest('base64')}`,
      shasum: createHash('sha1').update(bytes).digest('hex'),
    });
  });
  return tarballs;
}
