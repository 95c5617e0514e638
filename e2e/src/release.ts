import { cpSync } from 'node:fs';
import path from 'node:path';
import { runOk } from './shell.js';

const skipped = new Set(['node_modules', '.git', '.turbo']);

/**
 * Releases the workspace as a maintainer would (`pnpm version-packages`,
 * then `changeset publish`), in a copy so the checkout is untouched: the
 * pending changesets become versions, internal ranges move together, and
 * every public package is published to the registry the environment names.
 * The copy keeps each package's built dist, so nothing is rebuilt.
 */
export function releaseWorkspace(repoRoot: string, into: string, env: NodeJS.ProcessEnv): void {
  cpSync(repoRoot, into, { recursive: true, filter: (source) => !skipped.has(path.basename(source)) });
  const changeset = path.join(repoRoot, 'node_modules', '.bin', 'changeset');
  // changesets reads commit ids for changelogs from git.
  runOk('git', ['init', '-q', '-b', 'main'], into, env);
  runOk('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@localhost', 'commit', '-q', '--allow-empty', '-m', 'release'], into, env);
  runOk(changeset, ['version'], into, env);
  runOk(changeset, ['publish'], into, env);
}
