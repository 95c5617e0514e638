import { defineConfig } from 'vitest/config';

// Real installs through a real registry: minutes, not milliseconds. One
// registry serves every file (see src/global-setup.ts).
export default defineConfig({
  test: {
    globalSetup: ['src/global-setup.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
