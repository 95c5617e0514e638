import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTree, type Tree } from '@greeter/fixtures';

const lockfile = JSON.stringify(
  { name: 'project', version: '1.0.0', lockfileVersion: 3, requires: true, packages: { '': { name: 'project', version: '1.0.0' } } },
  null,
  2,
);

/** An npm project: package.json and package-lock.json, nothing installed yet. */
export function npmProject(extra: Tree = {}): string {
  return makeTree({ 'package.json': '{\n  "name": "project",\n  "version": "1.0.0"\n}\n', 'package-lock.json': `${lockfile}\n`, ...extra });
}

/** package.json and package-lock.json as bytes (base64), to compare before and after. */
export function bytesOf(root: string): Record<string, string> {
  return Object.fromEntries(['package.json', 'package-lock.json'].map((file) => [file, readFileSync(path.join(root, file), 'base64')]));
}
