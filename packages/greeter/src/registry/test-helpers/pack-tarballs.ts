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

/** A package folder to pack: package.json is written from `manifest`; the tarball is served at `path`. */
export interface PackageToPack {
  path: string;
  manifest: { name: string; version: string };
  files: Tree;
}

/**
 * Packs each package folder with a real `npm pack`: one run for all of them,
 * or one more for each further package of a name and version already packed
 * (a twin: npm would give both tarballs one file name).
 */
export function packTarballs(packages: PackageToPack[], env: Record<string, string>): Map<string, Packed> {
  const batches: PackageToPack[][] = [];
  for (const next of packages) {
    const id = `${next.manifest.name}@${next.manifest.version}`;
    const batch = batches.find((packed) => !packed.some(({ manifest }) => `${manifest.name}@${manifest.version}` === id));
    if (batch) batch.push(next);
    else batches.push([next]);
  }
  return new Map(batches.flatMap((batch) => [...packBatch(batch, env)]));
}

function packBatch(packages: PackageToPack[], env: Record<string, string>): Map<string, Packed> {
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
  return new Map(
    packages.map(({ path: served }, index) => {
      const bytes = readFileSync(path.join(out, results[index]!.filename));
      const digest = (algorithm: string, encoding: 'base64' | 'hex') => createHash(algorithm).update(bytes).digest(encoding);
      return [served, { bytes, integrity: `sha512-${digest('sha512', 'base64')}`, shasum: digest('sha1', 'hex') }];
    }),
  );
}
