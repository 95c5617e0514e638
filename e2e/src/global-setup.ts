import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startRegistry } from './registry.js';
import { releaseWorkspace } from './release.js';
import { registryEnv } from './shell.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The npm user config that points npm and pnpm at the local registry. */
    userconfig: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Starts one Verdaccio for every test file and releases the workspace into
 * it; the returned teardown stops it and removes its storage, also when a
 * test failed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'greeter-registry-')));
  const registry = await startRegistry(folder);
  try {
    releaseWorkspace(repoRoot, path.join(folder, 'release'), registryEnv(registry.userconfig));
  } catch (error) {
    await registry.stop();
    throw error;
  }
  project.provide('userconfig', registry.userconfig);
  return async () => {
    await registry.stop();
    rmSync(folder, { recursive: true, force: true });
  };
}
