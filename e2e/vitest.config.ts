import { defineConfig } from 'vitest/config';

// Real installs through a real registry: minutes, not milliseconds.
export default defineConfig({
  test: {
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
