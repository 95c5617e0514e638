import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeTree, type Tree } from '@greeter/fixtures';
import type { FakeVersion } from './fake-registry.js';

/** A published plugin version; its @greeter/core peer is optional, so npm installs no core from the fake registry. */
export function installablePlugin(name: string, version: string, coreRange: string, greet = `return 'Saluton Universo';`): FakeVersion {
  return {
    manifest: {
      name,
      version,
      type: 'module',
      main: 'index.js',
      keywords: ['greeter-plugin'],
      peerDependencies: { '@greeter/core': coreRange },
      peerDependenciesMeta: { '@greeter/core': { optional: true } },
    },
    files: { 'index.js': `import { readFileSync } from 'node:fs';\nexport const Greeter = { greet() { ${greet} } };\n` },
  };
}

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
