import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testPlugin } from '@greeter/testkit';

// The package as the host loads it: its built entry, through the host's loader.
testPlugin(
  {
    dir: new URL('../', import.meta.url),
    cases: [{ expected: 'Hello Universe' }, { options: { name: 'Ada' }, expected: 'Hello Ada' }],
  },
  { describe, it },
);

describe('the built entry', () => {
  // Types only from @greeter/core: under strict peer rules (Yarn Plug'n'Play,
  // pnpm) a user who installed just greeter and this plugin has no core to import.
  it('imports nothing from @greeter/core at run time', () => {
    const entry = readFileSync(new URL('../dist/index.js', import.meta.url), 'utf8');
    expect(entry).not.toContain('@greeter/core');
  });

  // The peer is there for its range alone: optional, so no package manager warns when core is not installed.
  it('declares @greeter/core as an optional peer, with its range', () => {
    const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect([packageJson.peerDependencies['@greeter/core'], packageJson.peerDependenciesMeta]).toEqual([
      expect.any(String),
      { '@greeter/core': { optional: true } },
    ]);
  });
});
