import fs from 'node:fs';
import { divert, swapFirst } from './divert.js';
import { type Dispose, type GuardContext, inReverse } from './part.js';

/**
 * The `node:fs` calls that open a file for writing later: opening a path to
 * stdout opens stderr instead, and a write stream on fd 1 or on such a
 * path writes to fd 2 (left open: it is greeter's).
 */
export function installFsOpeners({ stdout }: GuardContext): Dispose {
  const settingsOf = (options: unknown) => (typeof options === 'string' ? { encoding: options } : (options ?? {})) as { fd?: unknown };
  return inReverse([
    ...['open', 'openSync'].map((name) => swapFirst(fs, name, (file) => (stdout.isPath(file) ? stdout.stderrPath() : file))),
    divert(
      fs,
      'createWriteStream',
      ([file, options]) => {
        const { fd } = settingsOf(options);
        return fd === 1 || (fd === undefined && stdout.isPath(file));
      },
      ([, options], original) => original(null, { ...settingsOf(options), fd: 2, autoClose: false }),
    ),
  ]);
}
