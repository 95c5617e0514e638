import fs from 'node:fs';
import { divert, doneLater, swapFirst } from './divert.js';
import { type Dispose, type GuardContext, inReverse } from './part.js';

/**
 * The `node:fs` calls that take a file descriptor: a write to fd 1 goes to
 * fd 2, and truncating fd 1 does nothing (it would cut greeter's result).
 */
export function installFsDescriptors(_context: GuardContext): Dispose {
  const isStdout = ([fd]: unknown[]) => fd === 1;
  return inReverse([
    ...['write', 'writeSync', 'writev', 'writevSync'].map((name) => swapFirst(fs, name, (fd) => (fd === 1 ? 2 : fd))),
    divert(fs, 'ftruncateSync', isStdout, () => undefined),
    divert(fs, 'ftruncate', isStdout, doneLater),
  ]);
}
