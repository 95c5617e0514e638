import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { startRegistry } from './registry.js';
import { releaseWorkspace } from './release.js';
import { registryEnv, runOkAsync, setupEnv } from './shell.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The npm user config that points npm and pnpm at the local registry. */
    userconfig: string;
  }
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * One install of greeter with pnpm, so that the installs that set tests up
 * (see `setupEnv`) find greeter's metadata and its dependencies' in the
 * run's cache: asked for once, not by each project of each file.
 */
async function warmMetadata(folder: string, env: NodeJS.ProcessEnv): Promise<void> {
  const project = path.join(folder, 'warm');
  mkdirSync(project);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'warm', version: '1.0.0', private: true }));
  await runOkAsync('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], project, setupEnv(env));
}

/**
 * Starts one Verdaccio for every test file and releases the workspace into
 * it; the returned teardown stops it and removes its storage, also when a
 * test failed.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const folder = realpathSync(mkdtempSync(path.join(tmpdir(), 'greeter-registry-')));
  const registry = await startRegistry(folder);
  try {
    const env = registryEnv(registry.userconfig);
    releaseWorkspace(repoRoot, path.join(folder, 'release'), env);
    await warmMetadata(folder, env);
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
