import type { FakeVersion } from './fake-registry.js';

/**
 * A plugin version for the fake registry: an ES module whose greet returns
 * the expression `greet` (Esperanto unless told otherwise) (node:fs's readFileSync is imported for it), with
 * the keyword and an optional @greeter/core peer, so npm installs no core
 * from the fake registry.
 */
export function publishedPlugin(
  name: string,
  version: string,
  coreRange: string,
  greet = `'Saluton Universo'`,
  extra: Record<string, unknown> = {},
): FakeVersion {
  return {
    manifest: {
      name,
      version,
      type: 'module',
      main: 'index.js',
      keywords: ['greeter-plugin'],
      peerDependencies: { '@greeter/core': coreRange },
      peerDependenciesMeta: { '@greeter/core': { optional: true } },
      ...extra,
    },
    files: { 'index.js': `import { readFileSync } from 'node:fs';\nexport const Greeter = { greet() { return ${greet}; } };\n` },
  };
}
