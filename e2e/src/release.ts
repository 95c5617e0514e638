import { cpSync } from 'node:fs';
import path from 'node:path';
import { runOk } from './shell.js';

const skipped = new Set(['node_modules', '.git', '.turbo', 'dist']);

/**
 * Releases the workspace as a maintainer would — `pnpm version-packages`,
 * then `pnpm release` (build, then `changeset publish`) — in a copy, so the
 * checkout is untouched: the pending changesets become versions, internal
 * ranges move together, every package is rebuilt with its new version, and
 * every public package is published to the registry the environment names.
 */
export function releaseWorkspace(repoRoot: string, into: string, env: NodeJS.ProcessEnv): void {
  cpSync(repoRoot, into, { recursive: true, filter: (source) => !skipped.has(path.basename(source)) });
  // changesets reads commit ids for changelogs from git.
  runOk('git', ['init', '-q', '-b', 'main'], into, env);
  runOk('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', 'commit', '-q', '--allow-empty', '-m', 'release'], into, env);
  // Everything the lockfile names is already in the store of the checkout it came from.
  runOk('pnpm', ['install', '--offline', '--frozen-lockfile'], into, env);
  runOk('pnpm', ['version-packages'], into, env);
  runOk('pnpm', ['release'], into, { ...env, TURBO_TELEMETRY_DISABLED: '1' });
}
