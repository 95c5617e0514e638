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
 * One install of greeter with npm and one with pnpm, so that the installs
 * that set tests up (see `setupEnv`) find greeter and its dependencies in
 * the run's caches: asked for once, not by each project of each file.
 */
async function warmCaches(folder: string, env: NodeJS.ProcessEnv): Promise<void> {
  const project = (name: string) => {
    const dir = path.join(folder, name);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
    return dir;
  };
  await Promise.all([
    runOkAsync('pnpm', ['add', 'greeter', 'greeter-plugin-chinese'], project('warm-pnpm'), setupEnv(env)),
    runOkAsync('npm', ['install', '--no-audit', '--no-fund', 'greeter', 'greeter-plugin-chinese'], project('warm-npm'), setupEnv(env)),
  ]);
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
    await warmCaches(folder, env);
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
