import { existsSync } from 'node:fs';
import path from 'node:path';
import { GreeterError } from '@greeter/core';

/**
 * The project `greeter add` and `remove` change: the nearest folder at or
 * above `cwd` holding a package.json.
 *
 * @throws GreeterError `GREETER_USAGE` outside any project.
 */
export function findProjectRoot(cwd: string): string {
  let folder = path.resolve(cwd);
  for (;;) {
    if (existsSync(path.join(folder, 'package.json'))) return folder;
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  throw new GreeterError('GREETER_USAGE', `${cwd} is not inside a project: no package.json there or in any parent folder.`, {
    hint: 'Create one first (`npm init -y` or `pnpm init`), or point to a project with --cwd <dir>.',
  });
}
