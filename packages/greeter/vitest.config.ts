import { defineConfig } from 'vitest/config';

// These tests start real processes and worker threads; on a busy two-core
// machine a test of several such runs can pass vitest's 5 s default.
export default defineConfig({
  test: { testTimeout: 30_000 },
});
