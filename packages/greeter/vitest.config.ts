import { defineConfig } from 'vitest/config';

// These tests start real processes and worker threads; on a busy two-core
// machine a test of several such runs can pass vitest's 5 s default. The
// greeters they start keep their cache in a temporary folder.
export default defineConfig({
  test: { testTimeout: 30_000, globalSetup: ['src/cli/test-helpers/cache-folder-setup.ts'] },
});
