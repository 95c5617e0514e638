import { defineConfig } from 'vitest/config';

// Real installs through a real registry: minutes, not milliseconds. One
// registry serves every file (see src/global-setup.ts). Two files at a
// time: much of a file's time is spent waiting on package managers, the
// registry and greeter's own time limits, and vitest's default on two
// cores is one.
export default defineConfig({
  test: {
    globalSetup: ['src/global-setup.ts'],
    maxWorkers: 2,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
